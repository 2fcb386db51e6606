package dev.aios.runtime.internal;

/** Small text helpers for prompts and messages. */
final class Text {
    private Text() {}

    /** @return {@code text} cut to {@code max} characters, with an ellipsis when cut */
    static String abbreviate(String text, int max) {
        String oneLine = text.strip();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, Math.max(0, max - 1)) + "…";
    }
}
