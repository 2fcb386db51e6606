package dev.aios.bench.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one LoCoMo conversation file: its turns (with session dates) and its questions. */
final class Locomo {
    private Locomo() {}

    /** One turn; {@code text} is what every method indexes: speaker, words, and the caption of a shared photo. */
    record Turn(String id, int session, String speaker, String text, Instant at) {}

    record Question(String text, int category, Set<String> evidence) {}

    record Conversation(String name, List<Turn> turns, List<Question> questions) {}

    private static final DateTimeFormatter DATE = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("h:mm a 'on' d MMMM, yyyy").toFormatter(Locale.ENGLISH);
    private static final Pattern SESSION = Pattern.compile("session_(\\d+)");
    private static final Pattern DIA = Pattern.compile("D\\d+:\\d+");

    static Conversation read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Turn> turns = new ArrayList<>();
        for (int s = 1; root.has("session_" + s) || root.has("session_" + (s + 1)); s++) {
            JsonNode session = root.get("session_" + s);
            if (session == null || !session.isArray()) {
                continue;
            }
            Instant at = LocalDateTime.parse(root.get("session_" + s + "_date_time").asText().strip(), DATE)
                    .toInstant(ZoneOffset.UTC);
            for (JsonNode t : session) {
                String text = t.get("speaker").asText() + ": " + t.get("text").asText();
                if (t.has("blip_caption")) {
                    text += " [shares a photo: " + t.get("blip_caption").asText() + "]";
                }
                turns.add(new Turn(t.get("dia_id").asText(), s, t.get("speaker").asText(), text, at));
            }
        }
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : root.get("qa")) {
            int category = q.get("category").asInt();
            if (category < 1 || category > 4) {
                continue; // category 5 (adversarial) is not a retrieval question
            }
            Set<String> evidence = new LinkedHashSet<>();
            for (JsonNode e : q.get("evidence")) {
                Matcher m = DIA.matcher(e.asText());
                while (m.find()) {
                    evidence.add(m.group());
                }
            }
            if (!evidence.isEmpty()) {
                questions.add(new Question(q.get("question").asText(), category, evidence));
            }
        }
        String name = file.getFileName().toString().replace(".json", "");
        return new Conversation(name, turns, questions);
    }

    static int sessionOf(String sessionKey) {
        Matcher m = SESSION.matcher(sessionKey);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
