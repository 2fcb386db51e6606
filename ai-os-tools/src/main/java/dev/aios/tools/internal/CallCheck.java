package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every registry of this module checks before a call runs or is sent, with one error text
 * for all: that the tool exists, and that the arguments fit its JSON Schema ({@link ArgumentSchema},
 * compiled once per tool). A call that does not fit is never run. Thread-safe.
 */
public final class CallCheck {
    /** How many tool names a not-found error lists before it says how many more there are. */
    private static final int LISTED_NAMES = 30;

    /**
     * @param schema the tool's input schema, compiled
     * @return a failed result that names each wrong argument, says what is wrong with it and shows
     *     the schema (so a model can correct the call); empty if the arguments fit
     */
    public Optional<ToolResult> reject(ToolDescriptor tool, ArgumentSchema schema, Map<String, Object> arguments) {
        List<String> problems = schema.problems(arguments);
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ToolResult.failure("invalid arguments for tool " + tool.name() + ": "
                + String.join("; ", problems) + ". Its input schema: " + tool.inputSchema()));
    }

    /**
     * @param available the names of the tools on offer
     * @return the error for a call to a tool that does not exist: it names the tool and lists what
     *     there is (the first few dozen)
     */
    public static AiOsException noSuchTool(String tool, Collection<String> available) {
        List<String> names = available.stream().limit(LISTED_NAMES).toList();
        return AiOsException.permanent("no tool named '" + tool + "'; available: " + names
                + (available.size() > LISTED_NAMES ? " and " + (available.size() - LISTED_NAMES) + " more" : ""));
    }
}
