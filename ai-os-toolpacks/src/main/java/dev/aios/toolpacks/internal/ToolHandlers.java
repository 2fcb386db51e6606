package dev.aios.toolpacks.internal;

/** Small checks the packs' tool code shares. */
public final class ToolHandlers {
    private ToolHandlers() {}

    /** @throws IllegalStateException with {@code denial} (which says what to configure) unless {@code allowed} */
    public static void require(boolean allowed, String denial) {
        if (!allowed) {
            throw new IllegalStateException(denial);
        }
    }

    /** @return {@code text} cut to {@code max} characters, saying how much was cut */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n[cut: showed " + max + " of " + text.length()
                + " characters]";
    }
}
