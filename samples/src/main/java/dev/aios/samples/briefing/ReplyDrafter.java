package dev.aios.samples.briefing;

import dev.aios.api.text.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts replies to routine requests in the user's own voice, without a generative model: finds
 * the past request most like the new one among those the user answered (MiniLM embeddings of
 * the request each sent reply quotes), and adapts that reply: the greeting names the new sender,
 * and the thing asked for replaces the old one. Drafts the user edited count as replies too, and
 * are preferred over older sent replies: an edit is the user's latest word on their own voice.
 */
final class ReplyDrafter {
    static final Pattern OBJECT = Pattern.compile(
            "\\b(?:could|can|would) you (?:please )?(?:send|share|forward|give)(?: me| us)? (.+?)(?:\\?|\\.|\\n|$)",
            Pattern.CASE_INSENSITIVE);
    private static final java.util.Set<String> PREPOSITIONS = java.util.Set.of("from", "for", "to", "of", "on", "in", "with", "about");
    /** Below this similarity the old reply's other sentences are left out of the draft. */
    private static final double CLOSE = 0.5;
    private static final Pattern GREETING = Pattern.compile("^(Hi|Hello|Dear) [^,\\n]+,", Pattern.MULTILINE);

    /** How much closer an edited draft counts than a sent reply when choosing the voice to follow. */
    static final double EDIT_PREFERENCE = 0.15;

    /** A past exchange: what was asked and what the user answered (sent, or an edited draft). */
    private record Past(String basedOn, String request, String answer, float[] vector, boolean edited) {}

    /**
     * A draft, and the past reply it was adapted from.
     *
     * @param example the past reply's own text (before adapting): the voice a brain is shown
     * @param edited whether that past reply is a draft the user edited
     */
    record Draft(MailItem request, String to, String subject, String text, String basedOn, double similarity,
            String example, boolean edited) {}

    /**
     * A draft the user edited, kept in long-term memory.
     *
     * @param messageId the request it answers
     * @param to who it answers (a name)
     * @param subject the request's subject
     * @param request the sentence of the request that asks for something
     * @param text the user's edited reply
     */
    record Edit(String messageId, String to, String subject, String request, String text) {}

    private final List<Past> past = new ArrayList<>();

    ReplyDrafter(List<MailItem> sent) {
        this(sent, List.of());
    }

    ReplyDrafter(List<MailItem> sent, List<Edit> edits) {
        for (Edit e : edits) {
            if (OBJECT.matcher(e.request()).find() && !e.text().isBlank()) {
                past.add(new Past("your edited draft to " + e.to() + " about '" + e.subject() + "'", e.request(),
                        e.text().strip(), Embeddings.normalised(e.request()), true));
            }
        }
        for (MailItem reply : sent) {
            StringBuilder quoted = new StringBuilder();
            StringBuilder answer = new StringBuilder();
            boolean inQuote = false;
            for (String line : reply.body().split("\n", -1)) {
                if (line.startsWith(">")) {
                    quoted.append(line.substring(1).strip()).append(' ');
                } else if (line.startsWith("On ") && line.strip().endsWith("wrote:")) {
                    inQuote = true;
                } else if (!inQuote) {
                    answer.append(line).append('\n');
                }
            }
            String request = quoted.toString().strip();
            if (!request.isEmpty() && OBJECT.matcher(request).find()) {
                past.add(new Past("your reply to " + reply.to().replaceAll("\\s*<.*>", "") + " about '"
                        + reply.subject().replaceFirst("^Re: ", "") + "'", request, answer.toString().strip(),
                        Embeddings.normalised(request), false));
            }
        }
    }

    /** @return how many past replies the drafter can learn from */
    int examples() {
        return past.size();
    }

    /** @return a draft for {@code request}, if it asks for something and a past reply fits */
    Optional<Draft> draft(MailItem request) {
        Matcher asked = OBJECT.matcher(request.body());
        if (!asked.find() || past.isEmpty()) {
            return Optional.empty();
        }
        String object = asked.group(1).strip();
        float[] v = Embeddings.normalised(asked.group(0));
        Past best = null;
        double bestSim = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Past p : past) {
            double sim = Embeddings.cosine(v, p.vector());
            double score = sim + (p.edited() ? EDIT_PREFERENCE : 0);
            if (score > bestScore) {
                bestScore = score;
                bestSim = sim;
                best = p;
            }
        }
        Matcher old = OBJECT.matcher(best.request());
        String text = GREETING.matcher(best.answer()).replaceFirst("$1 " + Matcher.quoteReplacement(request.firstName()) + ",");
        if (old.find() && containsIgnoreCase(text, old.group(1).strip())) {
            String was = old.group(1).strip();
            int at = text.toLowerCase(Locale.ROOT).indexOf(was.toLowerCase(Locale.ROOT));
            text = text.substring(0, at) + object + text.substring(at + was.length());
        } else {
            text = text.replaceFirst(",\\n\\n", ",\n\nhere is " + Matcher.quoteReplacement(object) + ".\n\n");
        }
        text = agree(text, object);
        if (bestSim < CLOSE) {
            text = firstSentenceOnly(text, object);
        }
        String to = request.fromName().isBlank() ? request.fromAddress() : request.fromName() + " <" + request.fromAddress() + ">";
        return Optional.of(new Draft(request, to, "Re: " + request.subject(), text, best.basedOn(), bestSim,
                best.answer(), best.edited()));
    }

    /** "here is" or "here are", by the number of the thing asked for ("the slides from..." are). */
    static String agree(String text, String object) {
        List<String> words = Words.of(object);
        if (words.isEmpty()) {
            return text;
        }
        String head = words.get(words.size() - 1);
        for (int i = 1; i < words.size(); i++) {
            if (PREPOSITIONS.contains(words.get(i))) {
                head = words.get(i - 1);
                break;
            }
        }
        boolean plural = head.endsWith("s") && !head.endsWith("ss");
        String quoted = Pattern.quote(object);
        return text.replaceAll("(?i)\\bhere (is|are) " + quoted, Matcher.quoteReplacement((plural ? "here are " : "here is ") + object));
    }

    /**
     * Keeps, of the paragraph naming the thing asked for, only its first sentence: what else the
     * old reply said ("the action items are at the end") may not fit a request that is not close.
     */
    private static String firstSentenceOnly(String text, String object) {
        int at = text.indexOf(object);
        int end = at < 0 ? -1 : text.indexOf(". ", at + object.length());
        int paragraphEnd = at < 0 ? -1 : text.indexOf("\n\n", at);
        if (end < 0 || paragraphEnd < 0 || end > paragraphEnd) {
            return text;
        }
        return text.substring(0, end + 1) + text.substring(paragraphEnd);
    }

    private static boolean containsIgnoreCase(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
