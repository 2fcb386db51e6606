package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AgentEvent;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery and calls against the pinned npm reference servers, over stdio and Streamable HTTP. */
class ReferenceServersIT {
    private static final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    private static McpToolRegistry registry;
    private static ReferenceServers.HttpServer http;
    private static ReferenceServers.HttpServer sse;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ReferenceServers.install();
        Files.writeString(dir.resolve("hello.txt"), "hello from the filesystem server");
        http = ReferenceServers.everythingHttp();
        sse = ReferenceServers.everythingSse();
        registry = McpToolRegistry.builder()
                .server(ReferenceServers.everything("everything"))
                .server(McpServerConfig.http("remote", http.url()))
                .server(McpServerConfig.sse("legacy", sse.url()))
                .server(ReferenceServers.filesystem("files", dir))
                .server(ReferenceServers.memory("memory", dir.resolve("graph.jsonl")))
                .callTimeout(Duration.ofSeconds(20))
                .listener(events::add)
                .build();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (http != null) {
            http.close();
        }
        if (sse != null) {
            sse.close();
        }
    }

    private static ToolResult call(String tool, Map<String, Object> arguments) {
        return registry.call(new ToolCall("run-1/step-" + tool, tool, arguments));
    }

    @Test
    void discoversToolsOfEveryServerUnderTheirNamespaces() {
        List<String> names = registry.tools().stream().map(ToolDescriptor::name).toList();
        assertThat(names).contains("everything.echo", "everything.get-sum", "remote.echo", "files.read_text_file",
                "files.write_file", "memory.create_entities", "memory.read_graph");
        assertThat(registry.find("everything.echo")).get()
                .satisfies(t -> assertThat(t.inputSchema()).contains("\"message\""));
    }

    @Test
    void callsToolsOverLegacySse() {
        assertThat(call("legacy.echo", Map.of("message", "over sse"))).isEqualTo(ToolResult.success("Echo: over sse"));
    }

    @Test
    void callsToolsOverStdioAndStreamableHttp() {
        assertThat(call("everything.echo", Map.of("message", "over stdio"))).isEqualTo(ToolResult.success("Echo: over stdio"));
        assertThat(call("remote.echo", Map.of("message", "over http"))).isEqualTo(ToolResult.success("Echo: over http"));
        assertThat(call("everything.get-sum", Map.of("a", 2, "b", 40)).text()).contains("42");
    }

    @Test
    void mapsToolAnnotationsToRisk() {
        assertThat(registry.find("files.read_text_file").orElseThrow().risk())
                .isEqualTo(new ToolRisk(ToolRisk.Level.READ_ONLY, false, true));
        assertThat(registry.find("files.write_file").orElseThrow().risk())
                .isEqualTo(new ToolRisk(ToolRisk.Level.DESTRUCTIVE, false, true));
        assertThat(registry.find("files.create_directory").orElseThrow().risk())
                .isEqualTo(new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true));
        assertThat(registry.find("everything.echo").orElseThrow().risk().readOnly()).isTrue();
    }

    @Test
    void rejectsBadArgumentsBeforeSendingThem() {
        ToolResult result = call("everything.get-sum", Map.of("a", "two", "b", 40));
        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains("invalid arguments for tool everything.get-sum").contains("a");
        ToolResult missing = call("files.read_text_file", Map.of());
        assertThat(missing.error()).isTrue();
        assertThat(missing.text()).contains("path");
    }

    @Test
    void readsFilesOnlyInsideTheAllowedRoot() {
        assertThat(call("files.read_text_file", Map.of("path", dir.resolve("hello.txt").toString())).text())
                .isEqualTo("hello from the filesystem server");
        ToolResult outside = call("files.read_text_file", Map.of("path", "/etc/hostname"));
        assertThat(outside.error()).isTrue();
        assertThat(outside.text()).containsIgnoringCase("denied");
    }

    @Test
    void keepsTheMemoryServersGraphInItsConfiguredFile() {
        ToolResult created = call("memory.create_entities", Map.of("entities", List.of(Map.of("name", "Ada",
                "entityType", "person", "observations", List.of("writes the quarterly report")))));
        assertThat(created.error()).as(created.text()).isFalse();
        assertThat(call("memory.search_nodes", Map.of("query", "Ada")).text()).contains("quarterly report");
        assertThat(dir.resolve("graph.jsonl")).content().contains("Ada");
    }

    @Test
    void givesStdioServersOnlyTheirConfiguredEnvironmentPlusTheMinimumToStart() {
        Map<String, Object> env = dev.aios.tools.internal.JsonCodec.readObject(call("everything.get-env", Map.of()).text(),
                "environment");
        // The MCP SDK's minimum to start a command; nothing else of this JVM's environment.
        assertThat(env.keySet()).contains("PATH").isSubsetOf("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM");
        assertThat(System.getenv().keySet()).hasSizeGreaterThan(env.size());
    }

    @Test
    void reportsProgressAsEvents() {
        ToolResult result = call("everything.trigger-long-running-operation", Map.of("duration", 1, "steps", 4));
        assertThat(result.error()).isFalse();
        assertThat(events).filteredOn(e -> e.message().startsWith("progress of everything.trigger-long-running-operation"))
                .extracting(AgentEvent::message)
                .contains("progress of everything.trigger-long-running-operation 1/4",
                        "progress of everything.trigger-long-running-operation 4/4");
        assertThat(events).allSatisfy(e -> assertThat(e.runId()).isEqualTo("run-1"));
        assertThat(events).filteredOn(e -> e.message().startsWith("progress of"))
                .extracting(AgentEvent::type).containsOnly(AgentEvent.Type.STEP_PROGRESS);
    }

    @Test
    void cancelsALongRunningToolWhenTheCallerIsInterrupted() throws Exception {
        int before = registry.cancellationsSent("remote");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            long start = System.nanoTime();
            Future<ToolResult> running = executor.submit(() -> call("remote.trigger-long-running-operation",
                    Map.of("duration", 30, "steps", 30)));
            Thread.sleep(1500);
            running.cancel(true);
            executor.shutdown();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            executor.shutdownNow();
        }
        assertThat(registry.cancellationsSent("remote")).isEqualTo(before + 1);
        assertThat(call("remote.echo", Map.of("message", "still here")).text()).isEqualTo("Echo: still here");
    }

    @Test
    void listsResourcesAndPrompts() {
        assertThat(registry.resources()).anySatisfy(r -> assertThat(r.server()).isEqualTo("everything"));
        McpResource first = registry.resources().stream().filter(r -> r.server().equals("everything")).findFirst()
                .orElseThrow();
        assertThat(registry.readResource("everything", first.uri())).isNotBlank();
        assertThat(registry.prompts()).anySatisfy(p -> assertThat(p.server()).isEqualTo("everything"));
    }

    @Test
    void refusesUnknownToolsWithTheNamesThatExist() {
        assertThatThrownBy(() -> call("everything.nope", Map.of()))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("no tool named 'everything.nope'")
                .hasMessageContaining("everything.echo");
    }
}
