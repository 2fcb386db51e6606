package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that declares no {@code tools} capability is asked for no tools: it stays connected,
 * on its first session, offering no tools, while its resources and prompts work.
 */
class CapabilityChecksIT {

    @Test
    void aServerWithoutToolsCapabilityStaysUpWithNoTools() throws Exception {
        try (ResourcesOnlyServer server = new ResourcesOnlyServer();
                McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("memos", server.url().toString())).build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(registry.tools()).isEmpty();
                assertThat(registry.listTools("memos")).isEmpty();
            }
            assertThat(registry.resources()).extracting(McpResource::uri).containsExactly("memo://one");
            assertThat(registry.readResource("memos", "memo://one")).isEqualTo("the memo");
            assertThat(registry.prompts()).extracting(McpPrompt::name).containsExactly("greet");
            assertThat(registry.prompt("memos", "greet", Map.of())).isEqualTo("user: hello");
            McpServerStatus status = registry.servers().getFirst();
            assertThat(status.state()).isEqualTo(McpServerStatus.State.CONNECTED);
            assertThat(status.starts()).isEqualTo(1);
            assertThat(status.lastFailure()).isNull();
        }
    }
}
