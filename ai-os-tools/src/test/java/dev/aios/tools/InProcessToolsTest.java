package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InProcessToolsTest {

    enum Priority { LOW, HIGH }

    record Task(String title, Priority priority) {}

    static final class Tracker {
        @ToolMethod(value = "Files a task", name = "tracker.file", level = ToolRisk.Level.SIDE_EFFECTING, openWorld = false)
        public String file(@ToolParam(name = "task") Task task, @ToolParam(name = "labels", required = false) List<String> labels) {
            return task.title() + "/" + task.priority() + "/" + (labels == null ? "-" : String.join(",", labels));
        }

        @ToolMethod(value = "Lists tasks", name = "tracker.list")
        public List<Task> list() {
            return List.of(new Task("a", Priority.LOW));
        }

        @ToolMethod(value = "Always fails", name = "tracker.broken", level = ToolRisk.Level.READ_ONLY, openWorld = false)
        public String broken() {
            throw new IllegalStateException("tracker is offline");
        }
    }

    private final McpToolRegistry registry = McpToolRegistry.builder()
            .tools(new Tracker())
            .tool("clock.today", "Today's date", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY,
                    args -> ToolResult.success("2026-11-29"))
            .build();

    private ToolResult call(String tool, Map<String, Object> arguments) {
        return registry.call(new ToolCall("run/1", tool, arguments));
    }

    @Test
    void derivesSchemaAndRiskFromAnnotations() {
        ToolDescriptor file = registry.find("tracker.file").orElseThrow();
        assertThat(file.inputSchema()).contains("\"task\"", "\"enum\":[\"LOW\",\"HIGH\"]", "\"required\":[\"task\"]");
        assertThat(file.risk()).isEqualTo(ToolRisk.SIDE_EFFECTING);
        assertThat(registry.find("tracker.list").orElseThrow().risk()).isEqualTo(ToolRisk.UNKNOWN);
        assertThat(registry.find("tracker.broken").orElseThrow().risk()).isEqualTo(ToolRisk.READ_ONLY);
    }

    @Test
    void convertsJsonArgumentsToParameterTypes() {
        assertThat(call("tracker.file", Map.of("task", Map.of("title", "login bug", "priority", "HIGH"),
                "labels", List.of("auth", "web"))).text()).isEqualTo("login bug/HIGH/auth,web");
        assertThat(call("tracker.list", Map.of()).text()).isEqualTo("[{\"title\":\"a\",\"priority\":\"LOW\"}]");
        assertThat(call("clock.today", Map.of())).isEqualTo(ToolResult.success("2026-11-29"));
    }

    @Test
    void badArgumentsAreAFailedResultThatSaysWhy() {
        ToolResult result = call("tracker.file", Map.of("task", Map.of("title", "x", "priority", "URGENT")));
        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains("invalid arguments for tool tracker.file").contains("argument 'task.priority': does not have a value in the enumeration");
    }

    @Test
    void aThrowingToolIsAFailedResult() {
        assertThat(call("tracker.broken", Map.of())).isEqualTo(ToolResult.failure("tool tracker.broken failed: tracker is offline"));
    }

    @Test
    void rejectsDuplicateNamesAndUnnamedParameters() {
        assertThatThrownBy(() -> McpToolRegistry.builder().tools(new Tracker()).tools(new Tracker()))
                .isInstanceOf(AiOsException.class).hasMessageContaining("two tools are named 'tracker.broken'");
        assertThatThrownBy(() -> McpToolRegistry.builder().tools(new Object() {
            @ToolMethod("x")
            public String x(String unnamed) {
                return unnamed;
            }
        })).hasMessageContaining("has no name");
        assertThatThrownBy(() -> McpToolRegistry.builder().callTimeout(java.time.Duration.ZERO).build())
                .hasMessageContaining("callTimeout");
    }

    @Test
    void offersTheToolsToLangChain4jAiServices() {
        ToolProviderResult provided = registry.provideTools(new ToolProviderRequest("memory", dev.langchain4j.data.message.UserMessage.from("hi")));
        assertThat(provided.aiServiceTools()).extracting(t -> t.toolSpecification().name())
                .containsExactlyInAnyOrder("tracker_file", "tracker_list", "tracker_broken", "clock_today");
        String text = provided.aiServiceTools().stream().filter(t -> t.name().equals("tracker_file")).findFirst()
                .orElseThrow().toolExecutor().execute(ToolExecutionRequest.builder().id("1").name("tracker_file")
                .arguments("{\"task\":{\"title\":\"t\",\"priority\":\"LOW\"}}").build(), "memory");
        assertThat(text).isEqualTo("t/LOW/-");
    }

    @Test
    void searchRanksByNamesAndDescriptions() {
        assertThat(registry.search("what is the date today", 1)).extracting(ToolDescriptor::name).containsExactly("clock.today");
        assertThat(registry.search("file a new task", 2)).extracting(ToolDescriptor::name).first().isEqualTo("tracker.file");
    }

    @Test
    void agentToolTurnsAGoalIntoARun() {
        McpToolRegistry withAgent = McpToolRegistry.builder()
                .agentTool("desk.run_goal", "Runs a goal", DemoToolServer::agent)
                .build();
        assertThat(withAgent.call(new ToolCall("r/1", "desk.run_goal", Map.of("goal", "draft the memo"))))
                .isEqualTo(ToolResult.success("done: draft the memo"));
        assertThat(withAgent.call(new ToolCall("r/2", "desk.run_goal", Map.of())).text()).contains("goal");
        assertThat(withAgent.find("desk.run_goal").orElseThrow().risk()).isEqualTo(ToolRisk.UNKNOWN);
    }

    @Test
    void includesAnotherRegistrysToolsWithTheirLabelsAndSearch() {
        InProcessToolRegistry pack = InProcessToolRegistry.builder()
                .tool("notes.find", "Finds notes that mention a word", ToolRisk.READ_ONLY,
                        args -> ToolResult.success("note 7").withProvenance(dev.aios.api.Provenance.untrusted(
                                dev.aios.api.Source.tool("notes.find"))))
                .build();
        McpToolRegistry joined = McpToolRegistry.builder().include(pack)
                .tool("clock.today", "Today's date", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY,
                        args -> ToolResult.success("2026-11-29"))
                .build();
        assertThat(joined.find("notes.find").orElseThrow().risk()).isEqualTo(ToolRisk.READ_ONLY);
        ToolResult found = joined.call(new ToolCall("run/1", "notes.find", Map.of()));
        assertThat(found.text()).isEqualTo("note 7");
        assertThat(found.provenance().isTrusted()).isFalse();
        assertThat(joined.search("which notes mention invoices", 1)).extracting(ToolDescriptor::name)
                .containsExactly("notes.find");
        assertThatThrownBy(() -> McpToolRegistry.builder().include(pack).include(pack))
                .isInstanceOf(AiOsException.class).hasMessageContaining("two tools are named 'notes.find'");
    }
}
