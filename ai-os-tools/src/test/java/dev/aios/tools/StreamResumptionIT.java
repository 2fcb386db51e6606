package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A Streamable HTTP response stream cut mid-call: the client waits the SSE {@code retry} the
 * server sent, resumes with {@code Last-Event-ID}, and the call completes. The server is the
 * TypeScript MCP SDK's (src/test/mcp-servers/resumable-server.mjs: its InMemoryEventStore keeps
 * events for replay, {@code retryInterval} 700 ms), behind {@link CuttingProxy}, which drops the
 * connection after the first progress event. (server-everything cannot be used: its own event
 * store replays every stream's events and returns an event id where the SDK wants a stream id,
 * so a resumed stream never gets the answer.)
 */
class StreamResumptionIT {
    private static final long SERVER_RETRY_MS = 700;

    private static Process startServer(int port) throws Exception {
        Path dir = ReferenceServers.install();
        Path script = dir.resolve("resumable-server.mjs");
        Files.copy(Path.of("src/test/mcp-servers/resumable-server.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
        Process node = new ProcessBuilder("node", script.getFileName().toString(), String.valueOf(port),
                String.valueOf(SERVER_RETRY_MS)).directory(dir.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the server's first line").isEqualTo("listening");
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        return node;
    }

    @Test
    void aStreamCutMidCallResumesWithLastEventIdAfterTheServersRetry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = startServer(port);
        try (CuttingProxy proxy = new CuttingProxy(URI.create("http://127.0.0.1:" + port + "/mcp"), "\"steps\"", 0);
                McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("resumable", proxy.url().toString()))
                        .callTimeout(Duration.ofSeconds(20)).build()) {
            assertThat(registry.tools()).extracting(t -> t.name()).containsExactly("resumable.steps");
            long start = System.nanoTime();
            ToolResult result = registry.call(new ToolCall("run-1/step-1", "resumable.steps",
                    Map.of("steps", 4, "delayMs", 200)));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long resumedAfter = TimeUnit.NANOSECONDS.toMillis(proxy.resumedAtNanos.get() - proxy.cutAtNanos.get());
            System.out.println("a call cut after its first event took " + took + " ms; the client resumed "
                    + resumedAfter + " ms after the cut with Last-Event-ID " + proxy.lastEventIds);
            assertThat(proxy.didCut()).isTrue();
            assertThat(result.error()).as(result.text()).isFalse();
            assertThat(result.text()).isEqualTo("done after 4 steps");
            assertThat(proxy.lastEventIds).hasSize(1);
            assertThat(resumedAfter).as("the client waits the retry the server sent").isGreaterThanOrEqualTo(
                    SERVER_RETRY_MS - 20);
            assertThat(took).isLessThan(5_000);
            assertThat(registry.servers().getFirst().starts()).isEqualTo(1);
        } finally {
            server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
