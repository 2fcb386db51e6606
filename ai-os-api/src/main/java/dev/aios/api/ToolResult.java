package dev.aios.api;

/**
 * What a tool call returned: its text, and whether the tool reported an error. A tool that
 * throws is reported by the runtime as an error result with the exception's message.
 *
 * @param text the result as text (JSON text for structured results)
 * @param error whether the call failed
 */
public record ToolResult(String text, boolean error) {

    /** Validates. */
    public ToolResult {
        Checks.notNull(text, "tool result text");
    }

    /** @return a successful result */
    public static ToolResult success(String text) {
        return new ToolResult(text, false);
    }

    /** @return a failed result whose text says what went wrong */
    public static ToolResult failure(String message) {
        return new ToolResult(message, true);
    }
}
