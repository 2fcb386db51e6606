package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpServerConfigTest {

    @Test
    void readsAPastedClaudeDesktopConfig() {
        List<McpServerConfig> servers = McpServerConfig.parse("""
                {"mcpServers": {
                  "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me"],
                            "env": {"DEBUG": "1"}},
                  "github": {"url": "https://api.example.com/mcp", "headers": {"Authorization": "Bearer s3cret"}},
                  "legacy": {"type": "sse", "url": "http://localhost:9000/sse"},
                  "off": {"command": "x", "disabled": true}
                }}""");
        assertThat(servers).extracting(McpServerConfig::name).containsExactly("files", "github", "legacy");
        assertThat(servers.get(0)).isEqualTo(new McpServerConfig("files", McpServerConfig.Transport.STDIO, "npx",
                List.of("-y", "@modelcontextprotocol/server-filesystem", "/home/me"), Map.of("DEBUG", "1"), null, Map.of()));
        assertThat(servers.get(1).transport()).isEqualTo(McpServerConfig.Transport.STREAMABLE_HTTP);
        assertThat(servers.get(1).url()).isEqualTo(URI.create("https://api.example.com/mcp"));
        assertThat(servers.get(2).transport()).isEqualTo(McpServerConfig.Transport.SSE);
    }

    @Test
    void neverPrintsHeaderOrEnvironmentValues() {
        McpServerConfig config = McpServerConfig.http("github", "https://api.example.com/mcp")
                .withHeader("Authorization", "Bearer s3cret");
        McpServerConfig stdio = McpServerConfig.stdio("x", "node").withEnv("TOKEN", "hunter2");
        assertThat(config.toString()).contains("Authorization").doesNotContain("s3cret");
        assertThat(stdio.toString()).contains("TOKEN").doesNotContain("hunter2");
    }

    @Test
    void namesWhatIsWrongWithABadEntry() {
        assertThatThrownBy(() -> McpServerConfig.parse("{\"mcpServers\": {\"a\": {\"args\": []}}}"))
                .isInstanceOf(AiOsException.class).hasMessageContaining("'a'").hasMessageContaining("command");
        assertThatThrownBy(() -> McpServerConfig.parse("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"comand\": 1}}}"))
                .hasMessageContaining("unknown field 'comand'");
        assertThatThrownBy(() -> McpServerConfig.parse("{\"mcpServers\": {\"a\": {\"url\": \"ftp://x\"}}}"))
                .hasMessageContaining("only http and https");
        assertThatThrownBy(() -> McpServerConfig.parse("{\"mcpServers\": {\"a.b\": {\"command\": \"x\"}}}"))
                .hasMessageContaining("'a.b'");
        assertThatThrownBy(() -> McpServerConfig.parse("{not json"))
                .hasMessageContaining("not valid JSON");
    }
}
