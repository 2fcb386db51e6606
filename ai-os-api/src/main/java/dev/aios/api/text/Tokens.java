package dev.aios.api.text;

/**
 * The project's one token estimate, for budgets, context-window checks and cost when a provider
 * does not report its counts: about four characters a token, rounded up, never zero. Crude on
 * purpose: it only has to keep budgets honest, not match any tokenizer.
 */
public final class Tokens {
    private Tokens() {}

    /** @return the estimated token count of {@code characters} characters of text */
    public static int estimate(long characters) {
        if (characters < 0) {
            throw new IllegalArgumentException("characters must be >= 0, was " + characters);
        }
        return (int) Math.min(Integer.MAX_VALUE, characters / 4 + 1);
    }

    /** @return the estimated token count of {@code text} (1 for null or empty text) */
    public static int estimate(CharSequence text) {
        return estimate(text == null ? 0 : text.length());
    }
}
