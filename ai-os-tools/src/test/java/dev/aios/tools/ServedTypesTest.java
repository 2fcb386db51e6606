package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server API's value types reject what MCP cannot send, with messages that say what is wrong. */
class ServedTypesTest {

    @Test
    void resourceContentsHoldTextOrBytesNotBoth() {
        assertThat(McpResourceContents.bytes("b://1", null, new byte[] {1, 2}).base64()).isEqualTo("AQI=");
        assertThatThrownBy(() -> new McpResourceContents("x://1", null, "t", "AQI="))
                .hasMessageContaining("x://1").hasMessageContaining("not both");
        assertThatThrownBy(() -> new McpResourceContents("x://1", null, null, null)).hasMessageContaining("neither");
    }

    @Test
    void mediaBlocksNeedAMediaType() {
        assertThatThrownBy(() -> McpContent.image(new byte[1], " ")).hasMessageContaining("image/png");
        assertThatThrownBy(() -> McpContent.audio(new byte[1], "")).hasMessageContaining("audio/wav");
    }

    @Test
    void aToolResultIsNotEmpty() {
        assertThatThrownBy(() -> new McpToolResult(List.of(), null, false)).hasMessageContaining("at least one");
        assertThat(McpToolResult.structured(Map.of("a", 1)).content()).isEmpty();
        assertThat(McpToolResult.error("no").error()).isTrue();
    }

    @Test
    void aServedToolNeedsAHandlerAndAnObjectOutputSchema() {
        assertThatThrownBy(() -> ServedTool.builder("t").build()).hasMessageContaining("tool t has no handler");
        assertThatThrownBy(() -> ServedTool.builder("t").outputSchema("[]").handler((a, c) -> McpToolResult.text("x"))
                .build()).hasMessageContaining("output schema of tool t");
    }

    @Test
    void promptArgumentsAreUniqueAndTemplatesHaveVariables() {
        assertThatThrownBy(() -> ServedPrompt.of("p", null, List.of(ServedPrompt.Argument.required("a", null),
                ServedPrompt.Argument.optional("a", null)), args -> List.of())).hasMessageContaining("two arguments named a");
        assertThatThrownBy(() -> ServedResourceTemplate.of("notes://fixed", "n", null, null, (u, v) -> null))
                .hasMessageContaining("{variable}");
    }

    @Test
    void aServedToolMayNotTakeARegistryToolsName() {
        McpToolServer server = McpToolServer.builder().tools(DemoToolServer.registry()).build();
        assertThatThrownBy(() -> server.addTool(ServedTool.builder("echo").handler((a, c) -> McpToolResult.text("x"))
                .build())).isInstanceOf(AiOsException.class).hasMessageContaining("'echo'");
    }

    @Test
    void theSameThingServedTwiceIsRefusedAtBuild() {
        ServedTool tool = ServedTool.builder("t").handler((a, c) -> McpToolResult.text("x")).build();
        assertThatThrownBy(() -> McpToolServer.builder().tool(tool).tool(tool).build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("tool 't' twice");
    }

    @Test
    void bearerTokensAreLongAndNeverShown() {
        assertThatThrownBy(() -> McpHttpAuth.bearerToken("short")).hasMessageNotContaining("short")
                .hasMessageContaining("16 characters");
        McpHttpAuth auth = McpHttpAuth.bearerToken("a-very-secret-token-123");
        assertThat(auth.toString()).doesNotContain("secret");
        McpHttpAuth.BearerToken bearer = (McpHttpAuth.BearerToken) auth;
        assertThat(bearer.accepts("a-very-secret-token-123")).isTrue();
        assertThat(bearer.accepts("a-very-secret-token-12")).isFalse();
        assertThat(bearer.accepts(null)).isFalse();
    }
}
