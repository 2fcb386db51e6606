package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that adds and removes tools while connected: the registry follows its list_changed notifications. */
class ListChangedIT {
    private Tomcat tomcat;
    private McpSyncServer server;
    private String url;

    @TempDir
    Path dir;

    private static McpServerFeatures.SyncToolSpecification tool(String name, String answer) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name, McpJsonDefaults.getMapper(), "{\"type\":\"object\"}")
                        .description("Answers " + answer).build())
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder().addTextContent(answer).build())
                .build();
    }

    @BeforeEach
    void start() throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").sessionSweepInterval(null).build();
        server = McpServer.sync(transport)
                .serverInfo("changing", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("first", "one"))
                .build();
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.getConnector().setPort(0);
        Context context = tomcat.addContext("", dir.toString());
        var wrapper = Tomcat.addServlet(context, "mcp", transport);
        wrapper.setAsyncSupported(true);
        wrapper.addMapping("/*");
        tomcat.start();
        url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void followsToolsAddedAndRemovedWhileConnected() throws Exception {
        try (McpToolRegistry registry = McpToolRegistry.builder().server(McpServerConfig.http("live", url)).build()) {
            assertThat(names(registry)).containsExactly("live.first");

            server.addTool(tool("second", "two"));
            await(() -> registry.find("live.second").isPresent());
            assertThat(registry.call(new ToolCall("r/1", "live.second", Map.of())).text()).isEqualTo("two");

            server.removeTool("first");
            await(() -> registry.find("live.first").isEmpty());
            assertThat(names(registry)).containsExactly("live.second");
        }
    }

    private static java.util.List<String> names(McpToolRegistry registry) {
        return registry.tools().stream().map(ToolDescriptor::name).toList();
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
