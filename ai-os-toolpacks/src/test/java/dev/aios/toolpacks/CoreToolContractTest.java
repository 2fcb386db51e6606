package dev.aios.toolpacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool of the files, data, text, archive and shell packs meets the packs' contract. */
class CoreToolContractTest {
    @TempDir
    Path dir;

    @Test
    void everyToolHasAUniqueNameADescriptionAClosedSchemaAndNamesMissingArguments() throws Exception {
        List<ToolPack> packs = List.of(FilesPack.builder().root(dir.resolve("f")).build(),
                DataPack.builder().root(dir.resolve("d")).build(), TextPack.builder().root(dir.resolve("t")).build(),
                ArchivePack.builder().root(dir.resolve("a")).build(),
                ShellPack.builder().allow("echo").workingRoot(dir.resolve("s")).build());
        Set<String> names = new HashSet<>();
        int tools = 0;
        for (ToolPack pack : packs) {
            for (ToolDescriptor tool : pack.tools()) {
                tools++;
                assertThat(names.add(tool.name())).as("unique name %s", tool.name()).isTrue();
                assertThat(tool.name()).startsWith(pack.name() + ".");
                assertThat(tool.description()).as(tool.name()).isNotBlank();
                JsonNode schema = Json.MAPPER.readTree(tool.inputSchema());
                assertThat(schema.isObject()).isTrue();
                assertThat(schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()).as(tool.name()).isTrue();
                for (JsonNode required : schema.path("required")) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    schema.path("required").forEach(r -> {
                        if (!r.asText().equals(required.asText())) {
                            args.put(r.asText(), "x");
                        }
                    });
                    ToolResult r = pack.call(new ToolCall("c", tool.name(), args));
                    assertThat(r.error()).as(tool.name()).isTrue();
                    assertThat(r.text()).as(tool.name()).contains(required.asText());
                }
            }
        }
        assertThat(tools).isEqualTo(12 + 8 + 5 + 7 + 3);
    }
}
