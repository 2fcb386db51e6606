package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both registries check a call's arguments against the tool's input schema before the Java code
 * runs: the failed result names the argument and the problem, and the tool is never invoked.
 */
class ArgumentValidationTest {
    private static final String SCHEMA = """
            {"type":"object",
             "properties":{"path":{"type":"string"},"mode":{"enum":["r","w"]},"limit":{"type":"integer"},
                           "tags":{"type":"array","items":{"type":"string"}}},
             "required":["path"],"additionalProperties":false}""";

    private final List<Map<String, Object>> received = Collections.synchronizedList(new ArrayList<>());

    static Stream<String> registries() {
        return Stream.of("InProcessToolRegistry", "McpToolRegistry");
    }

    private ToolRegistry registry(String kind, String name, String schema) {
        ToolHandler handler = args -> {
            received.add(args);
            return ToolResult.success("ran");
        };
        return switch (kind) {
            case "InProcessToolRegistry" -> InProcessToolRegistry.builder()
                    .tool(name, "Reads a file", schema, ToolRisk.READ_ONLY, handler).build();
            case "McpToolRegistry" -> McpToolRegistry.builder()
                    .tool(name, "Reads a file", schema, ToolRisk.READ_ONLY, handler).build();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private String rejection(String kind, Map<String, Object> arguments) {
        ToolResult result = registry(kind, "files.read", SCHEMA).call(new ToolCall("run/1", "files.read", arguments));
        assertThat(result.error()).as("result of %s", arguments).isTrue();
        assertThat(received).as("calls that reached the tool").isEmpty();
        String prefix = "invalid arguments for tool files.read: ";
        assertThat(result.text()).startsWith(prefix).endsWith(". Its input schema: " + SCHEMA);
        return result.text().substring(prefix.length(), result.text().length() - (". Its input schema: " + SCHEMA).length());
    }

    @ParameterizedTest
    @MethodSource("registries")
    void aMissingRequiredArgumentIsNamed(String kind) {
        assertThat(rejection(kind, Map.of("mode", "r"))).isEqualTo("missing required argument 'path'");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void anArgumentOfTheWrongTypeIsNamedWithWhatWasExpected(String kind) {
        assertThat(rejection(kind, Map.of("path", 42))).isEqualTo("argument 'path': integer found, string expected");
        assertThat(rejection(kind, Map.of("path", "a", "limit", 1.5)))
                .isEqualTo("argument 'limit': number found, integer expected");
        assertThat(rejection(kind, Map.of("path", "a", "tags", List.of("ok", 7))))
                .isEqualTo("argument 'tags[1]': integer found, string expected");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void anUnknownArgumentIsNamedWhenTheSchemaAllowsNoOthers(String kind) {
        assertThat(rejection(kind, Map.of("path", "a", "recursive", true)))
                .isEqualTo("unknown argument 'recursive': the schema allows no arguments but those it lists");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void aValueOutsideTheEnumerationIsNamed(String kind) {
        assertThat(rejection(kind, Map.of("path", "a", "mode", "x")))
                .isEqualTo("argument 'mode': does not have a value in the enumeration [\"r\", \"w\"]");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void everyProblemIsListed(String kind) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("mode", "x");
        arguments.put("extra", 1);
        assertThat(rejection(kind, arguments).split("; ")).containsExactlyInAnyOrder(
                "missing required argument 'path'",
                "argument 'mode': does not have a value in the enumeration [\"r\", \"w\"]",
                "unknown argument 'extra': the schema allows no arguments but those it lists");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void argumentsThatFitReachTheTool(String kind) {
        Map<String, Object> arguments = Map.of("path", "a.txt", "mode", "w", "limit", 3, "tags", List.of("x"));

        assertThat(registry(kind, "files.read", SCHEMA).call(new ToolCall("run/1", "files.read", arguments)))
                .isEqualTo(ToolResult.success("ran"));
        assertThat(received).containsExactly(arguments);
    }

    @ParameterizedTest
    @MethodSource("registries")
    void twoToolsWhoseSchemasHashAlikeAreEachCheckedAgainstTheirOwn(String kind) {
        // "Aa" and "BB" have the same String.hashCode, so these two schemas have equal Map.hashCode:
        // a validator that caches compiled schemas by hash code checks one tool against the other's.
        String aa = "{\"type\":\"object\",\"properties\":{\"Aa\":{\"type\":\"string\"}},\"required\":[\"Aa\"]}";
        String bb = "{\"type\":\"object\",\"properties\":{\"BB\":{\"type\":\"string\"}},\"required\":[\"BB\"]}";
        ToolHandler handler = args -> {
            received.add(args);
            return ToolResult.success("ran");
        };
        ToolRegistry tools = kind.equals("InProcessToolRegistry")
                ? InProcessToolRegistry.builder().tool("t.aa", "a", aa, ToolRisk.READ_ONLY, handler)
                        .tool("t.bb", "b", bb, ToolRisk.READ_ONLY, handler).build()
                : McpToolRegistry.builder().tool("t.aa", "a", aa, ToolRisk.READ_ONLY, handler)
                        .tool("t.bb", "b", bb, ToolRisk.READ_ONLY, handler).build();

        assertThat(tools.call(new ToolCall("r/1", "t.aa", Map.of("Aa", "x")))).isEqualTo(ToolResult.success("ran"));
        assertThat(tools.call(new ToolCall("r/2", "t.bb", Map.of("BB", "x")))).isEqualTo(ToolResult.success("ran"));
        ToolResult wrong = tools.call(new ToolCall("r/3", "t.bb", Map.of("Aa", "x")));

        assertThat(wrong.error()).isTrue();
        assertThat(wrong.text()).contains("missing required argument 'BB'");
        assertThat(received).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("registries")
    void aSchemaWithARemoteRefFailsAtRegistrationWithoutFetchingIt(String kind) throws Exception {
        // A real server that would answer with a schema: the registry must not ask it (a tool's
        // schema, which an MCP server writes, must not make this process open URLs).
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String remote = "{\"type\":\"object\",\"properties\":{\"p\":{\"$ref\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/p.json\"}}}";

            assertThatThrownBy(() -> registry(kind, "t.ref", remote))
                    .isInstanceOf(AiOsException.class)
                    .hasMessageStartingWith("the input schema of tool t.ref cannot be used to check arguments: ");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
