package dev.aios.memory.internal;

import java.util.regex.Pattern;

/**
 * Words that place something in time, on both sides of a recall: a question that asks when
 * ("when did...", "how long ago...", "which year...") and a memory that says when ("yesterday",
 * "last week", "in June", "2022"). A memory that answers "when" nearly always says so in its own
 * words, and few memories do, so the match is a strong hint. English only.
 */
final class TimeCues {
    private TimeCues() {}

    /** The value of {@link IndexSchema#CUE} on a document whose text says when. */
    static final String TIME = "time";

    // "may" is left out: as a modal verb it is far more common than the month
    private static final Pattern SAYS_WHEN = Pattern.compile("(?i)\\b(yesterday|today|tonight|tomorrow|last|next|ago"
            + "|recently|lately|earlier|soon|since|until|weekends?|weeks?|months?|years?|days?|mornings?|evenings?"
            + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july"
            + "|august|september|october|november|december|spring|summer|autumn|fall|winter|christmas|(19|20)\\d\\d"
            + "|\\d{1,2}(st|nd|rd|th))\\b");

    private static final Pattern ASKS_WHEN = Pattern.compile("(?i)(^\\W*when\\b|\\bwhen (did|does|do|is|was|were|will"
            + "|has|have|had|are)\\b|\\bhow long\\b|\\b(what|which) (date|day|time|year|month|week|season)\\b"
            + "|\\bin (what|which) (year|month)\\b|\\bhow (many|much) (time|days|weeks|months|years)\\b)");

    /** @return whether {@code text} says when something happened or will */
    static boolean saysWhen(String text) {
        return SAYS_WHEN.matcher(text).find();
    }

    /** @return whether {@code question} asks when something happened, or for how long */
    static boolean asksWhen(String question) {
        return ASKS_WHEN.matcher(question).find();
    }
}
