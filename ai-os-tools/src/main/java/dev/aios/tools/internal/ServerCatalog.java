package dev.aios.tools.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import dev.aios.tools.McpServerConfig;
import dev.aios.tools.McpServerStatus;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured MCP servers and the tools each offers: one supervised {@link ServerConnection}
 * per server, its tool list cached and replaced when the server sends {@code list_changed} or is
 * restarted, and the state of each for health pages. A server that is down offers no tools until
 * it is back; the others are unaffected.
 */
public final class ServerCatalog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerCatalog.class);
    /**
     * Cache refreshes and list_changed updates run here, never in the common pool: on a small
     * machine that pool has one thread, which the MCP SDK's HTTP client needs to deliver the very
     * response a blocked update would be waiting for.
     */
    private static final Executor BACKGROUND = task -> Thread.ofVirtual().name("aios-tools-background").start(task);

    /**
     * One server's tools, as last listed. Its identity changes when the list does, which is how
     * the {@link ToolCatalog} knows to rebuild.
     *
     * @param tools the tools, in the server's order
     */
    public record ServerTools(List<ToolEntry> tools) {}

    private final Map<String, ServerConnection> servers;
    private final Map<String, ServerTools> unavailable = new ConcurrentHashMap<>();
    private final LoadingCache<String, ServerTools> toolLists;
    private final Set<String> warnedKeyTools = ConcurrentHashMap.newKeySet();
    private final ClientFeatures features;

    /**
     * Starts nothing: each server starts on first use.
     *
     * @param toolListTtl how long a tool list is trusted without a {@code list_changed}
     * @param progress receives the servers' progress notifications
     * @param features the capabilities the client declares to every server, and their handlers
     */
    public ServerCatalog(Collection<McpServerConfig> configs, ServerConnection.Settings settings, Duration toolListTtl,
            Consumer<McpSchema.ProgressNotification> progress, ClientFeatures features) {
        this.features = features;
        ServerConnection.Listener events = new Events(progress);
        Map<String, ServerConnection> connections = new LinkedHashMap<>();
        for (McpServerConfig config : configs) {
            connections.put(config.name(), new ServerConnection(config, settings, events, features));
        }
        this.servers = Collections.unmodifiableMap(connections);
        this.toolLists = Caffeine.newBuilder()
                .refreshAfterWrite(toolListTtl)
                .executor(BACKGROUND)
                .build(this::loadTools);
    }

    /** @return the servers' names, in configuration order */
    public Set<String> names() {
        return servers.keySet();
    }

    /** @return the connections, in configuration order */
    public Collection<ServerConnection> connections() {
        return servers.values();
    }

    /**
     * @return the connection to {@code name}
     * @throws AiOsException if no server has that name; the message lists those configured
     */
    public ServerConnection connection(String name) {
        ServerConnection c = servers.get(name);
        if (c == null) {
            throw AiOsException.permanent("no MCP server named '" + name + "'; configured: " + servers.keySet());
        }
        return c;
    }

    /** @return each server's tools, in configuration order; empty for a server that is down */
    public List<ServerTools> toolLists() {
        List<ServerTools> lists = new ArrayList<>(servers.size());
        for (String server : servers.keySet()) {
            lists.add(toolsOf(server));
        }
        return lists;
    }

    /**
     * Lists the server's tools now (every page, past the cache) and turns each into the
     * descriptor the registry would offer, before pinning.
     *
     * @throws AiOsException if the server is unknown or cannot be reached
     */
    public List<ToolDescriptor> listTools(String server) throws InterruptedException {
        return convert(server, listAll(connection(server))).stream().map(ToolEntry::descriptor).toList();
    }

    /** @return the state of each server, in configuration order */
    public List<McpServerStatus> statuses() {
        List<McpServerStatus> result = new ArrayList<>();
        for (ServerConnection c : servers.values()) {
            ProcessHandle process = c.process();
            result.add(new McpServerStatus(c.name(), c.config().transport(),
                    McpServerStatus.State.valueOf(c.state().name()), c.starts(),
                    process != null && process.isAlive() ? process.pid() : -1, c.lastFailure()));
        }
        return result;
    }

    /** @return the client's capabilities and handlers */
    public ClientFeatures features() {
        return features;
    }

    /** Replaces the roots and tells every connected server. */
    public void replaceRoots(List<java.net.URI> roots) {
        List<McpSchema.Root> before = features.replaceRoots(roots);
        List<McpSchema.Root> after = features.sdkRoots();
        servers.values().forEach(c -> c.rootsChanged(before, after));
    }

    /** Stops every server; calls in flight fail. */
    @Override
    public void close() {
        servers.values().forEach(ServerConnection::close);
        toolLists.invalidateAll();
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

    private ServerTools loadTools(String server) {
        try {
            return new ServerTools(convert(server, listAll(servers.get(server))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("listing the tools of '" + server + "' was interrupted", e);
        }
    }

    /**
     * @return every tool the server offers (the SDK's no-argument list call follows every page's
     *     cursor); none, without asking, from a server that declared no {@code tools} capability:
     *     it would refuse the request, and that is no failure of the server
     */
    private static List<McpSchema.Tool> listAll(ServerConnection connection) throws InterruptedException {
        McpSchema.ServerCapabilities capabilities = connection.capabilities();
        if (capabilities == null || capabilities.tools() == null) {
            log.debug("MCP server '{}' declares no tools capability; it offers no tools", connection.name());
            return List.of();
        }
        List<McpSchema.Tool> tools = connection.request(McpAsyncClient::listTools, "tools/list").tools();
        return tools == null ? List.of() : tools;
    }

    /**
     * @return the server's tools as registry entries; those its config names in
     *     {@link McpServerConfig#idempotencyKeys()} get {@link ToolRisk#withIdempotencyKey()}
     */
    private List<ToolEntry> convert(String server, List<McpSchema.Tool> tools) {
        McpServerConfig config = connection(server).config();
        List<ToolEntry> entries = new ArrayList<>();
        for (McpSchema.Tool tool : tools) {
            try {
                Map<String, Object> schema = schemaOf(tool);
                ToolRisk risk = RiskAnnotations.fromAnnotations(tool.annotations());
                if (config.acceptsIdempotencyKey(tool.name())) {
                    risk = risk.withIdempotencyKey();
                }
                ToolDescriptor descriptor = new ToolDescriptor(server + "." + tool.name(), descriptionOf(tool),
                        JsonCodec.write(schema), risk);
                entries.add(ToolEntry.remote(descriptor, schema, server, tool.name()));
            } catch (RuntimeException e) {
                log.warn("MCP server '{}' describes tool '{}' in a way that cannot be used ({}); skipped", server,
                        tool.name(), e.getMessage());
            }
        }
        warnUnknownKeyTools(config, tools);
        return entries;
    }

    /**
     * Names in {@code idempotencyKeys} that the server does not offer are most likely typos (or a
     * tool the server dropped): said once per name, since the list may change with the server.
     */
    private void warnUnknownKeyTools(McpServerConfig config, List<McpSchema.Tool> tools) {
        Set<String> offered = new TreeSet<>();
        tools.forEach(t -> offered.add(t.name()));
        List<String> unknown = new ArrayList<>();
        for (String name : config.idempotencyKeys()) {
            if (!name.equals(McpServerConfig.ALL_TOOLS) && !offered.contains(name)
                    && warnedKeyTools.add(config.name() + "\u0000" + name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            log.warn("MCP server '{}': \"idempotencyKeys\" names {}, which it does not offer; its tools: {}",
                    config.name(), unknown, offered);
        }
    }

    private static Map<String, Object> schemaOf(McpSchema.Tool tool) {
        return tool.inputSchema() == null ? JsonCodec.readObject(ToolDescriptor.NO_ARGUMENTS, "schema")
                : new LinkedHashMap<>(tool.inputSchema());
    }

    private static String descriptionOf(McpSchema.Tool tool) {
        return tool.description() != null ? tool.description() : tool.title() != null ? tool.title() : "";
    }

    /** What the server connections tell the catalog. */
    private final class Events implements ServerConnection.Listener {
        private final Consumer<McpSchema.ProgressNotification> progress;

        Events(Consumer<McpSchema.ProgressNotification> progress) {
            this.progress = progress;
        }

        @Override
        public void toolsChanged(String server, List<McpSchema.Tool> tools) {
            log.info("MCP server '{}' changed its tools; now {}", server, tools.size());
            // Off the SDK's thread: a load of the same key may be waiting for that thread to deliver a response.
            List<ToolEntry> entries = convert(server, tools);
            BACKGROUND.execute(() -> toolLists.put(server, new ServerTools(entries)));
        }

        @Override
        public void progress(String server, McpSchema.ProgressNotification notification) {
            progress.accept(notification);
        }

        @Override
        public void connected(String server) {
            if (servers.get(server).starts() > 1) {
                // After a restart the server may offer other tools: list them again, off this thread.
                BACKGROUND.execute(() -> toolLists.refresh(server));
                // A new session has no subscriptions: ask again for those that still have listeners.
                Set<String> uris = features.subscribed(server);
                if (!uris.isEmpty()) {
                    BACKGROUND.execute(() -> ServerResources.subscribeAgain(servers.get(server), uris));
                }
            }
        }
    }
}
