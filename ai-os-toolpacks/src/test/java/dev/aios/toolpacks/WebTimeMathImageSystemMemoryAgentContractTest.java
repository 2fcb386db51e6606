package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Json;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool of the web, time, math, image, system, memory and agent packs keeps the packs' rules. */
class WebTimeMathImageSystemMemoryAgentContractTest {
    @TempDir
    Path root;

    @Test
    void everyToolHasANameADescriptionAStrictSchemaAndNamesAMissingArgument() throws Exception {
        ToolRegistry all = ToolPacks.join(WebPack.builder().root(root).build(), TimePack.builder().build(),
                MathPack.builder().build(), ImagePack.builder().root(root).build(), SystemPack.builder().build(),
                MemoryPack.builder().memory(new MapMemory()).build(),
                AgentsPack.builder().runner(g -> { throw new AssertionError("not run"); }).build());
        Set<String> names = new HashSet<>();
        assertThat(all.tools()).hasSizeGreaterThanOrEqualTo(38);
        for (ToolDescriptor tool : all.tools()) {
            assertThat(names.add(tool.name())).as("unique " + tool.name()).isTrue();
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            JsonNode schema = Json.MAPPER.readTree(tool.inputSchema());
            assertThat(schema.get("type").asText()).as(tool.name()).isEqualTo("object");
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
            JsonNode required = schema.get("required");
            if (required != null && !required.isEmpty()) {
                Map<String, Object> args = new HashMap<>();
                ToolResult r = call(all, tool.name(), args);
                assertThat(r.error()).as(tool.name()).isTrue();
                assertThat(r.text()).as(tool.name()).contains(required.get(0).asText());
            }
        }
    }
}
