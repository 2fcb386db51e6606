package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.tools.internal.AgentTool;
import dev.aios.tools.internal.InProcessTool;
import dev.aios.tools.internal.RiskAnnotations;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server that offers a registry's tools, and agents as tools, to any MCP host (Claude
 * Desktop, an IDE, another agent), over stdio or Streamable HTTP. Each tool keeps its risk as
 * MCP annotations ({@code readOnlyHint}, {@code destructiveHint}, {@code idempotentHint},
 * {@code openWorldHint}). Calls go through {@link ToolRegistry#call}, so the registry's argument
 * validation applies. A host's idempotency key, sent in a request's {@code _meta} under
 * {@value ToolCall#IDEMPOTENCY_KEY_META}, reaches the tool as {@link ToolCall#idempotencyKey()}.
 * {@snippet :
 * McpToolServer server = McpToolServer.builder()
 *         .tools(registry)                                   // e.g. an McpToolRegistry of Java tools
 *         .agent("run_goal", "Runs a goal to completion with the desk agent", agent::run)
 *         .build();
 * server.serveStdio();                                       // until the host closes stdin
 * // or: try (McpToolServer.Running http = server.startHttp("127.0.0.1", 8080)) { ... }
 * }
 */
public final class McpToolServer {
    private static final Logger log = LoggerFactory.getLogger(McpToolServer.class);

    /** A server listening on HTTP; closing it stops it. */
    public interface Running extends AutoCloseable {
        /** @return the MCP endpoint, such as {@code http://127.0.0.1:8080/mcp} */
        URI url();

        /** Stops the server. */
        @Override
        void close();
    }

    private final String name;
    private final String version;
    private final ToolRegistry registry;
    private final Map<String, InProcessTool> agents;

    private McpToolServer(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.registry = b.registry;
        this.agents = Map.copyOf(b.agents);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Serves on this process's standard input and output until the host closes the input. */
    public void serveStdio() throws InterruptedException {
        serveStdio(System.in, System.out);
    }

    /** Serves on {@code in} and {@code out} until {@code in} ends. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    ended.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        McpSyncServer server = configure(McpServer.sync(new StdioServerTransportProvider(mapper, watched, out)), mapper)
                .build();
        try {
            ended.await();
        } finally {
            server.closeGracefully();
        }
    }

    /**
     * Starts serving Streamable HTTP at {@code http://host:port/mcp}. Bind to {@code 127.0.0.1}
     * unless other machines should reach the tools.
     *
     * @param port the port, or 0 for any free one ({@link Running#url()} tells which)
     */
    public Running startHttp(String host, int port) {
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper)
                .mcpEndpoint("/mcp")
                // The SDK's sweeper runs on a non-daemon scheduler that closing never disposes, so a
                // stopped server would keep the JVM alive; sessions still end on DELETE or on close.
                .sessionSweepInterval(null)
                .build();
        McpSyncServer server = configure(McpServer.sync(transport), mapper).build();
        Tomcat tomcat = new Tomcat();
        Path base;
        try {
            base = Files.createTempDirectory("aios-mcp-tomcat");
        } catch (IOException e) {
            throw AiOsException.retriable("cannot create a work folder for the MCP HTTP server: " + e.getMessage(), e);
        }
        tomcat.setBaseDir(base.toString());
        tomcat.setHostname(host);
        tomcat.getConnector().setPort(port);
        tomcat.getConnector().setProperty("address", host);
        Context context = tomcat.addContext("", base.toString());
        if (context instanceof org.apache.catalina.core.StandardContext standard) {
            // No web application to leak from; these checks only warn about JVM flags.
            standard.setClearReferencesThreadLocals(false);
            standard.setClearReferencesRmiTargets(false);
        }
        Wrapper wrapper = Tomcat.addServlet(context, "mcp", transport);
        wrapper.setAsyncSupported(true);
        wrapper.addMapping("/*");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            server.close();
            throw AiOsException.permanent("cannot start the MCP HTTP server on " + host + ":" + port + ": " + e.getMessage()
                    + "; is the port free?", e);
        }
        URI url = URI.create("http://" + host + ":" + tomcat.getConnector().getLocalPort() + "/mcp");
        log.info("MCP server {} listening at {}", name, url);
        return new Running() {
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
                    log.warn("stopping the MCP HTTP server failed: {}", e.toString());
                }
            }
        };
    }

    private <S extends McpServer.SyncSpecification<S>> McpServer.SyncSpecification<S> configure(
            McpServer.SyncSpecification<S> spec, McpJsonMapper mapper) {
        List<McpServerFeatures.SyncToolSpecification> specs = new ArrayList<>();
        Map<String, ToolDescriptor> offered = new LinkedHashMap<>();
        registry.tools().forEach(t -> offered.put(t.name(), t));
        agents.values().forEach(a -> offered.put(a.descriptor().name(), a.descriptor()));
        for (ToolDescriptor tool : offered.values()) {
            McpSchema.Tool mcpTool = McpSchema.Tool.builder(tool.name(), mapper, tool.inputSchema())
                    .description(tool.description())
                    .annotations(RiskAnnotations.toAnnotations(null, tool.risk()))
                    .build();
            specs.add(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(mcpTool)
                    .callHandler((exchange, request) -> toMcp(call(tool.name(), request.arguments(),
                            idempotencyKey(request.meta()))))
                    .build());
        }
        return spec.serverInfo(name, version)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(specs);
    }

    private static McpSchema.CallToolResult toMcp(ToolResult result) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(result.text())
                .isError(result.error())
                .build();
    }

    /** @return the host's idempotency key from a request's {@code _meta}; null if none, or not a non-blank string */
    private static @Nullable String idempotencyKey(@Nullable Map<String, Object> meta) {
        Object key = meta == null ? null : meta.get(ToolCall.IDEMPOTENCY_KEY_META);
        return key instanceof String text && !text.isBlank() ? text : null;
    }

    private ToolResult call(String tool, Map<String, Object> arguments, @Nullable String idempotencyKey) {
        ToolCall call = new ToolCall("mcp-" + UUID.randomUUID(), tool, arguments == null ? Map.of() : arguments,
                idempotencyKey);
        try {
            InProcessTool agent = agents.get(tool);
            if (agent != null) {
                return agent.handler().call(call);
            }
            return registry.call(call);
        } catch (AiOsException e) {
            return ToolResult.failure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failure("tool " + tool + " was interrupted");
        } catch (Exception e) {
            log.warn("tool {} failed", tool, e);
            return ToolResult.failure("tool " + tool + " failed: " + e);
        }
    }

    /** Builds a {@link McpToolServer}. */
    public static final class Builder {
        private String name = "ai-os";
        private String version = "0.1.0";
        private ToolRegistry registry = ToolRegistry.empty();
        private final Map<String, InProcessTool> agents = new LinkedHashMap<>();

        private Builder() {}

        /** The name and version the server reports to hosts (default: {@code ai-os 0.1.0}). */
        public Builder serverInfo(String name, String version) {
            this.name = Objects.requireNonNull(name, "name");
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Offers every tool of {@code registry} (as listed when the server starts). */
        public Builder tools(ToolRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Offers an agent as a tool whose argument is a goal in words.
         *
         * @param agent runs a goal to its outcome, such as {@code agent::run}
         */
        public Builder agent(String toolName, String description, Function<Goal, RunOutcome> agent) {
            InProcessTool tool = AgentTool.of(toolName, description, Objects.requireNonNull(agent, "agent"));
            if (agents.putIfAbsent(toolName, tool) != null) {
                throw AiOsException.permanent("two agents are offered as '" + toolName + "'; rename one");
            }
            return this;
        }

        /** @return the server, not yet serving */
        public McpToolServer build() {
            for (String agent : agents.keySet()) {
                if (registry.find(agent).isPresent()) {
                    throw AiOsException.permanent("agent tool '" + agent + "' has the name of a registry tool; rename it");
                }
            }
            return new McpToolServer(this);
        }
    }
}
