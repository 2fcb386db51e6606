package dev.aios.tools;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import dev.aios.api.AiOsException;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.internal.AgentTool;
import dev.aios.tools.internal.AnnotatedTools;
import dev.aios.tools.internal.CallCheck;
import dev.aios.tools.internal.ClientFeatures;
import dev.aios.tools.internal.InProcessTool;
import dev.aios.tools.internal.OAuthClient;
import dev.aios.tools.internal.PinStore;
import dev.aios.tools.internal.RemoteCalls;
import dev.aios.tools.internal.ServerCatalog;
import dev.aios.tools.internal.ServerConnection;
import dev.aios.tools.internal.ServerResources;
import dev.aios.tools.internal.ToolCatalog;
import dev.aios.tools.internal.ToolEntry;
import dev.aios.tools.internal.ToolProviders;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One {@link ToolRegistry} over MCP servers (stdio and Streamable HTTP, legacy SSE) and
 * in-process Java tools, which the agent cannot tell apart. MCP tools are named
 * {@code server.tool}; their lists are cached and follow {@code list_changed}. Arguments are
 * checked against each tool's JSON Schema before anything is sent. Servers are supervised: a
 * crashed, hung or broken server fails its calls cleanly and is restarted (stdio) or reconnected
 * (HTTP) with backoff, without touching the others. Tool pinning holds back a tool whose
 * description, schema or risk changed since it was approved.
 *
 * <p>As an MCP client it asks each server only for what it declared (no {@code tools/list} to a
 * server without tools), and offers servers the host's {@linkplain Builder#roots roots},
 * {@linkplain Builder#sampling sampling} (to the servers the host allowed, under a budget and a
 * gate) and {@linkplain Builder#elicitation elicitation}; it reads resources and templates and
 * subscribes to them; it resumes a Streamable HTTP stream cut mid-call ({@code retry},
 * {@code Last-Event-ID}) and gets OAuth 2.1 tokens for servers that ask ({@link Builder#oauth}).
 * {@snippet :
 * try (McpToolRegistry tools = McpToolRegistry.builder()
 *         .servers(McpServerConfig.parse(Path.of("mcp.json")))   // a pasted mcpServers config
 *         .tools(new MyTools())                                    // @ToolMethod methods
 *         .pinFile(Path.of("tool-pins.json"))
 *         .build()) {
 *     Agent agent = Agent.builder().tools(tools)...build();
 * }
 * }
 *
 * <p>It is also a LangChain4j {@link ToolProvider}, so an AI Service can use the same tools.
 * Thread-safe; close it to stop the servers it started.
 *
 * <p>(Over the project's 400-line guide: more than half of the file is the public
 * {@link Builder} and the resource methods, whose javadoc is the API; the work itself lives in
 * internal classes.)
 */
public final class McpToolRegistry implements ToolRegistry, ToolProvider, AutoCloseable {
    private final ServerCatalog servers;
    private final ToolCatalog catalog;
    private final RemoteCalls remote;
    private final ServerResources resources;
    private final CallCheck check = new CallCheck();

    private McpToolRegistry(Builder b) {
        this.remote = new RemoteCalls(b.callTimeout, b.maxRetries, b.retryBackoff, b.listener);
        ServerConnection.Settings settings = new ServerConnection.Settings(b.startTimeout,
                b.callTimeout.plus(Duration.ofSeconds(30)), b.minRestartBackoff, b.maxRestartBackoff);
        ClientFeatures features = new ClientFeatures(b.roots, b.sampling, b.elicitation);
        b.oauth.forEach((server, oauth) -> features.oauth(server,
                new OAuthClient(server, Objects.requireNonNull(b.servers.get(server).url()), oauth)));
        this.servers = new ServerCatalog(b.servers.values(), settings, b.toolListTtl, remote::progress, features);
        PinStore pins = b.pinFile == null ? PinStore.inMemory() : PinStore.open(b.pinFile);
        this.catalog = new ToolCatalog(b.javaTools, servers, pins, b.trustOnFirstUse, b.embeddingModel);
        this.resources = new ServerResources(servers);
    }

    /** @return a builder; every option has a default */
    public static Builder builder() {
        return new Builder();
    }

    // ---- ToolRegistry

    @Override
    public List<ToolDescriptor> tools() {
        return catalog.current().visible();
    }

    @Override
    public Optional<ToolDescriptor> find(String name) {
        ToolEntry entry = catalog.current().byName().get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.descriptor());
    }

    /**
     * Ranks tools by their names and descriptions: BM25, fused with embedding similarity when
     * the registry was given an {@link Builder#embeddingModel embedding model}.
     */
    @Override
    public List<ToolDescriptor> search(String query, int k) {
        Objects.requireNonNull(query, "query");
        return catalog.current().search().search(query, k);
    }

    /**
     * Validates the arguments against the tool's input schema (a mismatch is a failed result that
     * says what is wrong, and nothing is sent), then calls the tool. MCP calls time out after
     * {@link Builder#callTimeout}, send {@code notifications/cancelled} when the calling thread is
     * interrupted or the time is up, report progress to the {@link Builder#listener listener},
     * carry the call's {@linkplain ToolCall#idempotencyKey() idempotency key}, if any, in the
     * request's {@code _meta} under {@value ToolCall#IDEMPOTENCY_KEY_META}, and are retried with
     * backoff after a server failure, for idempotent tools only and for calls with a key their
     * tool honours ({@link McpServerConfig#idempotencyKeys()}). In-process tools get the whole
     * call ({@link ToolHandler#call(ToolCall)}).
     *
     * @throws AiOsException if no tool has that name, or its server could not be reached
     *     ({@link AiOsException#isRetriable() retriable})
     */
    @Override
    public ToolResult call(ToolCall call) {
        ToolCatalog.Snapshot current = catalog.current();
        ToolEntry entry = current.byName().get(call.tool());
        if (entry == null) {
            HeldBackTool held = current.held().get(call.tool());
            if (held != null) {
                return ToolResult.failure("tool " + call.tool() + " is held back: " + held.reason()
                        + "; a person must approve it first (McpToolRegistry.approve)");
            }
            throw CallCheck.noSuchTool(call.tool(), current.byName().keySet());
        }
        Optional<ToolResult> rejected = check.reject(entry.descriptor(), entry.schema(), call.arguments());
        if (rejected.isPresent()) {
            return rejected.get();
        }
        InProcessTool inProcess = entry.inProcess();
        if (inProcess != null) {
            return inProcess.run(call);
        }
        return remote.call(servers.connection(Objects.requireNonNull(entry.server())), entry, call);
    }

    /**
     * @return the tools held back until a person approves them (new or changed since approval)
     */
    public List<HeldBackTool> heldBack() {
        return List.copyOf(catalog.current().held().values());
    }

    /**
     * Approves a held-back tool as the server describes it now, records its fingerprint in the
     * pin file, and offers it from now on.
     *
     * @throws AiOsException if no tool of that name is held back
     */
    public void approve(String toolName) {
        catalog.approve(toolName);
    }

    /** @return the state of each configured server, in configuration order */
    public List<McpServerStatus> servers() {
        return servers.statuses();
    }

    /**
     * Lists a server's tools now, past the cache (every page of {@code tools/list}), as the
     * registry would offer them before tool pinning: for diagnostics and for measuring a server.
     * What {@link #tools()} offers is unaffected.
     *
     * @return the tools, named {@code server.tool}, in the server's order
     * @throws AiOsException if the server is unknown, down, or did not answer
     */
    public List<ToolDescriptor> listTools(String server) {
        try {
            return servers.listTools(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("listing the tools of '" + server + "' was interrupted", e);
        }
    }

    /**
     * @return the resources of every server that offers some; a server that is down is skipped
     *     (and logged)
     */
    public List<McpResource> resources() {
        return resources.resources();
    }

    /**
     * @return the text of the resource at {@code uri} on {@code server} (binary parts are noted,
     *     not decoded)
     * @throws AiOsException if the server is unknown, down, or has no such resource
     */
    public String readResource(String server, String uri) {
        return resources.readResource(server, uri);
    }

    /**
     * @return the resource templates of every server that offers some; a server that is down is
     *     skipped (and logged)
     */
    public List<McpResourceTemplate> resourceTemplates() {
        return resources.resourceTemplates();
    }

    /**
     * Reads a resource (or a filled-in {@linkplain #resourceTemplates() template}) with every
     * part, text and bytes, labelled as untrusted data from that server.
     *
     * @throws AiOsException if the server is unknown, down, or has no such resource
     */
    public McpResourceRead read(String server, String uri) {
        return resources.read(Objects.requireNonNull(server, "server"), Objects.requireNonNull(uri, "uri"));
    }

    /**
     * Subscribes to a resource: {@code listener} gets it, read again, each time the server sends
     * {@code notifications/resources/updated} for it, on the SDK's thread (keep it short). After
     * a reconnect the registry subscribes again. Close the subscription to stop.
     *
     * @throws AiOsException if the server is unknown, down, does not offer subscriptions, or refused
     */
    public McpResourceSubscription subscribe(String server, String uri, Consumer<McpResourceRead> listener) {
        return resources.subscribe(Objects.requireNonNull(server, "server"), Objects.requireNonNull(uri, "uri"),
                Objects.requireNonNull(listener, "listener"));
    }

    /** @return the root folders servers see ({@link Builder#roots}), as {@code file:} URIs */
    public List<URI> roots() {
        return servers.features().roots();
    }

    /**
     * Replaces the root folders servers see, and tells each connected server
     * ({@code notifications/roots/list_changed}).
     *
     * @throws AiOsException if the registry was built without {@link Builder#roots}, or a URI is
     *     not an absolute {@code file:} URI
     */
    public void replaceRoots(List<URI> roots) {
        servers.replaceRoots(roots);
    }

    /** @return the prompts of every server that offers some; a server that is down is skipped */
    public List<McpPrompt> prompts() {
        return resources.prompts();
    }

    /**
     * @return the prompt {@code name} of {@code server} filled with {@code arguments}: the text of
     *     its messages, one per paragraph, each prefixed by its role
     */
    public String prompt(String server, String name, Map<String, String> arguments) {
        return resources.prompt(server, name, arguments);
    }

    // ---- LangChain4j

    /**
     * Offers every tool to a LangChain4j AI Service. Names become {@code [A-Za-z0-9_-]} (dots
     * turn into underscores) because chat-model providers accept nothing else.
     */
    @Override
    public ToolProviderResult provideTools(ToolProviderRequest request) {
        return ToolProviders.result(tools(), this);
    }

    /** The tool list may change while a service runs (servers, list_changed, pins). */
    @Override
    public boolean isDynamic() {
        return true;
    }

    /** Stops every server this registry started; calls in flight fail. */
    @Override
    public void close() {
        servers.close();
    }

    /** For tests in this package: the cancellations the server's current session sent. */
    int cancellationsSent(String server) {
        return servers.connection(server).cancellationsSent();
    }

    /** Builds a {@link McpToolRegistry}; validated at {@link #build()}. */
    public static final class Builder {
        private final Map<String, McpServerConfig> servers = new LinkedHashMap<>();
        private final Map<String, InProcessTool> javaTools = new LinkedHashMap<>();
        private @Nullable Path pinFile;
        private boolean trustOnFirstUse = true;
        private Duration callTimeout = Duration.ofSeconds(60);
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration toolListTtl = Duration.ofMinutes(10);
        private Duration minRestartBackoff = Duration.ofMillis(500);
        private Duration maxRestartBackoff = Duration.ofSeconds(30);
        private Duration retryBackoff = Duration.ofMillis(200);
        private int maxRetries = 2;
        private AgentListener listener = AgentListener.NOOP;
        private @Nullable EmbeddingModel embeddingModel;
        private @Nullable List<URI> roots;
        private @Nullable McpSampling sampling;
        private McpElicitation elicitation = McpElicitation.DECLINE;
        private final Map<String, McpOAuth> oauth = new LinkedHashMap<>();

        private Builder() {}

        /** Adds an MCP server; its tools are named {@code name.tool}. */
        public Builder server(McpServerConfig server) {
            Objects.requireNonNull(server, "server");
            if (servers.putIfAbsent(server.name(), server) != null) {
                throw AiOsException.permanent("two MCP servers are named '" + server.name() + "'; rename one");
            }
            return this;
        }

        /** Adds MCP servers, such as those of {@link McpServerConfig#parse(String)}. */
        public Builder servers(List<McpServerConfig> servers) {
            servers.forEach(this::server);
            return this;
        }

        /** Adds an in-process tool. */
        public Builder tool(ToolDescriptor descriptor, ToolHandler handler) {
            return add(InProcessTool.of(descriptor, handler));
        }

        /**
         * Adds an in-process tool.
         *
         * @param inputSchema the JSON Schema of its arguments object, as JSON text
         */
        public Builder tool(String name, String description, String inputSchema, ToolRisk risk, ToolHandler handler) {
            return tool(new ToolDescriptor(name, description, inputSchema, risk), handler);
        }

        /**
         * Adds every tool of another registry as an in-process tool of this one, under its own name:
         * a tool pack, a {@code MediaTools}, an {@link InProcessToolRegistry}. Calls go to that
         * registry (which may check its schemas again); its tools join this registry's search.
         *
         * @throws AiOsException if one of its tools has the name of a tool already added
         */
        public Builder include(ToolRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            for (ToolDescriptor tool : registry.tools()) {
                add(InProcessTool.of(tool, ToolHandler.ofCall(registry::call)));
            }
            return this;
        }

        /** Adds every {@link ToolMethod} method of {@code target} as an in-process tool. */
        public Builder tools(Object target) {
            AnnotatedTools.of(Objects.requireNonNull(target, "target")).forEach(this::add);
            return this;
        }

        /**
         * Adds an agent as a tool: its argument is a goal in words (and whether it is private),
         * its result the run's answer. Its risk is {@link ToolRisk#UNKNOWN}.
         *
         * @param agent runs a goal to its outcome, such as {@code agent::run}
         */
        public Builder agentTool(String name, String description, Function<Goal, RunOutcome> agent) {
            return add(AgentTool.of(name, description, Objects.requireNonNull(agent, "agent")));
        }

        private Builder add(InProcessTool tool) {
            String name = tool.descriptor().name();
            if (javaTools.putIfAbsent(name, tool) != null) {
                throw AiOsException.permanent("two tools are named '" + name + "'; rename one");
            }
            return this;
        }

        /**
         * Keeps approved tool fingerprints in {@code file} (JSON), so a tool that changes is held
         * back across restarts too. Default: kept in memory only.
         */
        public Builder pinFile(Path file) {
            this.pinFile = Objects.requireNonNull(file, "pin file");
            return this;
        }

        /**
         * Whether a tool seen for the first time is approved at once (default: true). With
         * false, every new tool waits in {@link #heldBack()} for {@link #approve}.
         */
        public Builder trustOnFirstUse(boolean trust) {
            this.trustOnFirstUse = trust;
            return this;
        }

        /** How long one MCP call may take before it is cancelled (default: 60 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** How long starting a server and the MCP handshake may take (default: 30 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** How long a tool list is trusted without a list_changed before it is listed again (default: 10 min). */
        public Builder toolListTtl(Duration ttl) {
            this.toolListTtl = ttl;
            return this;
        }

        /** The wait before restarting a failed server, doubled per failure up to {@code max} (default: 0.5 s to 30 s). */
        public Builder restartBackoff(Duration min, Duration max) {
            this.minRestartBackoff = min;
            this.maxRestartBackoff = max;
            return this;
        }

        /**
         * How often an idempotent tool's call is retried after its server failed (default: 2),
         * and the first wait between tries, doubled each time (default: 200 ms). Tools that are
         * not idempotent are never retried.
         */
        public Builder retries(int maxRetries, Duration backoff) {
            this.maxRetries = maxRetries;
            this.retryBackoff = backoff;
            return this;
        }

        /** Receives progress of MCP calls as {@link AgentEvent}s (default: none). */
        public Builder listener(AgentListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Adds embedding similarity to {@link McpToolRegistry#search} (default: words only), such
         * as LangChain4j's in-process all-MiniLM-L6-v2.
         */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = Objects.requireNonNull(model, "embedding model");
            return this;
        }

        /**
         * The folders servers may work in, as {@code file:} URIs (such as
         * {@code Path.of("/home/me/notes").toUri()}): the registry declares the {@code roots}
         * capability, answers {@code roots/list} with them, and sends {@code list_changed} when
         * {@link McpToolRegistry#replaceRoots} changes them. Default: no roots capability (some
         * servers, such as the filesystem server, then keep the folders on their command line).
         */
        public Builder roots(List<URI> roots) {
            ClientFeatures.toRoots(roots); // fails now on a URI that is not a file: URI
            this.roots = List.copyOf(roots);
            return this;
        }

        /** Adds one root folder ({@link #roots(List)}). */
        public Builder root(Path folder) {
            List<URI> more = new ArrayList<>(roots == null ? List.of() : roots);
            more.add(Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize().toUri());
            return roots(more);
        }

        /**
         * Lets servers use the host's brains ({@code sampling/createMessage}), under the gate,
         * budget and privacy rules of {@code sampling}. Only the servers it allows are told that
         * this client offers sampling. Default: no server may.
         */
        public Builder sampling(McpSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * Gets OAuth 2.1 access tokens for the Streamable HTTP server {@code server} (a name
         * given to {@link #server}) as {@code oauth} says, when the server asks for them with a
         * {@code 401}. Default: no OAuth (static {@linkplain McpServerConfig#headers() headers} only).
         */
        public Builder oauth(String server, McpOAuth oauth) {
            this.oauth.put(Objects.requireNonNull(server, "server"), Objects.requireNonNull(oauth, "oauth"));
            return this;
        }

        /**
         * Answers servers' questions to the user ({@code elicitation/create}, form mode); the
         * answer is checked against the server's schema before it is sent. Default:
         * {@link McpElicitation#DECLINE}.
         */
        public Builder elicitation(McpElicitation elicitation) {
            this.elicitation = Objects.requireNonNull(elicitation, "elicitation");
            return this;
        }

        /**
         * @return the registry; servers start on first use
         * @throws AiOsException if an option is invalid; the message names it
         */
        public McpToolRegistry build() {
            positive(callTimeout, "callTimeout");
            positive(startTimeout, "startTimeout");
            positive(toolListTtl, "toolListTtl");
            positive(minRestartBackoff, "restartBackoff min");
            positive(retryBackoff, "retries backoff");
            if (maxRestartBackoff == null || maxRestartBackoff.compareTo(minRestartBackoff) < 0) {
                throw AiOsException.permanent("restartBackoff max (" + maxRestartBackoff + ") must be at least its min ("
                        + minRestartBackoff + ")");
            }
            if (maxRetries < 0) {
                throw AiOsException.permanent("retries maxRetries must be >= 0, was " + maxRetries);
            }
            oauth.forEach((name, config) -> {
                McpServerConfig server = servers.get(name);
                if (server == null) {
                    throw AiOsException.permanent("oauth is given for MCP server '" + name + "', which is not "
                            + "configured; configured: " + servers.keySet());
                }
                if (server.transport() != McpServerConfig.Transport.STREAMABLE_HTTP) {
                    throw AiOsException.permanent("oauth is given for MCP server '" + name + "', which uses "
                            + server.transport() + "; OAuth is for Streamable HTTP servers");
                }
            });
            for (String name : javaTools.keySet()) {
                int dot = name.indexOf('.');
                if (dot > 0 && servers.containsKey(name.substring(0, dot))) {
                    throw AiOsException.permanent("in-process tool '" + name + "' would shadow the tools of MCP server '"
                            + name.substring(0, dot) + "'; rename the tool or the server");
                }
            }
            return new McpToolRegistry(this);
        }

        private static void positive(@Nullable Duration d, String option) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw AiOsException.permanent(option + " must be a positive duration, was " + d);
            }
        }
    }
}
