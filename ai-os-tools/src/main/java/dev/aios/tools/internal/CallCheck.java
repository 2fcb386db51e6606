package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every registry of this module checks before a call runs or is sent, with one error text
 * for all: that the tool exists, and that the arguments fit its JSON Schema (the MCP SDK's
 * validator). Thread-safe.
 */
public final class CallCheck {
    private static final Logger log = LoggerFactory.getLogger(CallCheck.class);
    /** How many tool names a not-found error lists before it says how many more there are. */
    private static final int LISTED_NAMES = 30;

    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();

    /**
     * @param schema the tool's input schema, parsed
     * @return a failed result that says what is wrong and shows the schema; empty if the arguments fit
     */
    public Optional<ToolResult> reject(ToolDescriptor tool, Map<String, Object> schema, Map<String, Object> arguments) {
        if (acceptsAnyObject(schema)) {
            // Arguments are always an object, so there is nothing to check; skipping keeps the
            // loop's per-call overhead low for the many tools declared as "any object".
            return Optional.empty();
        }
        String invalid;
        try {
            JsonSchemaValidator.ValidationResponse response = validator.validate(schema, arguments);
            invalid = response.valid() ? null : response.errorMessage();
        } catch (RuntimeException e) {
            // A schema the validator cannot read is the tool's problem; let the tool judge.
            log.debug("cannot validate arguments of {}: {}", tool.name(), e.toString());
            invalid = null;
        }
        return invalid == null ? Optional.empty() : Optional.of(ToolResult.failure("invalid arguments for tool "
                + tool.name() + ": " + invalid + ". Its input schema: " + tool.inputSchema()));
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

    /** {@code {"type":"object"}}, optionally with no properties: the schema of a tool that takes anything. */
    private static boolean acceptsAnyObject(Map<String, Object> schema) {
        for (Map.Entry<String, Object> keyword : schema.entrySet()) {
            boolean harmless = switch (keyword.getKey()) {
                case "type" -> "object".equals(keyword.getValue());
                case "properties" -> keyword.getValue() instanceof Map<?, ?> properties && properties.isEmpty();
                case "description", "title" -> true;
                default -> false;
            };
            if (!harmless) {
                return false;
            }
        }
        return true;
    }
}
