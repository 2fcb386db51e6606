package dev.aios.tools;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import java.util.Map;
import java.util.Objects;

/**
 * The Java code behind one in-process tool registered as a lambda.
 *
 * <p>A lambda sees only the arguments. A tool that needs the whole {@link ToolCall}, such as one
 * whose risk {@linkplain dev.aios.api.ToolRisk#acceptsIdempotencyKey() accepts idempotency keys}
 * and so must read {@link ToolCall#idempotencyKey()}, is registered with {@link #ofCall}:
 * {@snippet :
 * builder.tool(new ToolDescriptor("tickets.open", "Opens a ticket", schema, ToolRisk.SIDE_EFFECTING.withIdempotencyKey()),
 *         ToolHandler.ofCall(call -> tickets.open(call.arguments(), call.idempotencyKey())));
 * }
 * (or implements {@link #call(ToolCall)} itself). The registries of this module always call
 * {@link #call(ToolCall)}.
 */
@FunctionalInterface
public interface ToolHandler {

    /**
     * @param arguments the call's arguments, already validated against the tool's input schema
     * @return the result; an exception thrown here becomes a failed result with its message
     * @throws Exception anything; the registry reports it to the planner as a failed call
     */
    ToolResult call(Map<String, Object> arguments) throws Exception;

    /**
     * Runs one call; this is what the registries invoke. By default it passes the arguments to
     * {@link #call(Map)}, so a tool that does not override it never sees the idempotency key.
     *
     * @param call the call, its arguments already validated against the tool's input schema
     * @return the result; an exception thrown here becomes a failed result with its message
     * @throws Exception anything; the registry reports it to the planner as a failed call
     */
    default ToolResult call(ToolCall call) throws Exception {
        return call(call.arguments());
    }

    /**
     * @param handler the code, given the whole call (its id, tool name, arguments and
     *     {@linkplain ToolCall#idempotencyKey() idempotency key})
     * @return a handler whose {@link #call(ToolCall)} is {@code handler}; its {@link #call(Map)}
     *     passes a call named {@code "direct"} without an idempotency key
     */
    static ToolHandler ofCall(CallHandler handler) {
        Objects.requireNonNull(handler, "handler");
        return new ToolHandler() {
            @Override
            public ToolResult call(Map<String, Object> arguments) throws Exception {
                return handler.call(new ToolCall("direct", "direct", arguments));
            }

            @Override
            public ToolResult call(ToolCall call) throws Exception {
                return handler.call(call);
            }
        };
    }

    /** Tool code that reads the whole {@link ToolCall}; wrap it with {@link ToolHandler#ofCall}. */
    @FunctionalInterface
    interface CallHandler {
        /**
         * @param call the call, its arguments already validated against the tool's input schema
         * @return the result; an exception thrown here becomes a failed result with its message
         * @throws Exception anything; the registry reports it to the planner as a failed call
         */
        ToolResult call(ToolCall call) throws Exception;
    }
}
