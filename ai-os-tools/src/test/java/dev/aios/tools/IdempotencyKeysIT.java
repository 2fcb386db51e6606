package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotency keys over the wire: a call's key arrives in the {@code _meta} of {@code tools/call}
 * exactly as sent, beside the progress token, over stdio and Streamable HTTP; a call without one
 * sends no such entry; the server config decides which descriptors say they accept keys; and a
 * call re-sent after its server died carries the same key.
 */
class IdempotencyKeysIT {
    /** Slashes, quotes, non-ASCII, JSON-looking text: it must arrive byte for byte. */
    private static final String KEY = "run-7f3a/s2#1 \"quoted\" ünïcødé {\"x\":1}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static McpToolRegistry.Builder registry() {
        return McpToolRegistry.builder().callTimeout(Duration.ofSeconds(20))
                .restartBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).retries(1, Duration.ofMillis(50));
    }

    private static Map<String, Object> meta(ToolResult result) throws Exception {
        assertThat(result.error()).as(result.text()).isFalse();
        return JSON.readValue(result.text(), new TypeReference<Map<String, Object>>() {});
    }

    private static void keyArrivesExactlyAndOnlyWhenGiven(McpToolRegistry registry) throws Exception {
        Map<String, Object> keyed = meta(registry.call(new ToolCall("run/1", "rec.record", Map.of("n", 1), KEY)));
        assertThat(keyed).containsEntry(ToolCall.IDEMPOTENCY_KEY_META, KEY).containsKey("progressToken");
        assertThat(String.valueOf(keyed.get("progressToken"))).startsWith("run/1#");

        Map<String, Object> plain = meta(registry.call(new ToolCall("run/2", "rec.record", Map.of("n", 2))));
        assertThat(plain).doesNotContainKey(ToolCall.IDEMPOTENCY_KEY_META).containsKey("progressToken");

        // Sent to any tool that gets a key, declared or not: the declaration is about what it does with it.
        assertThat(meta(registry.call(new ToolCall("run/3", "rec.other", Map.of(), "k-2"))))
                .containsEntry(ToolCall.IDEMPOTENCY_KEY_META, "k-2");

        assertThat(registry.find("rec.record").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        assertThat(registry.find("rec.other").orElseThrow().risk())
                .isEqualTo(ToolRisk.UNKNOWN); // not declared: the risk the server's (absent) hints give
    }

    @Test
    void overStdio() throws Exception {
        try (McpToolRegistry registry = registry()
                .server(MetaRecordingServer.stdio("rec", dir.resolve("marker")).withIdempotencyKeys("record", "crash_once"))
                .build()) {
            keyArrivesExactlyAndOnlyWhenGiven(registry);
        }
    }

    @Test
    void overStreamableHttp() throws Exception {
        try (McpToolServer.Running http = MetaRecordingServer.startHttp();
                McpToolRegistry registry = registry()
                        .server(McpServerConfig.http("rec", http.url().toString()).withIdempotencyKeys("record"))
                        .build()) {
            keyArrivesExactlyAndOnlyWhenGiven(registry);
        }
    }

    @Test
    void jsonConfigTrueDeclaresEveryToolAndUnknownNamesOnlyWarn() throws Exception {
        try (McpToolServer.Running http = MetaRecordingServer.startHttp()) {
            String json = """
                    {"mcpServers": {
                      "all":  {"url": "%s", "idempotencyKeys": true},
                      "some": {"url": "%s", "idempotencyKeys": ["other", "no_such_tool"]}
                    }}""".formatted(http.url(), http.url());
            try (McpToolRegistry registry = registry().servers(McpServerConfig.parse(json)).build()) {
                assertThat(registry.tools()).filteredOn(t -> t.name().startsWith("all."))
                        .hasSize(3).allMatch(t -> t.risk().acceptsIdempotencyKey());
                assertThat(registry.find("some.other").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
                assertThat(registry.find("some.record").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();
                assertThat(registry.find("some.other").orElseThrow().risk().level())
                        .isEqualTo(ToolRisk.UNKNOWN.level());
            }
        }
    }

    @Test
    void aCallWithAKeyItsToolHonoursIsSentAgainWithTheSameKeyAfterTheServerDied() throws Exception {
        Path marker = dir.resolve("crashed");
        try (McpToolRegistry registry = registry()
                .server(MetaRecordingServer.stdio("rec", marker).withIdempotencyKeys("crash_once")).build()) {
            Map<String, Object> answered = meta(registry.call(new ToolCall("run/9", "rec.crash_once", Map.of(), KEY)));
            assertThat(Files.readString(marker)).as("the first, lost, attempt").contains(KEY);
            assertThat(answered).containsEntry(ToolCall.IDEMPOTENCY_KEY_META, KEY);
            assertThat(registry.servers().get(0).starts()).isEqualTo(2);
        }
    }

    @Test
    void ourOwnServerPassesTheKeyToAJavaToolThatAcceptsIt() throws Exception {
        InProcessToolRegistry served = InProcessToolRegistry.builder()
                .tool("tickets.open", "Opens a ticket", ToolRisk.SIDE_EFFECTING.withIdempotencyKey(),
                        ToolHandler.ofCall(call -> ToolResult.success("key=" + call.idempotencyKey())))
                .build();
        try (McpToolServer.Running http = McpToolServer.builder().tools(served).build().startHttp("127.0.0.1", 0);
                McpToolRegistry registry = registry()
                        .server(McpServerConfig.http("own", http.url().toString()).withIdempotencyKeys("tickets.open"))
                        .build()) {
            assertThat(registry.call(new ToolCall("r/1", "own.tickets.open", Map.of(), KEY)).text())
                    .isEqualTo("key=" + KEY);
            assertThat(registry.call(new ToolCall("r/2", "own.tickets.open", Map.of())).text()).isEqualTo("key=null");
        }
    }
}
