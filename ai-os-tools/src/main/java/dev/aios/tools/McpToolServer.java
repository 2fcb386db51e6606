package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.tools.internal.AgentTool;
import dev.aios.tools.internal.CallRelay;
import dev.aios.tools.internal.HttpGate;
import dev.aios.tools.internal.LocalHosts;
import dev.aios.tools.internal.InProcessTool;
import dev.aios.tools.internal.OAuthResourceServer;
import dev.aios.tools.internal.RiskAnnotations;
import dev.aios.tools.internal.ServedCatalog;
import dev.aios.tools.internal.ServedSpecs;
import dev.aios.tools.internal.StdioRelayStream;
import dev.aios.tools.internal.TomcatHosting;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MCP server that offers a registry's tools, agents as tools, and its own tools, resources,
 * resource templates and prompts to any MCP host (Claude Desktop, an IDE, another agent), over
 * stdio or Streamable HTTP.
 *
 * <p>Registry tools keep their risk as MCP annotations ({@code readOnlyHint},
 * {@code destructiveHint}, {@code idempotentHint}, {@code openWorldHint}) and are called through
 * {@link ToolRegistry#call}, so the registry's argument validation applies; a host's idempotency
 * key, sent in a request's {@code _meta} under {@value ToolCall#IDEMPOTENCY_KEY_META}, reaches the
 * tool as {@link ToolCall#idempotencyKey()}. {@link ServedTool}s use the rest of MCP: any content,
 * structured content checked against an output schema, and a {@link McpCallContext} to log, report
 * progress, notice cancellation, and ask the client for sampling, elicitation and its roots.
 * {@link ServedResource}s, {@link ServedResourceTemplate}s and {@link ServedPrompt}s (with
 * completion) are served too. All but the registry's tools and agents can be added and removed
 * while the server runs; clients are told ({@code list_changed}), and subscribers of a resource
 * are told when the host calls {@link #resourceUpdated(String)}.
 * {@snippet :
 * McpToolServer server = McpToolServer.builder()
 *         .tools(registry)                                   // e.g. an McpToolRegistry of Java tools
 *         .agent("run_goal", "Runs a goal to completion with the desk agent", agent::run)
 *         .resource(ServedResource.text("notes://today", "today", "Today's notes", "text/plain", notes::today))
 *         .httpAuth(McpHttpAuth.bearerToken(token))          // for startHttp
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
    private final McpHttpAuth auth;
    private final ServedCatalog catalog;

    private McpToolServer(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.registry = b.registry;
        this.agents = Map.copyOf(b.agents);
        this.auth = b.auth;
        Set<String> fixed = new HashSet<>(agents.keySet());
        registry.tools().forEach(t -> fixed.add(t.name()));
        this.catalog = new ServedCatalog(fixed);
        Set<String> seen = new HashSet<>();
        for (Object served : b.served) {
            String key = switch (served) {
                case ServedTool t -> "tool '" + t.name() + "'";
                case ServedResource r -> "resource " + r.uri();
                case ServedResourceTemplate t -> "resource template " + t.uriTemplate();
                case ServedPrompt p -> "prompt '" + p.name() + "'";
                default -> throw new IllegalArgumentException(String.valueOf(served));
            };
            if (!seen.add(key)) {
                throw AiOsException.permanent("the server is given the " + key + " twice; give it once");
            }
            add(served);
        }
    }

    private void add(Object served) {
        switch (served) {
            case ServedTool t -> catalog.add(t);
            case ServedResource r -> catalog.add(r);
            case ServedResourceTemplate t -> catalog.add(t);
            case ServedPrompt p -> catalog.add(p);
            default -> throw new IllegalArgumentException(String.valueOf(served));
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Adds a tool, or replaces the served tool of its name, on this server and every client of it now. */
    public void addTool(ServedTool tool) {
        catalog.add(Objects.requireNonNull(tool, "tool"));
    }

    /** @return whether a served tool of that name was removed (registry tools and agents stay) */
    public boolean removeTool(String name) {
        return catalog.removeTool(name);
    }

    /** Adds a resource, or replaces the one of its URI. */
    public void addResource(ServedResource resource) {
        catalog.add(Objects.requireNonNull(resource, "resource"));
    }

    /** @return whether a resource of that URI was removed */
    public boolean removeResource(String uri) {
        return catalog.removeResource(uri);
    }

    /**
     * Adds a resource template, or replaces the one of its URI template. Completion of its
     * variables works for templates served when a connection was started, not for ones added
     * later (the MCP SDK fixes completions when it starts).
     */
    public void addResourceTemplate(ServedResourceTemplate template) {
        catalog.add(Objects.requireNonNull(template, "template"));
    }

    /** @return whether a template of that URI template was removed */
    public boolean removeResourceTemplate(String uriTemplate) {
        return catalog.removeResourceTemplate(uriTemplate);
    }

    /** Adds a prompt, or replaces the one of its name; completion as for {@link #addResourceTemplate}. */
    public void addPrompt(ServedPrompt prompt) {
        catalog.add(Objects.requireNonNull(prompt, "prompt"));
    }

    /** @return whether a prompt of that name was removed */
    public boolean removePrompt(String name) {
        return catalog.removePrompt(name);
    }

    /** Tells the clients that subscribed to {@code uri} ({@code resources/subscribe}) that it changed. */
    public void resourceUpdated(String uri) {
        catalog.updated(Objects.requireNonNull(uri, "uri"));
    }

    /** Serves on this process's standard input and output until the host closes the input. */
    public void serveStdio() throws InterruptedException {
        serveStdio(System.in, System.out);
    }

    /** Serves on {@code in} and {@code out} until {@code in} ends. */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        CallRelay relay = new CallRelay();
        StdioRelayStream relayed = new StdioRelayStream(in, relay, ended);
        McpSyncServer server = start(McpServer.sync(new StdioServerTransportProvider(mapper, relayed, out)), mapper, relay);
        try {
            ended.await();
        } finally {
            catalog.stopped(server);
            server.closeGracefully();
        }
    }

    /**
     * Starts serving Streamable HTTP at {@code http://host:port/mcp}, with this server's
     * {@linkplain Builder#httpAuth authentication}. Bind to {@code 127.0.0.1} unless other
     * machines should reach the tools. Bound to a loopback address, the server answers only
     * requests whose {@code Host} (and {@code Origin}, when sent) name this machine
     * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), and refuses others with {@code 403}:
     * otherwise a web page whose name resolves to 127.0.0.1 could call the tools from the user's
     * browser (DNS rebinding).
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
        CallRelay relay = new CallRelay();
        McpSyncServer server = start(McpServer.sync(transport), mapper, relay);
        HttpGate gate = new HttpGate(auth, relay, LocalHosts.isLoopbackBind(host));
        TomcatHosting tomcat;
        try {
            tomcat = TomcatHosting.start(host, port, transport, gate);
        } catch (RuntimeException e) {
            catalog.stopped(server);
            server.close();
            throw e;
        }
        URI url = URI.create("http://" + host + ":" + tomcat.port() + "/mcp");
        if (auth instanceof McpHttpAuth.OAuth oauth) {
            try {
                gate.oauth(OAuthResourceServer.start(oauth, url));
            } catch (RuntimeException e) {
                catalog.stopped(server);
                server.close();
                tomcat.close();
                throw e;
            }
        }
        log.info("MCP server {} listening at {}{}", name, url, switch (auth) {
            case McpHttpAuth.None none -> "";
            case McpHttpAuth.BearerToken bearer -> " (static bearer token)";
            case McpHttpAuth.OAuth oauth -> " (OAuth access tokens from " + oauth.issuer() + ")";
        });
        return new Running() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public void close() {
                catalog.stopped(server);
                server.closeGracefully();
                tomcat.close();
            }
        };
    }

    private <S extends McpServer.SyncSpecification<S>> McpSyncServer start(McpServer.SyncSpecification<S> spec,
            McpJsonMapper mapper, CallRelay relay) {
        ServedSpecs specs = new ServedSpecs(mapper, relay, catalog::prompt, catalog::template);
        spec.serverInfo(name, version)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        // Every list can change while the server runs (addTool, addResource, addPrompt, ...).
                        .tools(true)
                        .resources(true, true)
                        .prompts(true)
                        .completions()
                        .logging()
                        .build());
        synchronized (catalog) {
            catalog.configure(spec, specs, registryTools(mapper));
            McpSyncServer server = spec.build();
            catalog.started(server, specs);
            return server;
        }
    }

    private List<McpServerFeatures.SyncToolSpecification> registryTools(McpJsonMapper mapper) {
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
        return specs;
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
        private final List<Object> served = new ArrayList<>();
        private McpHttpAuth auth = McpHttpAuth.none();

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

        /** Serves a tool with the whole of MCP (content blocks, structured content, a call context). */
        public Builder tool(ServedTool tool) {
            served.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Serves a resource. */
        public Builder resource(ServedResource resource) {
            served.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /** Serves a family of resources under a URI template. */
        public Builder resourceTemplate(ServedResourceTemplate template) {
            served.add(Objects.requireNonNull(template, "template"));
            return this;
        }

        /** Serves a prompt. */
        public Builder prompt(ServedPrompt prompt) {
            served.add(Objects.requireNonNull(prompt, "prompt"));
            return this;
        }

        /** Who may use {@link #startHttp} (default: {@link McpHttpAuth#none()}); stdio needs none. */
        public Builder httpAuth(McpHttpAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
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
