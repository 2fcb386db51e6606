package dev.aios.samples.briefing;

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
 * and the thing asked for replaces the old one.
 */
final class ReplyDrafter {
    static final Pattern OBJECT = Pattern.compile(
            "\\b(?:could|can|would) you (?:please )?(?:send|share|forward|give)(?: me| us)? (.+?)(?:\\?|\\.|\\n|$)",
            Pattern.CASE_INSENSITIVE);
    private static final java.util.Set<String> PREPOSITIONS = java.util.Set.of("from", "for", "to", "of", "on", "in", "with", "about");
    /** Below this similarity the old reply's other sentences are left out of the draft. */
    private static final double CLOSE = 0.5;
    private static final Pattern GREETING = Pattern.compile("^(Hi|Hello|Dear) [^,\\n]+,", Pattern.MULTILINE);

    /** A past exchange: what was asked (quoted in the reply) and what the user answered. */
    private record Past(MailItem reply, String request, String answer, float[] vector) {}

    /** A draft, and the past reply it was adapted from. */
    record Draft(MailItem request, String to, String subject, String text, String basedOn, double similarity) {}

    private final List<Past> past = new ArrayList<>();

    ReplyDrafter(List<MailItem> sent) {
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
                past.add(new Past(reply, request, answer.toString().strip(), Embeddings.normalised(request)));
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
        for (Past p : past) {
            double sim = Embeddings.cosine(v, p.vector());
            if (sim > bestSim) {
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
        return Optional.of(new Draft(request, to, "Re: " + request.subject(), text,
                "your reply to " + best.reply().to().replaceAll("\\s*<.*>", "") + " about '" + best.reply().subject()
                        .replaceFirst("^Re: ", "") + "'", bestSim));
    }

    /** "here is" or "here are", by the number of the thing asked for ("the slides from..." are). */
    static String agree(String text, String object) {
        String[] words = object.toLowerCase(Locale.ROOT).split("\\s+");
        String head = words[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            if (PREPOSITIONS.contains(words[i])) {
                head = words[i - 1];
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
