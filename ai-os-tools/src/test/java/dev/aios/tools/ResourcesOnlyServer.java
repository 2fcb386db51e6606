package dev.aios.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import dev.aios.tools.internal.TomcatHosting;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare MCP server made with the SDK alone that declares only the {@code resources} and
 * {@code prompts} capabilities (no {@code tools}), over Streamable HTTP in this JVM. It counts the
 * requests of each method it receives, so a test sees that no {@code tools/list} was sent.
 */
final class ResourcesOnlyServer implements McpToolServer.Running {
    final AtomicInteger requests = new AtomicInteger();
    private final McpSyncServer server;
    private final TomcatHosting tomcat;
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
        // the module's own hosting, with no gate in front of the servlet
        tomcat = TomcatHosting.start("127.0.0.1", 0, transport, (request, response, chain) -> chain.doFilter(request, response));
        url = URI.create("http://127.0.0.1:" + tomcat.port() + "/mcp");
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        server.closeGracefully();
        tomcat.close();
    }
}
