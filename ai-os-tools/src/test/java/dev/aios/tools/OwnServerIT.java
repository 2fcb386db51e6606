package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our own MCP server, over stdio and Streamable HTTP, used by the MCP SDK's client and by LangChain4j's. */
class OwnServerIT {

    private static List<String> stdioCommand() {
        McpServerConfig config = DemoToolServer.stdio("demo");
        List<String> command = new ArrayList<>();
        command.add(config.command());
        command.addAll(config.args());
        return command;
    }

    private static void exercise(McpSyncClient client) {
        client.initialize();
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name).contains("echo", "add", "notes.count", "run_goal");
        McpSchema.Tool echo = tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.annotations().readOnlyHint()).isTrue();
        assertThat(echo.annotations().openWorldHint()).isFalse();
        McpSchema.Tool agent = tools.stream().filter(t -> t.name().equals("run_goal")).findFirst().orElseThrow();
        assertThat(agent.annotations().openWorldHint()).isTrue();
        assertThat(agent.annotations().readOnlyHint()).isFalse();

        McpSchema.CallToolResult echoed = client.callTool(
                McpSchema.CallToolRequest.builder("echo").arguments(Map.of("message", "hi")).build());
        assertThat(((McpSchema.TextContent) echoed.content().get(0)).text()).isEqualTo("Echo: hi");
        McpSchema.CallToolResult sum = client.callTool(
                McpSchema.CallToolRequest.builder("add").arguments(Map.of("a", 2, "b", 3)).build());
        assertThat(((McpSchema.TextContent) sum.content().get(0)).text()).isEqualTo("5");
        McpSchema.CallToolResult bad = client.callTool(
                McpSchema.CallToolRequest.builder("add").arguments(Map.of("a", "x")).build());
        assertThat(bad.isError()).isTrue();
        McpSchema.CallToolResult run = client.callTool(McpSchema.CallToolRequest.builder("run_goal")
                .arguments(Map.of("goal", "plan the offsite", "private", true)).build());
        assertThat(run.isError()).isFalse();
        assertThat(((McpSchema.TextContent) run.content().get(0)).text()).isEqualTo("done: plan the offsite (private)");
        McpSchema.CallToolResult failed = client.callTool(McpSchema.CallToolRequest.builder("run_goal")
                .arguments(Map.of("goal", "please fail")).build());
        assertThat(failed.isError()).isTrue();
        assertThat(((McpSchema.TextContent) failed.content().get(0)).text()).contains("FAILED", "the goal asked to fail");
    }

    private static McpSyncClient sdkClient(McpClientTransport transport) {
        return io.modelcontextprotocol.client.McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void sdkClientUsesOurServerOverStdio() {
        List<String> command = stdioCommand();
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        try (McpSyncClient client = sdkClient(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()))) {
            exercise(client);
        }
    }

    @Test
    void sdkClientUsesOurServerOverStreamableHttp() {
        try (McpToolServer.Running http = DemoToolServer.server().startHttp("127.0.0.1", 0);
                McpSyncClient client = sdkClient(HttpClientStreamableHttpTransport
                        .builder("http://127.0.0.1:" + http.url().getPort()).endpoint("/mcp").build())) {
            exercise(client);
        }
    }

    private static void exercise(McpClient client) {
        List<ToolSpecification> tools = client.listTools();
        assertThat(tools).extracting(ToolSpecification::name).contains("echo", "add", "run_goal");
        ToolExecutionResult echoed = client.executeTool(ToolExecutionRequest.builder().id("1").name("echo")
                .arguments("{\"message\":\"from langchain4j\"}").build());
        assertThat(echoed.resultText()).isEqualTo("Echo: from langchain4j");
        ToolExecutionResult run = client.executeTool(ToolExecutionRequest.builder().id("2").name("run_goal")
                .arguments("{\"goal\":\"file the bug\"}").build());
        assertThat(run.resultText()).isEqualTo("done: file the bug");
    }

    @Test
    @SuppressWarnings("try") // McpClient.close() declares Exception
    void langChain4jClientUsesOurServerOverStdio() throws Exception {
        try (McpClient client = new DefaultMcpClient.Builder()
                .transport(new StdioMcpTransport.Builder().command(stdioCommand()).build())
                .toolExecutionTimeout(Duration.ofSeconds(20))
                .build()) {
            exercise(client);
        }
    }

    @Test
    @SuppressWarnings("try")
    void langChain4jClientUsesOurServerOverStreamableHttp() throws Exception {
        try (McpToolServer.Running http = DemoToolServer.server().startHttp("127.0.0.1", 0);
                McpClient client = new DefaultMcpClient.Builder()
                        .transport(new StreamableHttpMcpTransport.Builder().url(http.url().toString()).build())
                        .toolExecutionTimeout(Duration.ofSeconds(20))
                        .build()) {
            exercise(client);
        }
    }

    @Test
    void ourRegistryUsesOurServerOverHttp() {
        try (McpToolServer.Running http = DemoToolServer.server().startHttp("127.0.0.1", 0);
                McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("demo", http.url().toString()))
                        .build()) {
            assertThat(registry.find("demo.notes.count")).isPresent();
            assertThat(registry.find("demo.echo").orElseThrow().risk()).isEqualTo(dev.aios.api.ToolRisk.READ_ONLY);
            assertThat(registry.call(new dev.aios.api.ToolCall("r/1", "demo.notes.count",
                    Map.of("text", "three short words"))).text()).isEqualTo("3");
        }
    }
}
