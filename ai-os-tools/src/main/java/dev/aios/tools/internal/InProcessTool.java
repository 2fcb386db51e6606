package dev.aios.tools.internal;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.tools.ToolHandler;
import java.util.Map;
import java.util.Objects;

/**
 * One in-process tool: what the planner sees, its input schema read once, and the Java code that
 * runs. {@code McpToolRegistry}'s Java tools and {@code InProcessToolRegistry} are both built on
 * it, so a lambda is called, and fails, the same way in either.
 */
public final class InProcessTool {
    private final ToolDescriptor descriptor;
    private final ArgumentSchema schema;
    private final ToolHandler handler;

    private InProcessTool(ToolDescriptor descriptor, ArgumentSchema schema, ToolHandler handler) {
        this.descriptor = descriptor;
        this.schema = schema;
        this.handler = handler;
    }

    /**
     * @return the tool; its input schema is parsed and compiled now, so a malformed one fails at
     *     registration
     * @throws dev.aios.api.AiOsException if the input schema is not a JSON object, or not a JSON
     *     Schema that arguments can be checked against
     */
    public static InProcessTool of(ToolDescriptor descriptor, ToolHandler handler) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(handler, "handler of tool " + descriptor.name());
        Map<String, Object> schema = JsonCodec.readObject(descriptor.inputSchema(),
                "input schema of tool " + descriptor.name());
        return new InProcessTool(descriptor, ArgumentSchema.compile(descriptor.name(), schema), handler);
    }

    /** @return the tool as the registry shows it */
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    /** @return the input schema, compiled */
    public ArgumentSchema schema() {
        return schema;
    }

    /** @return the Java code, for a caller that reports its failures its own way */
    public ToolHandler handler() {
        return handler;
    }

    /**
     * Runs the handler with the whole call ({@link ToolHandler#call(ToolCall)}), idempotency key
     * included. Arguments are expected to be validated already ({@link CallCheck}).
     *
     * @return the handler's result; what it throws, or a null result, as a failed result that names the
     *     tool, so a broken tool never throws into the agent loop
     */
    public ToolResult run(ToolCall call) {
        try {
            ToolResult result = handler.call(call);
            return result != null ? result : ToolResult.failure("tool " + call.tool() + " returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failure("tool " + call.tool() + " was interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ToolResult.failure("tool " + call.tool() + " failed: " + message);
        }
    }
}
