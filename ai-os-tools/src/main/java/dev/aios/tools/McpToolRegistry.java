package dev.aios.tools;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
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
import dev.aios.tools.internal.JavaTool;
import dev.aios.tools.internal.Json;
import dev.aios.tools.internal.PinStore;
import dev.aios.tools.internal.Results;
import dev.aios.tools.internal.Risks;
import dev.aios.tools.internal.ServerConnection;
import dev.aios.tools.internal.ToolProviders;
import dev.aios.tools.internal.ToolSearch;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link ToolRegistry} over MCP servers (stdio and Streamable HTTP, legacy SSE) and
 * in-process Java tools, which the agent cannot tell apart. MCP tools are named
 * {@code server.tool}; their lists are cached and follow {@code list_changed}. Arguments are
 * checked against each tool's JSON Schema before anything is sent. Servers are supervised: a
 * crashed, hung or broken server fails its calls cleanly and is restarted (stdio) or reconnected
 * (HTTP) with backoff, without touching the others. Tool pinning holds back a tool whose
 * description, schema or risk changed since it was approved.
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
 */
public final class McpToolRegistry implements ToolRegistry, ToolProvider, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(McpToolRegistry.class);
    private static final int LISTED_NAMES = 30;
    /**
     * Cache refreshes and list_changed updates run here, never in the common pool: on a small
     * machine that pool has one thread, which the MCP SDK's HTTP client needs to deliver the very
     * response a blocked update would be waiting for.
     */
    private static final Executor BACKGROUND = task -> Thread.ofVirtual().name("aios-tools-background").start(task);

    /** A tool the registry can call: in-process, or on a server. */
    private record Entry(ToolDescriptor descriptor, Map<String, Object> schema, @Nullable JavaTool java,
            @Nullable String server, @Nullable String remoteName, @Nullable String fingerprint) {}

    /** One server's tools, as last listed; identity changes when the list does. */
    private record ServerTools(List<Entry> tools) {}

    /** The tools on offer at one moment, and what is held back. */
    private record Catalog(List<ServerTools> sources, long pinVersion, List<ToolDescriptor> visible,
            Map<String, Entry> byName, Map<String, HeldBackTool> held, ToolSearch search) {}

    private final Map<String, Entry> javaTools;
    private final Map<String, ServerConnection> servers;
    private final Map<String, ServerTools> unavailable = new ConcurrentHashMap<>();
    private final LoadingCache<String, ServerTools> toolLists;
    private final PinStore pins;
    private final boolean trustOnFirstUse;
    private final Duration callTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final AgentListener listener;
    private final @Nullable EmbeddingModel embeddingModel;
    private final Cache<String, float[]> vectors = ToolSearch.vectorCache();
    private final JsonSchemaValidator validator = new DefaultJsonSchemaValidator();
    private final Map<String, ToolCall> callsByToken = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong pinVersion = new AtomicLong();
    private final Set<String> warnedHeld = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Catalog catalog;

    private McpToolRegistry(Builder b) {
        this.javaTools = Collections.unmodifiableMap(new LinkedHashMap<>(b.javaTools));
        this.pins = b.pinFile == null ? PinStore.inMemory() : PinStore.open(b.pinFile);
        this.trustOnFirstUse = b.trustOnFirstUse;
        this.callTimeout = b.callTimeout;
        this.maxRetries = b.maxRetries;
        this.retryBackoff = b.retryBackoff;
        this.listener = b.listener;
        this.embeddingModel = b.embeddingModel;
        ServerConnection.Settings settings = new ServerConnection.Settings(b.startTimeout,
                b.callTimeout.plus(Duration.ofSeconds(30)), b.minRestartBackoff, b.maxRestartBackoff);
        ServerConnection.Listener events = new Events();
        Map<String, ServerConnection> connections = new LinkedHashMap<>();
        for (McpServerConfig config : b.servers.values()) {
            connections.put(config.name(), new ServerConnection(config, settings, events));
        }
        this.servers = Collections.unmodifiableMap(connections);
        this.toolLists = Caffeine.newBuilder()
                .refreshAfterWrite(b.toolListTtl)
                .executor(BACKGROUND)
                .build(this::loadTools);
    }

    /** @return a builder; every option has a default */
    public static Builder builder() {
        return new Builder();
    }

    // ---- ToolRegistry

    @Override
    public List<ToolDescriptor> tools() {
        return catalog().visible();
    }

    @Override
    public Optional<ToolDescriptor> find(String name) {
        Entry entry = catalog().byName().get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.descriptor());
    }

    /**
     * Ranks tools by their names and descriptions: BM25, fused with embedding similarity when
     * the registry was given an {@link Builder#embeddingModel embedding model}.
     */
    @Override
    public List<ToolDescriptor> search(String query, int k) {
        Objects.requireNonNull(query, "query");
        return catalog().search().search(query, k);
    }

    /**
     * Validates the arguments against the tool's input schema (a mismatch is a failed result that
     * says what is wrong, and nothing is sent), then calls the tool. MCP calls time out after
     * {@link Builder#callTimeout}, send {@code notifications/cancelled} when the calling thread is
     * interrupted or the time is up, report progress to the {@link Builder#listener listener},
     * and are retried with backoff after a server failure, for idempotent tools only.
     *
     * @throws AiOsException if no tool has that name, or its server could not be reached
     *     ({@link AiOsException#isRetriable() retriable})
     */
    @Override
    public ToolResult call(ToolCall call) {
        Catalog current = catalog();
        Entry entry = current.byName().get(call.tool());
        if (entry == null) {
            HeldBackTool held = current.held().get(call.tool());
            if (held != null) {
                return ToolResult.failure("tool " + call.tool() + " is held back: " + held.reason()
                        + "; a person must approve it first (McpToolRegistry.approve)");
            }
            throw AiOsException.permanent("no tool named '" + call.tool() + "'; available: " + names(current));
        }
        String invalid = validate(entry, call.arguments());
        if (invalid != null) {
            return ToolResult.failure("invalid arguments for tool " + call.tool() + ": " + invalid
                    + ". Its input schema: " + entry.descriptor().inputSchema());
        }
        if (entry.java() != null) {
            return callJava(entry, call);
        }
        return callRemote(entry, call);
    }

    /**
     * @return the tools held back until a person approves them (new or changed since approval)
     */
    public List<HeldBackTool> heldBack() {
        return List.copyOf(catalog().held().values());
    }

    /**
     * Approves a held-back tool as the server describes it now, records its fingerprint in the
     * pin file, and offers it from now on.
     *
     * @throws AiOsException if no tool of that name is held back
     */
    public void approve(String toolName) {
        HeldBackTool held = catalog().held().get(toolName);
        if (held == null) {
            throw AiOsException.permanent("no tool named '" + toolName + "' is held back; held back now: "
                    + catalog().held().keySet());
        }
        pins.pin(toolName, held.fingerprint());
        pinVersion.incrementAndGet();
        log.info("tool {} approved", toolName);
    }

    /** @return the state of each configured server, in configuration order */
    public List<McpServerStatus> servers() {
        List<McpServerStatus> result = new ArrayList<>();
        for (ServerConnection c : servers.values()) {
            ProcessHandle process = c.process();
            result.add(new McpServerStatus(c.name(), c.config().transport(),
                    McpServerStatus.State.valueOf(c.state().name()), c.starts(),
                    process != null && process.isAlive() ? process.pid() : -1, c.lastFailure()));
        }
        return result;
    }

    /**
     * @return the resources of every server that offers some; a server that is down is skipped
     *     (and logged)
     */
    public List<McpResource> resources() {
        List<McpResource> result = new ArrayList<>();
        for (ServerConnection c : servers.values()) {
            try {
                for (McpSchema.Resource r : c.listResources()) {
                    result.add(new McpResource(c.name(), r.uri(), r.name(), r.description(), r.mimeType()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (AiOsException e) {
                log.warn("cannot list the resources of MCP server '{}': {}", c.name(), e.getMessage());
            }
        }
        return result;
    }

    /**
     * @return the text of the resource at {@code uri} on {@code server} (binary parts are noted,
     *     not decoded)
     * @throws AiOsException if the server is unknown, down, or has no such resource
     */
    public String readResource(String server, String uri) {
        ServerConnection c = server(server);
        try {
            List<String> parts = new ArrayList<>();
            for (McpSchema.ResourceContents contents : c.readResource(uri).contents()) {
                parts.add(contents instanceof McpSchema.TextResourceContents text ? text.text()
                        : "[binary " + contents.mimeType() + " at " + contents.uri() + "]");
            }
            return String.join("\n", parts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("reading " + uri + " from '" + server + "' was interrupted", e);
        }
    }

    /** @return the prompts of every server that offers some; a server that is down is skipped */
    public List<McpPrompt> prompts() {
        List<McpPrompt> result = new ArrayList<>();
        for (ServerConnection c : servers.values()) {
            try {
                for (McpSchema.Prompt p : c.listPrompts()) {
                    List<String> arguments = p.arguments() == null ? List.of()
                            : p.arguments().stream().map(McpSchema.PromptArgument::name).toList();
                    result.add(new McpPrompt(c.name(), p.name(), p.description(), arguments));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (AiOsException e) {
                log.warn("cannot list the prompts of MCP server '{}': {}", c.name(), e.getMessage());
            }
        }
        return result;
    }

    /**
     * @return the prompt {@code name} of {@code server} filled with {@code arguments}: the text of
     *     its messages, one per paragraph, each prefixed by its role
     */
    public String prompt(String server, String name, Map<String, String> arguments) {
        ServerConnection c = server(server);
        try {
            McpSchema.GetPromptResult result = c.getPrompt(name, new LinkedHashMap<>(arguments));
            List<String> parts = new ArrayList<>();
            for (McpSchema.PromptMessage message : result.messages()) {
                String text = message.content() instanceof McpSchema.TextContent t ? t.text()
                        : "[" + message.content().type() + "]";
                parts.add(message.role().name().toLowerCase(java.util.Locale.ROOT) + ": " + text);
            }
            return String.join("\n\n", parts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("getting prompt " + name + " from '" + server + "' was interrupted", e);
        }
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
        servers.values().forEach(ServerConnection::close);
        toolLists.invalidateAll();
    }

    // ---- internals

    private ServerConnection server(String name) {
        ServerConnection c = servers.get(name);
        if (c == null) {
            throw AiOsException.permanent("no MCP server named '" + name + "'; configured: " + servers.keySet());
        }
        return c;
    }

    /** For tests in this package: the cancellations the server's current session sent. */
    int cancellationsSent(String server) {
        return server(server).cancellationsSent();
    }

    private ToolResult callJava(Entry entry, ToolCall call) {
        try {
            ToolResult result = entry.java().handler().call(call.arguments());
            return result != null ? result : ToolResult.failure("tool " + call.tool() + " returned no result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failure("tool " + call.tool() + " was interrupted");
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return ToolResult.failure("tool " + call.tool() + " failed: " + message);
        }
    }

    private ToolResult callRemote(Entry entry, ToolCall call) {
        ServerConnection connection = servers.get(entry.server());
        boolean retry = entry.descriptor().risk().idempotent();
        int attempt = 0;
        while (true) {
            attempt++;
            String token = call.id() + "#" + tokens.incrementAndGet();
            callsByToken.put(token, call);
            try {
                return Results.fromMcp(connection.callTool(entry.remoteName(), call.arguments(), token, callTimeout));
            } catch (TimeoutException e) {
                return ToolResult.failure("tool " + call.tool() + " did not answer within " + callTimeout
                        + "; the call was cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.failure("tool " + call.tool() + " was cancelled: the caller stopped waiting");
            } catch (AiOsException e) {
                if (!e.isRetriable()) {
                    return ToolResult.failure("tool " + call.tool() + " failed: " + e.getMessage());
                }
                if (!retry || attempt > maxRetries) {
                    throw AiOsException.retriable(e.getMessage() + (retry ? " (tried " + attempt + " times)"
                            : " (" + call.tool() + " is not idempotent, so it was not retried)"), e);
                }
                log.info("retrying idempotent tool {} after: {}", call.tool(), e.getMessage());
                try {
                    Thread.sleep(retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 8)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return ToolResult.failure("tool " + call.tool() + " was cancelled: the caller stopped waiting");
                }
            } finally {
                callsByToken.remove(token);
            }
        }
    }

    private @Nullable String validate(Entry entry, Map<String, Object> arguments) {
        try {
            JsonSchemaValidator.ValidationResponse response = validator.validate(entry.schema(), arguments);
            return response.valid() ? null : response.errorMessage();
        } catch (RuntimeException e) {
            // A schema the validator cannot read is the server's problem; let the server judge.
            log.debug("cannot validate arguments of {}: {}", entry.descriptor().name(), e.toString());
            return null;
        }
    }

    private static String names(Catalog catalog) {
        List<String> names = catalog.byName().keySet().stream().limit(LISTED_NAMES).toList();
        return names + (catalog.byName().size() > LISTED_NAMES ? " and " + (catalog.byName().size() - LISTED_NAMES)
                + " more" : "");
    }

    private ServerTools loadTools(String server) {
        ServerConnection connection = servers.get(server);
        try {
            return new ServerTools(convert(server, connection.listTools()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("listing the tools of '" + server + "' was interrupted", e);
        }
    }

    private List<Entry> convert(String server, List<McpSchema.Tool> tools) {
        List<Entry> entries = new ArrayList<>();
        for (McpSchema.Tool tool : tools) {
            try {
                Map<String, Object> schema = tool.inputSchema() == null
                        ? Json.readObject(ToolDescriptor.NO_ARGUMENTS, "schema")
                        : new LinkedHashMap<>(tool.inputSchema());
                String description = tool.description() != null ? tool.description()
                        : tool.title() != null ? tool.title() : "";
                ToolDescriptor descriptor = new ToolDescriptor(server + "." + tool.name(), description,
                        Json.write(schema), Risks.fromAnnotations(tool.annotations()));
                entries.add(new Entry(descriptor, schema, null, server, tool.name(), PinStore.fingerprint(descriptor)));
            } catch (RuntimeException e) {
                log.warn("MCP server '{}' describes tool '{}' in a way that cannot be used ({}); skipped", server,
                        tool.name(), e.getMessage());
            }
        }
        return entries;
    }

    private ServerTools toolsOf(String server) {
        try {
            ServerTools tools = toolLists.get(server);
            unavailable.remove(server);
            return tools;
        } catch (RuntimeException e) {
            // A server that is down offers nothing until it is back; the others are unaffected.
            return unavailable.computeIfAbsent(server, s -> {
                log.warn("MCP server '{}' offers no tools for now: {}", s, e.getMessage());
                return new ServerTools(List.of());
            });
        }
    }

    private Catalog catalog() {
        List<ServerTools> sources = new ArrayList<>(servers.size());
        for (String server : servers.keySet()) {
            sources.add(toolsOf(server));
        }
        Catalog current = catalog;
        if (current != null && current.pinVersion() == pinVersion.get() && same(current.sources(), sources)) {
            return current;
        }
        synchronized (this) {
            current = catalog;
            if (current != null && current.pinVersion() == pinVersion.get() && same(current.sources(), sources)) {
                return current;
            }
            current = build(sources);
            catalog = current;
            return current;
        }
    }

    private static boolean same(List<ServerTools> a, List<ServerTools> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private Catalog build(List<ServerTools> sources) {
        long version = pinVersion.get();
        Map<String, Entry> byName = new LinkedHashMap<>(javaTools);
        Map<String, HeldBackTool> held = new LinkedHashMap<>();
        Map<String, String> firstSeen = new LinkedHashMap<>();
        for (ServerTools tools : sources) {
            for (Entry entry : tools.tools()) {
                String name = entry.descriptor().name();
                if (byName.containsKey(name)) {
                    log.warn("tool {} is offered twice; keeping the first", name);
                    continue;
                }
                switch (pins.check(name, entry.fingerprint())) {
                    case APPROVED -> byName.put(name, entry);
                    case NEW -> {
                        if (trustOnFirstUse) {
                            firstSeen.put(name, entry.fingerprint());
                            byName.put(name, entry);
                        } else {
                            held.put(name, new HeldBackTool(entry.descriptor(), "new tool, not approved yet",
                                    entry.fingerprint()));
                        }
                    }
                    case CHANGED -> {
                        held.put(name, new HeldBackTool(entry.descriptor(), "its description, input schema or risk "
                                + "changed since it was approved", entry.fingerprint()));
                        if (warnedHeld.add(name + "@" + entry.fingerprint())) {
                            log.warn("tool {} changed since it was approved and is held back until approved again; "
                                    + "new description: {}", name, entry.descriptor().description());
                        }
                    }
                }
            }
        }
        if (!firstSeen.isEmpty()) {
            firstSeen.forEach(pins::pin);
        }
        List<ToolDescriptor> visible = byName.values().stream().map(Entry::descriptor).toList();
        return new Catalog(List.copyOf(sources), version, visible, Collections.unmodifiableMap(byName),
                Collections.unmodifiableMap(held), new ToolSearch(visible, embeddingModel, vectors));
    }

    private void emitProgress(McpSchema.ProgressNotification progress) {
        ToolCall call = callsByToken.get(String.valueOf(progress.progressToken()));
        if (call == null) {
            return;
        }
        int slash = call.id().lastIndexOf('/');
        String runId = slash > 0 ? call.id().substring(0, slash) : call.id();
        String stepId = slash > 0 ? call.id().substring(slash + 1) : null;
        String amount = progress.total() != null
                ? fmt(progress.progress()) + "/" + fmt(progress.total()) : fmt(progress.progress());
        String message = progress.message() == null ? "" : ": " + abbreviate(progress.message(), 200);
        try {
            listener.onEvent(new AgentEvent(runId, AgentEvent.Type.STEP_PROGRESS, Instant.now(), stepId,
                    "progress of " + call.tool() + " " + amount + message));
        } catch (RuntimeException e) {
            log.warn("a listener failed on a progress event: {}", e.toString());
        }
    }

    private static String fmt(@Nullable Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** What the server connections tell the registry. */
    private final class Events implements ServerConnection.Listener {
        @Override
        public void toolsChanged(String server, List<McpSchema.Tool> tools) {
            log.info("MCP server '{}' changed its tools; now {}", server, tools.size());
            // Off the SDK's thread: a load of the same key may be waiting for that thread to deliver a response.
            List<Entry> entries = convert(server, tools);
            BACKGROUND.execute(() -> toolLists.put(server, new ServerTools(entries)));
        }

        @Override
        public void progress(String server, McpSchema.ProgressNotification progress) {
            emitProgress(progress);
        }

        @Override
        public void connected(String server) {
            if (servers.get(server).starts() > 1) {
                // After a restart the server may offer other tools: list them again, off this thread.
                BACKGROUND.execute(() -> toolLists.refresh(server));
            }
        }
    }

    /** Builds a {@link McpToolRegistry}; validated at {@link #build()}. */
    public static final class Builder {
        private final Map<String, McpServerConfig> servers = new LinkedHashMap<>();
        private final Map<String, Entry> javaTools = new LinkedHashMap<>();
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
            Objects.requireNonNull(descriptor, "descriptor");
            Objects.requireNonNull(handler, "handler of tool " + descriptor.name());
            return add(new JavaTool(descriptor, handler));
        }

        /**
         * Adds an in-process tool.
         *
         * @param inputSchema the JSON Schema of its arguments object, as JSON text
         */
        public Builder tool(String name, String description, String inputSchema, ToolRisk risk, ToolHandler handler) {
            return tool(new ToolDescriptor(name, description, inputSchema, risk), handler);
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

        private Builder add(JavaTool tool) {
            String name = tool.descriptor().name();
            Map<String, Object> schema = Json.readObject(tool.descriptor().inputSchema(), "input schema of tool " + name);
            if (javaTools.putIfAbsent(name, new Entry(tool.descriptor(), schema, tool, null, null, null)) != null) {
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
