package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.internal.PinStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How servers and Java tools declare that they honour idempotency keys, and how Java tools get the key. */
class IdempotencyKeyDeclarationsTest {

    // ---- McpServerConfig

    @Test
    void jsonTakesAListOfToolNamesOrTrue() {
        List<McpServerConfig> servers = McpServerConfig.parse("""
                {"mcpServers": {
                  "tracker": {"command": "tracker-mcp", "idempotencyKeys": ["create_issue", "add_comment"]},
                  "mail":    {"url": "https://mail.example.com/mcp", "idempotencyKeys": true},
                  "files":   {"command": "files-mcp", "idempotencyKeys": false},
                  "plain":   {"command": "plain-mcp"}
                }}""");
        assertThat(servers.get(0).idempotencyKeys()).containsExactly("create_issue", "add_comment");
        assertThat(servers.get(0).acceptsIdempotencyKey("create_issue")).isTrue();
        assertThat(servers.get(0).acceptsIdempotencyKey("delete_issue")).isFalse();
        assertThat(servers.get(1).idempotencyKeys()).containsExactly(McpServerConfig.ALL_TOOLS);
        assertThat(servers.get(1).acceptsIdempotencyKey("anything")).isTrue();
        assertThat(servers.get(2).idempotencyKeys()).isEmpty();
        assertThat(servers.get(3).idempotencyKeys()).isEmpty();
        assertThat(servers.get(3)).isEqualTo(McpServerConfig.stdio("plain", "plain-mcp"));
        assertThat(servers.get(0).toString()).contains("idempotencyKeys=[create_issue, add_comment]");
    }

    @Test
    void jsonThatIsNotAListOfNamesOrABooleanIsRefusedByName() {
        for (String value : List.of("\"create_issue\"", "[1]", "[\"a\", \"a\"]", "[\"\"]", "[\" a\"]", "{}",
                "[\"*\", \"a\"]")) {
            assertThatThrownBy(() -> McpServerConfig.parse(
                    "{\"mcpServers\": {\"t\": {\"command\": \"x\", \"idempotencyKeys\": " + value + "}}}"))
                    .as(value)
                    .isInstanceOf(AiOsException.class)
                    .hasMessageContaining("idempotencyKeys")
                    .hasMessageContaining("'t'");
        }
    }

    @Test
    void builderMethodsAddNamesAndKeepOtherFields() {
        McpServerConfig config = McpServerConfig.http("mail", "https://mail.example.com/mcp")
                .withHeader("Authorization", "Bearer x")
                .withIdempotencyKeys("send")
                .withIdempotencyKeys("draft");
        assertThat(config.idempotencyKeys()).containsExactly("send", "draft");
        assertThat(config.withHeader("X-Other", "1").idempotencyKeys()).containsExactly("send", "draft");
        assertThat(config.headers()).containsKey("Authorization");
        assertThatThrownBy(() -> config.withIdempotencyKeys(McpServerConfig.ALL_TOOLS))
                .isInstanceOf(AiOsException.class).hasMessageContaining("keep one");
        assertThat(McpServerConfig.stdio("a", "x").withIdempotencyKeys(McpServerConfig.ALL_TOOLS)
                .acceptsIdempotencyKey("whatever")).isTrue();
        assertThatThrownBy(() -> new McpServerConfig("a", McpServerConfig.Transport.STDIO, "x", List.of(), Map.of(),
                null, Map.of(), Set.of(" "))).isInstanceOf(AiOsException.class);
    }

    // ---- tool pinning

