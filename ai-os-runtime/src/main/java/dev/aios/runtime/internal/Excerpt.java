package dev.aios.runtime.internal;

/**
 * Cuts long texts (tool results, memories, answers) to a size fit for a prompt, an event or a
 * step's detail, so that one huge result cannot flood the next prompt or a listener's log.
 */
final class Excerpt {
    private Excerpt() {}

    /** @return {@code text}, stripped and cut to {@code max} characters, with an ellipsis when cut */
    static String of(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, Math.max(0, max - 1)) + "…";
    }
}
