package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Servers that crash, hang or answer garbage: calls fail cleanly, servers come back, nothing leaks. */
class SupervisionIT {

    private static McpToolRegistry.Builder registry() {
        return McpToolRegistry.builder()
                .callTimeout(Duration.ofSeconds(3))
                .restartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .retries(0, Duration.ofMillis(50));
    }

    private static ToolResult call(McpToolRegistry registry, String tool, Map<String, Object> arguments) {
        return registry.call(new ToolCall("run/" + tool, tool, arguments));
    }

    private static long pid(McpToolRegistry registry, String server) {
        return registry.servers().stream().filter(s -> s.name().equals(server)).findFirst().orElseThrow().pid();
    }

    @Test
    void killedServerFailsTheCallInFlightAndIsRestartedForTheNext() throws Exception {
        ReferenceServers.install();
        try (McpToolRegistry registry = registry().callTimeout(Duration.ofSeconds(30))
                .server(ReferenceServers.everything("a"))
                .server(ReferenceServers.everything("b"))
                .build()) {
            assertThat(call(registry, "a.echo", Map.of("message", "1")).text()).isEqualTo("Echo: 1");
            assertThat(call(registry, "b.echo", Map.of("message", "1")).text()).isEqualTo("Echo: 1");
            long first = pid(registry, "a");
            long other = pid(registry, "b");
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            try {
                Future<ToolResult> inFlight = executor.submit(() -> call(registry, "a.trigger-long-running-operation",
                        Map.of("duration", 20, "steps", 20)));
                Thread.sleep(1000);
                ProcessHandle.of(first).orElseThrow().destroyForcibly();
                long killedAt = System.nanoTime();
                assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(AiOsException.class)
                        .hasMessageContaining("stopped during the call");
                assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
            } finally {
                executor.shutdownNow();
            }
            assertThat(call(registry, "b.echo", Map.of("message", "unaffected")).text()).isEqualTo("Echo: unaffected");
            assertThat(pid(registry, "b")).isEqualTo(other);

            Thread.sleep(200); // past the restart backoff
            assertThat(call(registry, "a.echo", Map.of("message", "again")).text()).isEqualTo("Echo: again");
            long second = pid(registry, "a");
            assertThat(second).isPositive().isNotEqualTo(first);
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(registry.servers().get(0).starts()).isEqualTo(2);
            assertThat(childrenRunning("server-everything")).hasSize(2);
        }
        assertThat(childrenRunning("server-everything")).isEmpty();
    }

    @Test
    void hungServerTimesOutAndIsReplaced() throws Exception {
        ReferenceServers.install();
        try (McpToolRegistry registry = registry().server(ReferenceServers.everything("hung")).build()) {
            assertThat(call(registry, "hung.echo", Map.of("message", "1")).text()).isEqualTo("Echo: 1");
            long first = pid(registry, "hung");
            // SIGSTOP: the process is alive but answers nothing, not even pings.
            assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(first)).start().waitFor()).isZero();
            ToolResult timedOut = call(registry, "hung.echo", Map.of("message", "2"));
            assertThat(timedOut.error()).isTrue();
            assertThat(timedOut.text()).contains("did not answer within PT3S");
            assertThat(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            Thread.sleep(200);
            assertThat(call(registry, "hung.echo", Map.of("message", "3")).text()).isEqualTo("Echo: 3");
            assertThat(pid(registry, "hung")).isNotEqualTo(first);
        }
    }

    @Test
    void garbageOnStdoutFailsOnlyThatCall() {
        try (McpToolRegistry registry = registry().server(DemoToolServer.stdio("demo")).build()) {
            assertThat(call(registry, "demo.echo", Map.of("message", "before")).text()).isEqualTo("Echo: before");
            ToolResult garbage = call(registry, "demo.garbage", Map.of());
            assertThat(garbage.error()).isTrue();
            assertThat(garbage.text()).contains("did not answer");
            assertThat(call(registry, "demo.echo", Map.of("message", "after")).text()).isEqualTo("Echo: after");
        }
    }

    @Test
    void serverThatExitsMidCallFailsCleanlyAndComesBack() throws Exception {
        try (McpToolRegistry registry = registry().server(DemoToolServer.stdio("demo")).build()) {
            long first = pid(registry, "demo") > 0 ? pid(registry, "demo") : -1;
            assertThat(call(registry, "demo.echo", Map.of("message", "1")).text()).isEqualTo("Echo: 1");
            assertThatThrownBy(() -> call(registry, "demo.crash", Map.of()))
                    .isInstanceOf(AiOsException.class)
                    .hasMessageContaining("stopped during the call")
                    .hasMessageContaining("not idempotent");
            Thread.sleep(200);
            assertThat(call(registry, "demo.echo", Map.of("message", "2")).text()).isEqualTo("Echo: 2");
            assertThat(pid(registry, "demo")).isNotEqualTo(first);
        }
    }

    @Test
    void serverThatCannotStartIsReportedAndRetriedAfterABackoff() {
        try (McpToolRegistry registry = registry()
                .startTimeout(Duration.ofSeconds(2))
                .server(McpServerConfig.stdio("broken", "/nonexistent/mcp-server"))
                .tool("local.ping", "Answers pong", "{\"type\":\"object\"}", dev.aios.api.ToolRisk.READ_ONLY,
                        args -> ToolResult.success("pong"))
                .build()) {
            assertThat(registry.tools()).extracting(dev.aios.api.ToolDescriptor::name).containsExactly("local.ping");
            assertThat(registry.servers().get(0).state()).isEqualTo(McpServerStatus.State.DOWN);
            assertThat(registry.servers().get(0).lastFailure()).contains("could not be started");
            assertThat(call(registry, "local.ping", Map.of()).text()).isEqualTo("pong");
        }
    }

    private static List<ProcessHandle> childrenRunning(String marker) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .toList();
    }
}
