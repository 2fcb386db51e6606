package dev.aios.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * A bare MCP server made with the SDK alone that declares only the {@code resources} and
 * {@code prompts} capabilities (no {@code tools}), over Streamable HTTP in this JVM. It counts the
 * requests of each method it receives, so a test sees that no {@code tools/list} was sent.
 */
final class ResourcesOnlyServer implements McpToolServer.Running {
    final AtomicInteger requests = new AtomicInteger();
    private final McpSyncServer server;
    private final Tomcat tomcat;
    private final URI url;

    ResourcesOnlyServer() throws IOException {
        var mapper = McpJsonDefaults.getMapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint("/mcp").sessionSweepInterval(null).build();
        server = McpServer.sync(transport).serverInfo("resources-only", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().resources(false, false).prompts(false).build())
                .resources(new McpServerFeatures.SyncResourceSpecification(
                        McpSchema.Resource.builder("memo://one", "one").mimeType("text/plain").build(),
                        (exchange, request) -> {
                            requests.incrementAndGet();
                            return new McpSchema.ReadResourceResult(List.of(
                                    new McpSchema.TextResourceContents(request.uri(), "text/plain", "the memo")));
                        }))
                .prompts(new McpServerFeatures.SyncPromptSpecification(
                        new McpSchema.Prompt("greet", "Greets", List.of()),
                        (exchange, request) -> new McpSchema.GetPromptResult("greeting", List.of(
                                new McpSchema.PromptMessage(McpSchema.Role.USER, new McpSchema.TextContent("hello"))))))
                .build();
        Path base = Files.createTempDirectory("resources-only-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.getConnector().setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
        wrapper.setAsyncSupported(true);
        wrapper.addMapping("/*");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IOException(e);
        }
        url = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp");
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        server.closeGracefully();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
