package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessToolRegistryTest {
    private static final String PATH_SCHEMA = """
            {"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""";

    @Test
    void argumentsThatDoNotFitTheSchemaFailWithTheSameTextAsMcpToolRegistryAndNeverRunTheTool() {
        List<Map<String, Object>> received = new ArrayList<>();
        ToolHandler read = args -> {
            received.add(args);
            return ToolResult.success("content of " + args.get("path"));
        };
        InProcessToolRegistry inProcess = InProcessToolRegistry.builder()
                .tool("files.read", "Reads a file", PATH_SCHEMA, ToolRisk.READ_ONLY, read)
                .build();
        McpToolRegistry mcp = McpToolRegistry.builder()
                .tool("files.read", "Reads a file", PATH_SCHEMA, ToolRisk.READ_ONLY, read)
                .build();
        ToolCall bad = new ToolCall("run/1", "files.read", Map.of("path", 42));

        ToolResult rejected = inProcess.call(bad);

        assertThat(rejected.error()).isTrue();
        assertThat(rejected.text()).startsWith("invalid arguments for tool files.read: ")
                .endsWith("Its input schema: " + PATH_SCHEMA);
        assertThat(rejected).isEqualTo(mcp.call(bad));
        assertThat(received).isEmpty();
        assertThat(inProcess.call(new ToolCall("run/2", "files.read", Map.of("path", "a.txt"))))
                .isEqualTo(ToolResult.success("content of a.txt"));
    }

    @Test
    void aThrowingHandlerIsAFailedResultThatNamesTheTool() {
        InProcessToolRegistry tools = InProcessToolRegistry.builder()
                .tool("tracker.sync", "Syncs", ToolRisk.READ_ONLY, args -> {
                    throw new IllegalStateException("tracker is offline");
                })
                .tool("tracker.none", "Returns nothing", ToolRisk.READ_ONLY, args -> null)
                .build();

        assertThat(tools.call(new ToolCall("r/1", "tracker.sync", Map.of())))
                .isEqualTo(ToolResult.failure("tool tracker.sync failed: tracker is offline"));
        assertThat(tools.call(new ToolCall("r/2", "tracker.none", Map.of())))
                .isEqualTo(ToolResult.failure("tool tracker.none returned no result"));
    }

    @Test
    void anUnknownToolIsAnErrorThatListsTheToolsThereAre() {
        InProcessToolRegistry tools = InProcessToolRegistry.builder()
                .tool("clock.today", "Today", ToolRisk.READ_ONLY, args -> ToolResult.success("2026-12-01"))
                .build();

        assertThatThrownBy(() -> tools.call(new ToolCall("r/1", "clock.tomorrow", Map.of())))
                .isInstanceOf(AiOsException.class)
                .hasMessage("no tool named 'clock.tomorrow'; available: [clock.today]");
        assertThat(InProcessToolRegistry.empty().tools()).isEmpty();
    }

    @Test
    void rejectsAToolNameGivenTwiceAndAMalformedSchemaWhenBuilding() {
        InProcessToolRegistry.Builder builder = InProcessToolRegistry.builder()
                .tool("a.b", "one", ToolRisk.READ_ONLY, args -> ToolResult.success("1"));

        assertThatThrownBy(() -> builder.tool("a.b", "two", ToolRisk.READ_ONLY, args -> ToolResult.success("2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a.b' was already added");
        assertThatThrownBy(() -> builder.tool("c.d", "bad", "{not json", ToolRisk.READ_ONLY,
                args -> ToolResult.success("3")))
                .isInstanceOf(AiOsException.class).hasMessageContaining("input schema of tool c.d");
    }
}
