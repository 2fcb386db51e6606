package dev.aios.samples.briefing;

import dev.aios.api.text.Words;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply a briefing writes without a brain (or when the brain's draft fails the checks): short
 * and honest. It greets the sender the way the user greets (the word of the user's past reply,
 * the sender's first name), acknowledges the request in the sender's own words ("here are the
 * slides from the architecture review"), and signs as the user signs. It states no figure, date,
 * file or link of its own: what the user must add before sending (attach the slides, paste the
 * link, share the access first) is a separate {@linkplain Text#todo() note to the user}, never a
 * bracketed placeholder inside the sendable text.
 */
final class ReplyTemplate {
    /** The sign-off when no past reply shows the user's own. */
    static final String DEFAULT_CLOSING = "Best,";
    private static final Pattern GREETING = Pattern.compile("^(Hi|Hello|Hey|Dear|Good morning|Morning)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Openers a user may start a reply with; the user's own (from the example) is kept when it is one of these. */
    private static final Pattern OPENER = Pattern.compile(
            "^(sure|of course|certainly|happy to help|no problem|absolutely|gladly|yes)(?=[,!.])", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCESS = Pattern.compile("\\b(access|permissions?|invite|invitation|account)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("\\b(link|url|address)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRONOUN = Pattern.compile("\\b(my|your|mine|yours|me|myself)\\b", Pattern.CASE_INSENSITIVE);
    private static final Set<String> PREPOSITIONS = Set.of("from", "for", "to", "of", "on", "in", "with", "about");

    /**
     * A template reply.
     *
     * @param text the sendable reply
     * @param todo what the user must do before sending it, as a sentence to the user ("Attach the
     *     slides from the architecture review: the draft says they are attached.")
     */
    record Text(String text, String todo) {}

    private ReplyTemplate() {}

    /**
     * @param object the thing asked for, in the sender's words ("the slides from the architecture review")
     * @param senderFirstName whom to greet
     * @param voice the user's past reply whose greeting word and sign-off to follow, or empty for the defaults
     * @param userFirstName the name to sign with when the past reply shows no sign-off
     */
    static Text write(String object, String senderFirstName, String voice, String userFirstName) {
        String thing = fromTheUsersSide(object.strip());
        String greeting = greetingWord(voice);
        String opener = opener(voice);
        String ack;
        String todo;
        if (ACCESS.matcher(thing).find()) {
            ack = thing.toLowerCase(Locale.ROOT).startsWith("access")
                    ? "I've given you " + thing + "." : "I've shared " + thing + " with you.";
            todo = "Share " + thing + " with " + senderFirstName + " first: the draft says it is done.";
        } else if (LINK.matcher(thing).find()) {
            ack = "here is " + thing + ".";
            todo = "Paste " + thing + " into the draft.";
        } else {
            boolean plural = plural(thing);
            ack = (plural ? "here are " : "here is ") + thing + ".";
            todo = "Attach " + thing + ": the draft says " + (plural ? "they are" : "it is") + " attached.";
        }
        String text = greeting + " " + senderFirstName + ",\n\n" + opener + ", " + ack + "\n\n"
                + closing(voice, userFirstName);
        return new Text(text, todo);
    }

    /**
     * Whether the head noun of {@code object} is plural ("here are the slides from...", "here is
     * the link to the docs"): the word before its first preposition, or its last.
     */
    static boolean plural(String object) {
        List<String> words = Words.of(object);
        if (words.isEmpty()) {
            return false;
        }
        String head = words.get(words.size() - 1);
        for (int i = 1; i < words.size(); i++) {
            if (PREPOSITIONS.contains(words.get(i))) {
                head = words.get(i - 1);
                break;
            }
        }
        return head.endsWith("s") && !head.endsWith("ss");
    }

    /** The request as the user says it back: "my notes" become "your notes", "your slides" "my slides". */
    static String fromTheUsersSide(String object) {
        StringBuilder out = new StringBuilder();
        Matcher m = PRONOUN.matcher(object);
        while (m.find()) {
            String swapped = switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "my" -> "your";
                case "your" -> "my";
                case "mine" -> "yours";
                case "yours" -> "mine";
                case "me" -> "you";
                default -> "yourself";
            };
            m.appendReplacement(out, swapped);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The word the user greets with in {@code voice} ("Hi", "Dear"), or "Hi". */
    static String greetingWord(String voice) {
        String first = voice.strip().lines().findFirst().orElse("").strip();
        Matcher m = GREETING.matcher(first);
        return m.find() ? m.group(1) : "Hi";
    }

    /** The user's opener in {@code voice} ("sure", "of course"), in the case they write it, or "sure". */
    private static String opener(String voice) {
        List<String> paragraphs = List.of(voice.strip().split("\\n\\s*\\n"));
        if (paragraphs.size() < 2) {
            return "sure";
        }
        Matcher m = OPENER.matcher(paragraphs.get(1).strip());
        return m.find() ? m.group(1) : "sure";
    }

    /**
     * The user's sign-off in {@code voice}: its last paragraph when that is short (at most three
     * lines of at most four words: "Best regards,\nSam"), else {@value #DEFAULT_CLOSING} and the
     * user's first name.
     */
    static String closing(String voice, String userFirstName) {
        String[] paragraphs = voice.strip().split("\\n\\s*\\n");
        String last = paragraphs.length < 2 ? "" : paragraphs[paragraphs.length - 1].strip();
        List<String> lines = last.lines().map(String::strip).toList();
        boolean signOff = !lines.isEmpty() && lines.size() <= 3
                && lines.stream().allMatch(l -> !l.isEmpty() && l.split("\\s+").length <= 4 && !l.matches(".*\\d.*"));
        return signOff ? String.join("\n", lines) : DEFAULT_CLOSING + "\n" + userFirstName;
    }
}
