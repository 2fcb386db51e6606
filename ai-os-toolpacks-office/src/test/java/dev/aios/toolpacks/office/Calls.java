package dev.aios.toolpacks.office;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Calls a pack's tools the way an agent does: through the registry, so the schema is checked. */
final class Calls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private Calls() {}

    /** @return the result of calling {@code tool}, whatever it is */
    static ToolResult call(ToolPack pack, String tool, Map<String, Object> args) {
        return pack.call(new ToolCall("call-" + IDS.incrementAndGet(), tool, args));
    }

    /** @return the text of a call that must succeed */
    static String ok(ToolPack pack, String tool, Map<String, Object> args) {
        ToolResult result = call(pack, tool, args);
        assertThat(result.error()).as("%s failed: %s", tool, result.text()).isFalse();
        return result.text();
    }

    /** @return the error text of a call that must fail */
    static String fails(ToolPack pack, String tool, Map<String, Object> args) {
        ToolResult result = call(pack, tool, args);
        assertThat(result.error()).as("%s should have failed but returned: %s", tool, result.text()).isTrue();
        return result.text();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(new java.io.IOException("not JSON: " + text, e));
        }
    }
}
