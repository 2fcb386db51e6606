package dev.aios.samples.briefing;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a brain's reply draft is good enough to put in front of the user: not empty,
 * short (a routine reply is a few lines), greeting the sender the way the user does, nothing a
 * model says about itself, and no placeholder left to fill in. Whether its facts belong to its
 * request is {@link FactCheck}'s question. A rejected draft is not shown; the router learns from
 * the verdict.
 */
final class DraftCheck {
    /** Most words a routine reply may have. */
    static final int MAX_WORDS = 120;
    private static final Pattern SELF_TALK = Pattern.compile(
            "\\b(as an ai|as a language model|i am an ai|i'm an ai|language model|i cannot assist|i can't assist)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\[[^\\]\\n]{1,40}\\]|\\{\\{[^}\\n]*}}|<(your|their|recipient|sender)[^>\\n]*>|\\bXXX\\b",
            Pattern.CASE_INSENSITIVE);

    private DraftCheck() {}

    /**
     * @param draft the brain's text
     * @param firstName the sender's first name
     * @param example the user's reply the brain was shown as the voice to write in
     * @return why the draft is rejected, or empty when it is accepted
     */
    static Optional<String> problem(String draft, String firstName, String example) {
        String text = draft.strip();
        if (text.isEmpty()) {
            return Optional.of("the answer was empty");
        }
        int words = text.split("\\s+").length;
        if (words > MAX_WORDS) {
            return Optional.of("the answer had " + words + " words, more than " + MAX_WORDS);
        }
        if (SELF_TALK.matcher(text).find()) {
            return Optional.of("the answer talks about itself as a model");
        }
        var placeholder = PLACEHOLDER.matcher(text);
        if (placeholder.find()) {
            return Optional.of("the answer has an unresolved placeholder " + placeholder.group());
        }
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        String greeting = greetingWord(example);
        boolean namesSender = !firstName.isBlank()
                && first.toLowerCase(Locale.ROOT).contains(firstName.toLowerCase(Locale.ROOT));
        boolean sameStyle = !greeting.isEmpty() && first.toLowerCase(Locale.ROOT).startsWith(greeting.toLowerCase(Locale.ROOT));
        if (!namesSender && !sameStyle) {
            return Optional.of("the answer does not greet " + firstName
                    + (greeting.isEmpty() ? "" : " (or open with '" + greeting + "' as the user does)"));
        }
        return Optional.empty();
    }

    /** The first word of the example's first line ("Hi", "Dear"), or empty. */
    private static String greetingWord(String example) {
        String first = example.strip().lines().findFirst().orElse("").strip();
        String word = first.split("[\\s,]+", 2)[0];
        return word.matches("\\p{L}+") ? word : "";
    }
}
