package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.text.Vectors;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Picks the lasting facts of a session: a chat model's list when one is configured, otherwise the
 * sentences that state something about the speaker (first person, with a verb of being, having,
 * liking or doing) and the sentences of important records.
 */
public final class Consolidation {
    private Consolidation() {}

    /** Cosine similarity above which a new fact counts as one already known. */
    public static final double DUPLICATE_COSINE = 0.95;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern FIRST_PERSON_FACT = Pattern.compile(
            "\\b(i|i'm|i've|my|we|our|we're)\\b.*\\b(am|is|are|was|have|has|had|like|likes|love|loves|prefer|prefers"
                    + "|hate|hates|work|works|worked|live|lives|lived|moved|want|need|always|never|usually|favou?rite"
                    + "|allergic|born|started|joined|bought|adopted|married)\\b",
            Pattern.CASE_INSENSITIVE);

    /**
     * @param summarizer a chat model that lists the facts, or null to pick sentences
     * @return the candidate long-term facts of a session's turns, with ids derived from their text
     */
    public static List<MemoryRecord> facts(List<Entry> turns, String session, @Nullable ChatModel summarizer, Instant now) {
        List<MemoryRecord> out = new ArrayList<>();
        if (summarizer != null) {
            StringBuilder prompt = new StringBuilder("List the lasting facts and preferences about the people in this "
                    + "conversation, one short self-contained sentence per line, with no numbering and nothing else.\n\n");
            for (Entry e : turns) {
                String speaker = e.metadata().get("speaker");
                prompt.append(speaker != null ? speaker + ": " : "").append(e.text()).append('\n');
            }
            String answer;
            try {
                answer = summarizer.chat(prompt.toString());
            } catch (RuntimeException e) {
                throw AiOsException.retriable("the summarizer failed while consolidating session " + session + ": "
                        + e.getMessage() + "; retry, or remove the summarizer to use extractive consolidation", e);
            }
            Instant at = turns.get(turns.size() - 1).at();
            for (String line : answer.split("\\R")) {
                String fact = line.strip().replaceFirst("^[-*•\\d.)\\s]+", "");
                if (!fact.isEmpty()) {
                    out.add(record(fact, at, 0.7, session, null));
                }
            }
            return out;
        }
        for (Entry e : turns) {
            String speaker = e.metadata().get("speaker");
            for (String sentence : SENTENCE_END.split(e.text())) {
                String s = sentence.strip();
                if (s.length() < 8 || s.endsWith("?")) {
                    continue;
                }
                if (e.importance() >= 0.7 || FIRST_PERSON_FACT.matcher(s).find()) {
                    out.add(record(s, e.at(), Math.max(0.6, e.importance()), session, speaker));
                }
            }
        }
        return out;
    }

    /**
     * @param nearest the closest long-term memory to a text, by meaning
     * @return the facts, once each, that are not already known: no long-term memory has their id
     *     or nearly the same meaning
     */
    public static List<MemoryRecord> notYetKnown(List<MemoryRecord> facts, UnitEmbedder embedder,
            Function<String, List<MemoryHit>> nearest) {
        List<MemoryRecord> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MemoryRecord fact : facts) {
            if (!seen.add(fact.id())) {
                continue;
            }
            List<MemoryHit> near = nearest.apply(fact.text());
            boolean known = false;
            if (!near.isEmpty()) {
                MemoryRecord other = near.get(0).record();
                List<float[]> pair = embedder.embed(List.of(fact.text(), other.text()));
                // unit vectors: their dot product is their cosine
                known = other.id().equals(fact.id()) || Vectors.dot(pair.get(0), pair.get(1)) >= DUPLICATE_COSINE;
            }
            if (!known) {
                fresh.add(fact);
            }
        }
        return fresh;
    }

    private static MemoryRecord record(String text, Instant at, double importance, String session, @Nullable String speaker) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("from.session", session);
        meta.put("source", "consolidation");
        if (speaker != null) {
            meta.put("speaker", speaker);
        }
        String textWithSpeaker = speaker != null ? speaker + ": " + text : text;
        return new MemoryRecord("lt:" + digest(textWithSpeaker.toLowerCase(Locale.ROOT).replaceAll("\\W+", " ").strip()),
                MemoryLayer.LONG_TERM, textWithSpeaker, at, importance, meta);
    }

    static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
