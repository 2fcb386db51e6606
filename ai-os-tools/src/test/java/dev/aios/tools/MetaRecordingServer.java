package dev.aios.tools;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import dev.aios.tools.internal.TomcatHosting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare MCP server made with the SDK alone (not {@link McpToolServer}), whose tools answer with
 * the {@code _meta} of the request they received, as JSON: so a test sees exactly what crossed
 * the wire. Tools: {@code record} and {@code other} (both answer the meta), and
 * {@code crash_once} (halts the process the first time, when the file named by the system
 * property {@code crash.marker} does not exist yet, then answers the meta). Run over stdio as a
 * child process ({@link #main}) or over Streamable HTTP in this JVM ({@link #startHttp()}).
 */
public final class MetaRecordingServer {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}";

    private MetaRecordingServer() {}

    private static McpServer.SyncSpecification<?> configure(McpServer.SyncSpecification<?> spec, McpJsonMapper mapper) {
        return spec.serverInfo("meta-recorder", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(List.of(tool(mapper, "record", false), tool(mapper, "other", false),
                        tool(mapper, "crash_once", true)));
    }

    private static McpServerFeatures.SyncToolSpecification tool(McpJsonMapper mapper, String name, boolean crash) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name, mapper, SCHEMA).description("answers the _meta it received").build())
                .callHandler((exchange, request) -> {
                    if (crash) {
                        Path marker = Path.of(System.getProperty("crash.marker"));
                        if (!Files.exists(marker)) {
                            try {
                                Files.writeString(marker, String.valueOf(request.meta()));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            Runtime.getRuntime().halt(7);
                        }
                    }
                    Map<String, Object> meta = request.meta() == null ? Map.of() : new TreeMap<>(request.meta());
                    try {
                        return McpSchema.CallToolResult.builder().addTextContent(mapper.writeValueAsString(meta)).build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .build();
    }

    /** Serves over stdio until the host closes stdin. */
    public static void main(String[] args) throws Exception {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        McpSyncServer server = configure(McpServer.sync(new StdioServerTransportProvider(mapper)), mapper).build();
        Thread.currentThread().join(); // the SDK reads stdin on its own threads; the host kills us at the end
        server.close();
    }

    /** @return the command line that starts this server as a child process */
    static McpServerConfig stdio(String name, Path crashMarker) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return McpServerConfig.stdio(name, java, "-Dcrash.marker=" + crashMarker, "-cp",
                System.getProperty("java.class.path"), MetaRecordingServer.class.getName());
    }

    /** @return the server, serving Streamable HTTP on a free port of 127.0.0.1 */
    static McpToolServer.Running startHttp() throws IOException {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint("/mcp").sessionSweepInterval(null).build();
        McpSyncServer server = configure(McpServer.sync(transport), mapper).build();
        // the module's own hosting, with no gate in front of the servlet
        TomcatHosting tomcat = TomcatHosting.start("127.0.0.1", 0, transport,
                (request, response, chain) -> chain.doFilter(request, response));
        java.net.URI url = java.net.URI.create("http://127.0.0.1:" + tomcat.port() + "/mcp");
        return new McpToolServer.Running() {
            @Override
            public java.net.URI url() {
                return url;
            }

            @Override
            public void close() {
                server.closeGracefully();
                tomcat.close();
            }
        };
    }
}
