package dev.aios.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One invocation of a tool: which tool, with which arguments.
 *
 * @param id unique id of this call within its run (the plan step's id plus the attempt)
 * @param tool the registry name of the tool
 * @param arguments the arguments object: JSON-like values (String, Number, Boolean, List, Map,
 *     or null values), copied
 */
public record ToolCall(String id, String tool, Map<String, Object> arguments) {

    /** Validates and copies. */
    public ToolCall {
        Checks.notBlank(id, "tool call id");
        Checks.notBlank(tool, "tool name");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(arguments, "arguments")));
    }
}
