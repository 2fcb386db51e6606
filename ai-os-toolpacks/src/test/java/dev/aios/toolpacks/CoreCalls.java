package dev.aios.toolpacks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls tools the way a runtime does (schema checked), for the tests of the core packs. */
final class CoreCalls {
    private CoreCalls() {}

    /** @param keyValues name, value, name, value... */
    static ToolResult call(ToolRegistry pack, String tool, Object... keyValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put((String) keyValues[i], keyValues[i + 1]);
        }
        return pack.call(new ToolCall("t-" + tool, tool, args));
    }

    /** Calls and expects success; @return the result text */
    static String ok(ToolRegistry pack, String tool, Object... keyValues) {
        ToolResult r = call(pack, tool, keyValues);
        if (r.error()) {
            throw new AssertionError(tool + " failed: " + r.text());
        }
        return r.text();
    }

    /** Calls and expects failure; @return the error text */
    static String fails(ToolRegistry pack, String tool, Object... keyValues) {
        ToolResult r = call(pack, tool, keyValues);
        if (!r.error()) {
            throw new AssertionError(tool + " should have failed but returned: " + r.text());
        }
        return r.text();
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
