package dev.aios.api;

/**
 * What a tool call returned: its text, whether the tool reported an error, and the result's
 * {@link Provenance}. A tool that throws is reported by the runtime as an error result with the
 * exception's message.
 *
 * <p>Tools need not label what they return: the runtime labels every result it receives (by the
 * tool and the call's arguments, see the flow policy) before anything else reads it. A result
 * nobody labelled is {@link Provenance#unknown()}.
 *
 * @param text the result as text (JSON text for structured results)
 * @param error whether the call failed
 * @param provenance where the text came from, whether it may steer the agent, who may read it
 */
public record ToolResult(String text, boolean error, Provenance provenance) {

    /** Validates. */
    public ToolResult {
        Checks.notNull(text, "tool result text");
        Checks.notNull(provenance, "tool result provenance");
    }

    /** A result not yet labelled: {@link Provenance#unknown()}. */
    public ToolResult(String text, boolean error) {
        this(text, error, Provenance.unknown());
    }

    /** @return a successful result, not yet labelled */
    public static ToolResult success(String text) {
        return new ToolResult(text, false);
    }

    /** @return a failed result whose text says what went wrong, not yet labelled */
    public static ToolResult failure(String message) {
        return new ToolResult(message, true);
    }

    /** @return this result with {@code label} */
    public ToolResult withProvenance(Provenance label) {
        return new ToolResult(text, error, label);
    }
}
