package dev.aios.tools;

import dev.aios.api.ToolResult;
import java.util.Map;

/** The Java code behind one in-process tool registered as a lambda. */
@FunctionalInterface
public interface ToolHandler {

    /**
     * @param arguments the call's arguments, already validated against the tool's input schema
     * @return the result; an exception thrown here becomes a failed result with its message
     * @throws Exception anything; the registry reports it to the planner as a failed call
     */
    ToolResult call(Map<String, Object> arguments) throws Exception;
}
