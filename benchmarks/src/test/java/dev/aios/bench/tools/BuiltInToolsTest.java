package dev.aios.bench.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.tools.McpServerConfig;
import dev.aios.tools.McpToolRegistry;
import dev.aios.tools.McpToolServer;
import dev.aios.toolpacks.ToolPacks;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in tool at once: more than a hundred distinct tools, each with a strict schema and
 * a description; and all of them served over MCP by our server, where a client sees each tool's
 * risk come back from the MCP annotations exactly as declared, and calls go through.
 */
class BuiltInToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void moreThanAHundredDistinctToolsEachWithASchemaAndADescription() throws Exception {
        List<ToolDescriptor> tools = BuiltInTools.packs(scratch).stream().flatMap(p -> p.tools().stream()).toList();
        Set<String> names = tools.stream().map(ToolDescriptor::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(tools).hasSizeGreaterThanOrEqualTo(100);
        for (ToolDescriptor tool : tools) {
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            JsonNode schema = JSON.readTree(tool.inputSchema());
            assertThat(schema.path("type").asText()).as(tool.name()).isEqualTo("object");
        }
    }

    @Test
    void everyToolCarriesExampleRequestsThatNoBenchmarkRequestRepeats() {
        List<ToolDescriptor> tools = BuiltInTools.packs(scratch).stream().flatMap(p -> p.tools().stream()).toList();
        Set<String> benchmark = new java.util.HashSet<>();
        for (String set : List.of("dev", "scored", "fresh")) {
            List<ToolRetrieval.Request> requests = ToolRetrieval.load("requests-" + set + ".tsv");
            requests.forEach(r -> benchmark.add(normal(r.text())));
            // every tool is asked for at least twice in each set, so each set covers the catalogue
            Map<String, Long> asked = requests.stream().flatMap(r -> r.expected().stream())
                    .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
            for (ToolDescriptor tool : tools) {
                assertThat(asked.getOrDefault(tool.name(), 0L)).as(set + ": " + tool.name()).isGreaterThanOrEqualTo(2);
            }
        }
        for (ToolDescriptor tool : tools) {
            assertThat(tool.examples()).as(tool.name()).hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
            for (String example : tool.examples()) {
                assertThat(benchmark).as("%s's example is a benchmark request", tool.name()).doesNotContain(normal(example));
            }
        }
    }

    private static String normal(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    @Test
    void everyPackIsServedOverMcpWithItsRiskAsAnnotations() throws Exception {
        ToolRegistry all = ToolPacks.join(BuiltInTools.packs(scratch));
        McpToolServer server = McpToolServer.builder().serverInfo("packs", "1").tools(all).build();
        try (McpToolServer.Running http = server.startHttp("127.0.0.1", 0);
                McpToolRegistry client = McpToolRegistry.builder()
                        .server(McpServerConfig.http("packs", http.url().toString())).build()) {
            Map<String, ToolDescriptor> seen = new HashMap<>();
            client.tools().forEach(t -> seen.put(t.name(), t));
            for (ToolDescriptor tool : all.tools()) {
                ToolDescriptor remote = seen.get("packs." + tool.name());
                assertThat(remote).as(tool.name()).isNotNull();
                assertThat(remote.risk().level()).as(tool.name()).isEqualTo(tool.risk().level());
                assertThat(remote.risk().openWorld()).as(tool.name()).isEqualTo(tool.risk().openWorld());
                assertThat(remote.risk().idempotent()).as(tool.name()).isEqualTo(tool.risk().idempotent());
            }
            ToolResult sum = client.call(new ToolCall("t1", "packs.math.evaluate", Map.of("expression", "0.1 + 0.2")));
            assertThat(sum.error()).as(sum.text()).isFalse();
            assertThat(sum.text()).contains("0.3");
            // confinement holds through the wire: the folder tools refuse a path out of their roots
            ToolResult escape = client.call(new ToolCall("t2", "packs.files.read", Map.of("path", "../../etc/passwd")));
            assertThat(escape.error()).isTrue();
            assertThat(escape.text()).contains("outside the folders").doesNotContain("root:");
        }
    }
}
