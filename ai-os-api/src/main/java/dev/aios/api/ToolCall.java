package dev.aios.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One invocation of a tool: which tool, with which arguments.
 *
 * @param id unique id of this call within its run (the plan step's id plus the attempt)
 * @param tool the registry name of the tool
 * @param arguments the arguments object: JSON-like values (String, Number, Boolean, List, Map,
 *     or null values), copied
 * @param idempotencyKey the same for every attempt to make this one call, across crashes and
 *     restarts of its run, and different for any other call; a tool whose risk
 *     {@linkplain ToolRisk#acceptsIdempotencyKey() accepts it} does the call's effect only once
 *     per key. Null outside a durable run. MCP tools receive it in the request's {@code _meta}
 *     under {@value #IDEMPOTENCY_KEY_META}.
 */
public record ToolCall(String id, String tool, Map<String, Object> arguments, @Nullable String idempotencyKey) {

    /** The {@code _meta} key under which MCP tools receive {@link #idempotencyKey()}. */
    public static final String IDEMPOTENCY_KEY_META = "dev.aios/idempotency-key";

    /** Validates and copies. */
    public ToolCall {
        Checks.notBlank(id, "tool call id");
        Checks.notBlank(tool, "tool name");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(arguments, "arguments")));
        if (idempotencyKey != null && idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("idempotency key must be null or not blank");
        }
    }

    /** A call without an idempotency key. */
    public ToolCall(String id, String tool, Map<String, Object> arguments) {
        this(id, tool, arguments, null);
    }
}