    @Test
    void pinFingerprintIgnoresTheKeyDeclarationAndMatchesPinsWrittenBeforeIt() throws Exception {
        ToolDescriptor plain = new ToolDescriptor("t.create", "Creates", ToolDescriptor.NO_ARGUMENTS,
                ToolRisk.SIDE_EFFECTING);
        ToolDescriptor keyed = new ToolDescriptor("t.create", "Creates", ToolDescriptor.NO_ARGUMENTS,
                ToolRisk.SIDE_EFFECTING.withIdempotencyKey());
        assertThat(PinStore.fingerprint(keyed)).isEqualTo(PinStore.fingerprint(plain));
        // What the fingerprint was when ToolRisk had three components.
        String before = "t.create\nCreates\n{\"properties\":{},\"type\":\"object\"}\n"
                + "ToolRisk[level=SIDE_EFFECTING, openWorld=false, idempotent=false]";
        assertThat(PinStore.fingerprint(plain)).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(before.getBytes(StandardCharsets.UTF_8))));
    }

    // ---- in-process tools

    static final class Tickets {
        @ToolMethod(value = "Opens a ticket", name = "tickets.open", openWorld = false, acceptsIdempotencyKey = true)
        public String open(@ToolParam(name = "title") String title, ToolCall call) {
            return title + " key=" + call.idempotencyKey() + " id=" + call.id();
        }

        @ToolMethod(value = "Reads the call only", name = "tickets.who", level = ToolRisk.Level.READ_ONLY)
        public String who(ToolCall call) {
            return call.tool();
        }
    }

    static final class NoCallParameter {
        @ToolMethod(value = "Claims keys but cannot read them", acceptsIdempotencyKey = true)
        public String open(@ToolParam(name = "title") String title) {
            return title;
        }
    }

    static final class AnnotatedCall {
        @ToolMethod(value = "Marks the call as an argument")
        public String open(@ToolParam(name = "call") ToolCall call) {
            return "";
        }
    }

    @Test
    void annotatedToolDeclaresKeysAndReceivesTheCall() {
        McpToolRegistry registry = McpToolRegistry.builder().tools(new Tickets()).build();
        ToolDescriptor open = registry.find("tickets.open").orElseThrow();
        assertThat(open.risk()).isEqualTo(new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, false, true));
        assertThat(open.inputSchema()).contains("\"title\"").doesNotContain("call");
        assertThat(registry.find("tickets.who").orElseThrow().inputSchema()).contains("\"properties\":{}");
        assertThat(registry.find("tickets.who").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();

        assertThat(registry.call(new ToolCall("run/s1", "tickets.open", Map.of("title", "Bug"), "key-1")).text())
                .isEqualTo("Bug key=key-1 id=run/s1");
        assertThat(registry.call(new ToolCall("run/s2", "tickets.open", Map.of("title", "Bug"))).text())
                .isEqualTo("Bug key=null id=run/s2");
        assertThat(registry.call(new ToolCall("run/s3", "tickets.who", Map.of())).text()).isEqualTo("tickets.who");
    }

    @Test
    void toolThatClaimsKeysWithoutAToolCallParameterOrAnnotatesItIsRefused() {
        assertThatThrownBy(() -> McpToolRegistry.builder().tools(new NoCallParameter()))
                .isInstanceOf(AiOsException.class).hasMessageContaining("add a parameter of type ToolCall");
        assertThatThrownBy(() -> McpToolRegistry.builder().tools(new AnnotatedCall()))
                .isInstanceOf(AiOsException.class).hasMessageContaining("drop the annotation");
    }

    @Test
    void lambdaToolsGetTheCallThroughOfCallInBothRegistries() {
        ToolDescriptor descriptor = new ToolDescriptor("notes.add", "Adds a note", ToolDescriptor.NO_ARGUMENTS,
                ToolRisk.SIDE_EFFECTING.withIdempotencyKey());
        ToolHandler handler = ToolHandler.ofCall(call -> ToolResult.success("key=" + call.idempotencyKey()));
        ToolCall call = new ToolCall("r/1", "notes.add", Map.of(), "k-9");
        assertThat(InProcessToolRegistry.builder().tool(descriptor, handler).build().call(call).text())
                .isEqualTo("key=k-9");
        assertThat(McpToolRegistry.builder().tool(descriptor, handler).build().call(call).text()).isEqualTo("key=k-9");
        assertThat(InProcessToolRegistry.builder().tool(descriptor, handler).build().find("notes.add").orElseThrow()
                .risk().acceptsIdempotencyKey()).isTrue();
        // A plain lambda still sees only the arguments, whatever the call carries.
        ToolHandler plain = args -> ToolResult.success("args=" + args);
        assertThat(InProcessToolRegistry.builder().tool(descriptor, plain).build().call(call).text())
                .isEqualTo("args={}");
    }
}
