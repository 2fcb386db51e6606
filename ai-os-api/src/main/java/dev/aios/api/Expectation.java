package dev.aios.api;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What a plan step's result must show for the step to count as done. Rules are checked first
 * and need no model: the result must not be an error, must contain {@code contains} (ignoring
 * case) when set, and must match the regular expression {@code matches} when set. The
 * {@code description} is for people and for verifiers that ask a brain.
 *
 * @param description the expectation in words (may be empty)
 * @param contains text the result must contain, ignoring case, or null
 * @param matches a regular expression the result must match somewhere (find), or null
 */
public record Expectation(String description, @Nullable String contains, @Nullable String matches) {

    /**
     * The longest {@code matches} pattern accepted, in characters. A brain writes the pattern, so
     * it is untrusted input; real checks are a few dozen characters, and a short cap keeps
     * compiling it cheap. (Matching time is bounded where the pattern runs, by the verifier.)
     */
    public static final int MAX_PATTERN_LENGTH = 1_000;

    private static final Expectation NONE = new Expectation("", null, null);

    /**
     * Validates; an invalid regular expression, or one longer than {@link #MAX_PATTERN_LENGTH},
     * is rejected here, not at verification.
     */
    public Expectation {
        Checks.notNull(description, "expectation description");
        if (matches != null) {
            if (matches.length() > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException("expectation 'matches' is " + matches.length()
                        + " characters long, more than the " + MAX_PATTERN_LENGTH + " allowed: use a shorter pattern");
            }
            try {
                Pattern.compile(matches);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "expectation 'matches' is not a valid regular expression: " + matches, e);
            }
        }
    }

    /** @return the expectation that only asks for a result without error */
    public static Expectation none() {
        return NONE;
    }

    /** @return an expectation that the result contains {@code text}, ignoring case */
    public static Expectation contains(String text) {
        return new Expectation("result contains '" + text + "'", Checks.notBlank(text, "contains"), null);
    }

    /** @return an expectation that the result matches {@code regex} somewhere */
    public static Expectation matches(String regex) {
        return new Expectation("result matches /" + regex + "/", null, Checks.notBlank(regex, "matches"));
    }

    /** @return whether this expectation has any rule beyond "no error" */
    public boolean hasRules() {
        return contains != null || matches != null;
    }
}
