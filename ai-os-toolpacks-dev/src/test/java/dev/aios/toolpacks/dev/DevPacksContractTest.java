package dev.aios.toolpacks.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.ToolPacks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every tool of this module's packs: a unique name, a description, a strict schema, required arguments enforced. */
class DevPacksContractTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyToolHasANameADescriptionAStrictSchemaAndItsRequiredArguments(@TempDir Path dir) throws Exception {
        ToolPack git = GitPack.builder().root(dir.resolve("repos")).build();
        ToolPack sql = SqlPack.builder().database("db", "jdbc:h2:" + dir.resolve("db").toAbsolutePath(), "sa", "x")
                .build();
        ToolPack api = OpenApiPack.builder("demo").allowHost("127.0.0.1").spec("""
                openapi: 3.0.3
                info: {title: Demo, version: "1"}
                servers: [{url: "http://127.0.0.1:9/"}]
                paths:
                  /items/{id}:
                    get: {operationId: getItem, parameters: [{name: id, in: path, required: true, schema: {type: integer}}]}
                    put:
                      operationId: putItem
                      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                      requestBody: {required: true, content: {application/json: {schema: {type: object}}}}
                """).build();
        List<ToolPack> packs = List.of(git, sql, api);
        Set<String> names = new HashSet<>();
        int tools = 0;
        for (ToolPack pack : packs) {
            for (ToolDescriptor t : pack.tools()) {
                tools++;
                assertThat(names.add(t.name())).as("duplicate tool %s", t.name()).isTrue();
                assertThat(t.name()).startsWith(pack.name() + ".");
                assertThat(t.description()).as(t.name()).isNotBlank();
                JsonNode schema = JSON.readTree(t.inputSchema());
                assertThat(schema.isObject()).as(t.name()).isTrue();
                assertThat(schema.path("type").asText()).as(t.name()).isEqualTo("object");
                assertThat(schema.path("additionalProperties").isBoolean()
                        && !schema.path("additionalProperties").asBoolean()).as(t.name()).isTrue();
                for (JsonNode required : schema.path("required")) {
                    Map<String, Object> args = new HashMap<>();
                    for (JsonNode other : schema.path("required")) {
                        if (!other.equals(required)) {
                            args.put(other.asText(), sample(schema.path("properties").path(other.asText())));
                        }
                    }
                    ToolResult result = Calls.call(pack, t.name(), args);
                    assertThat(result.error()).as("%s without %s", t.name(), required).isTrue();
                    assertThat(result.text()).as(t.name()).contains(required.asText());
                }
            }
        }
        assertThat(tools).isEqualTo(10 + 4 + 2);
        assertThat(ToolPacks.join(git, sql, api).tools()).hasSize(tools);
    }

    private static Object sample(JsonNode property) {
        return switch (property.path("type").asText()) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> List.of("x");
            case "object" -> Map.of();
            default -> "x";
        };
    }
}
