package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aDocumentNestedTenThousandDeepIsRejectedByNameOfTheDepthLimit() {
        String deep = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}}}";

        assertThatThrownBy(() -> McpServerConfig.parse(deep))
                .isInstanceOf(AiOsException.class)
                .hasMessage("the MCP servers config nests objects and arrays deeper than 64 levels (the limit); "
                        + "a list of servers needs only a few");
        // The limit leaves room: nesting just inside it fails on what the entry holds, not on depth.
        String within = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": " + "[".repeat(60)
                + "]".repeat(60) + "}}}";
        assertThatThrownBy(() -> McpServerConfig.parse(within)).hasMessageContaining("must hold strings only");
    }

    @Test
    void aThirtyMegabyteDocumentIsRejectedByNameOfTheSizeLimitBeforeParsing(@TempDir Path dir) throws Exception {
        StringBuilder big = new StringBuilder(31_000_000).append("{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": [");
        while (big.length() < 30 * 1024 * 1024) {
            big.append("\"0123456789012345678901234567890123456789\",");
        }
        big.append("\"end\"]}}}");
        String json = big.toString();

        assertThatThrownBy(() -> McpServerConfig.parse(json))
                .isInstanceOf(AiOsException.class)
                .hasMessage("the MCP servers config is " + json.length() + " characters long; the limit is 4194304 "
                        + "(4 MiB); a list of servers is far smaller, so check that this is the right file");
        Path file = Files.writeString(dir.resolve("servers.json"), json);
        assertThatThrownBy(() -> McpServerConfig.parse(file))
                .isInstanceOf(AiOsException.class)
                .hasMessage("the MCP servers file " + file + " is " + Files.size(file) + " bytes; the limit is "
                        + "4194304 (4 MiB); a list of servers is far smaller, so check that this is the right file");
    }

    @Test
    void nullIsRejectedByNameOfTheParameter() {
        assertThatThrownBy(() -> McpServerConfig.parse((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("json (the MCP servers config text) must not be null");
        assertThatThrownBy(() -> McpServerConfig.parse((Path) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("file (the MCP servers config file) must not be null");
    }

    @Test
    void aServerNameGivenTwiceIsAnErrorNotLastOneWins() {
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"mcpServers": {
                  "files": {"command": "npx"},
                  "files": {"url": "https://example.com/mcp"}
                }}"""))
                .isInstanceOf(AiOsException.class)
                .hasMessage("MCP server 'files' is defined twice in \"mcpServers\"; keep one (names must be unique)"
                        + " (line 3, column 10)");
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"servers": {"files": {"command": "npx"}, "files": {"command": "node"}}}"""))
                .hasMessageStartingWith("MCP server 'files' is defined twice in \"servers\"");
    }

    @Test
    void aKeyGivenTwiceAnywhereElseIsAnErrorThatSaysWhere() {
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"mcpServers": {"files": {"command": "npx", "command": "rm"}}}"""))
                .isInstanceOf(AiOsException.class)
                .hasMessageStartingWith("the MCP servers config has the key 'command' twice in /mcpServers/files;");
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"mcpServers": {"files": {"command": "npx", "env": {"TOKEN": "a", "TOKEN": "b"}}}}"""))
                .hasMessageStartingWith("the MCP servers config has the key 'TOKEN' twice in /mcpServers/files/env;");
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"mcpServers": {}, "mcpServers": {"files": {"command": "npx"}}}"""))
                .hasMessageStartingWith("the MCP servers config has the key 'mcpServers' twice at the top level;");
        // A bare map of names: the top-level keys are server names.
        assertThatThrownBy(() -> McpServerConfig.parse("""
                {"files": {"command": "npx"}, "files": {"command": "node"}}"""))
                .hasMessageStartingWith("the MCP servers config has the key 'files' twice at the top level;");
    }

    @Test
    void aSyntaxErrorSaysLineAndColumn() {
        assertThatThrownBy(() -> McpServerConfig.parse("{\"mcpServers\": {\n  \"a\": [}"))
                .isInstanceOf(AiOsException.class)
                .hasMessageStartingWith("the MCP servers config is not valid JSON: ")
                .hasMessageEndingWith("(line 2, column 9)");
    }
}
