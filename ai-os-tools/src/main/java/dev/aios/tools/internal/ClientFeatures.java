package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Provenance;
import dev.aios.tools.McpElicitation;
import dev.aios.tools.McpResourceContents;
import dev.aios.tools.McpResourceRead;
import dev.aios.tools.McpSampling;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What the registry offers the servers it connects to, as an MCP client: the capabilities it
 * declares in each handshake and the handlers behind them. Roots (the host's folders, as
 * {@code file://} URIs, with {@code roots/list_changed} when they change), sampling (to the
 * servers the host allowed, through {@link SamplingBridge}), elicitation (form mode, through the
 * host's {@link McpElicitation}; declined without one), and the listeners of resource
 * subscriptions.
 */
public final class ClientFeatures {
    private static final Logger log = LoggerFactory.getLogger(ClientFeatures.class);

    private final boolean offersRoots;
    private volatile List<McpSchema.Root> roots;
    private final @Nullable SamplingBridge sampling;
    private final ElicitationBridge elicitation;
    private final Map<String, OAuthClient> oauth = new ConcurrentHashMap<>();
    /** server -> uri -> listeners */
    private final Map<String, Map<String, List<Consumer<McpResourceRead>>>> listeners = new ConcurrentHashMap<>();

    /**
     * @param roots the host's root folders, or null to declare no roots capability
     * @param sampling who may sample and how, or null to offer sampling to no server
     * @param elicitation answers servers' questions to the user
     */
    public ClientFeatures(@Nullable List<URI> roots, @Nullable McpSampling sampling, McpElicitation elicitation) {
        this.offersRoots = roots != null;
        this.roots = roots == null ? List.of() : toRoots(roots);
        this.sampling = sampling == null ? null : new SamplingBridge(sampling);
        this.elicitation = new ElicitationBridge(Objects.requireNonNull(elicitation, "elicitation"));
    }

    /** Gets tokens for {@code server} through {@code client}: its transport sends them. */
    public void oauth(String server, OAuthClient client) {
        oauth.put(server, client);
    }

    /** @return the OAuth client of {@code server}, or null when it uses none */
    @Nullable OAuthClient oauth(String server) {
        return oauth.get(server);
    }

    /** Declares this client's capabilities to server {@code server} and installs their handlers. */
    void configure(McpClient.AsyncSpec spec, String server) {
        McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder().elicitation();
        spec.elicitation(request -> offThread(() -> elicitation.answer(server, request)));
        if (offersRoots) {
            capabilities.roots(true);
            spec.roots(roots);
        }
        SamplingBridge bridge = sampling;
        if (bridge != null && bridge.offersTo(server)) {
            capabilities.sampling();
            spec.sampling(request -> offThread(() -> bridge.answer(server, request)));
        }
        spec.resourcesUpdateConsumer(contents -> {
            deliver(server, contents);
            return Mono.empty();
        });
        spec.capabilities(capabilities.build());
    }

    /** @return whether the registry declares the roots capability */
    public boolean offersRoots() {
        return offersRoots;
    }

    /** @return the roots, as servers see them */
    public List<URI> roots() {
        return roots.stream().map(r -> URI.create(r.uri())).toList();
    }

    /**
     * Replaces the roots.
     *
     * @return the roots before
     * @throws AiOsException if the registry declared no roots capability, or a URI is not a {@code file:} URI
     */
    public List<McpSchema.Root> replaceRoots(List<URI> uris) {
        if (!offersRoots) {
            throw AiOsException.permanent("this registry was built without roots; give McpToolRegistry.Builder.roots "
                    + "(even an empty list) to let servers see and follow its roots");
        }
        List<McpSchema.Root> before = roots;
        roots = toRoots(uris);
        return before;
    }

    /** @return the roots now, as the SDK wants them */
    public List<McpSchema.Root> sdkRoots() {
        return roots;
    }

    /**
     * @return the roots of {@code uris}: each an absolute {@code file:} URI, named after its last
     *     path segment
     * @throws AiOsException if one is not
     */
    public static List<McpSchema.Root> toRoots(List<URI> uris) {
        List<McpSchema.Root> out = new ArrayList<>();
        for (URI uri : Objects.requireNonNull(uris, "roots")) {
            Objects.requireNonNull(uri, "root");
            if (!"file".equalsIgnoreCase(uri.getScheme()) || !uri.isAbsolute() || uri.getPath() == null) {
                throw AiOsException.permanent("root '" + uri + "' is not a file: URI; give folders such as "
                        + "Path.of(\"/home/me/notes\").toUri()");
            }
            Path path = Path.of(uri);
            String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
            out.add(new McpSchema.Root(uri.toString(), name));
        }
        return List.copyOf(out);
    }

    /**
     * Adds a listener of resource {@code uri} of {@code server}.
     *
     * @return whether it is the first, so the server must be asked to subscribe
     */
    boolean addListener(String server, String uri, Consumer<McpResourceRead> listener) {
        List<Consumer<McpResourceRead>> list = listeners.computeIfAbsent(server, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(uri, u -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            list.add(listener);
            return list.size() == 1;
        }
    }

    /** @return whether it was the last listener of that resource, so the server may be told to unsubscribe */
    boolean removeListener(String server, String uri, Consumer<McpResourceRead> listener) {
        Map<String, List<Consumer<McpResourceRead>>> byUri = listeners.get(server);
        List<Consumer<McpResourceRead>> list = byUri == null ? null : byUri.get(uri);
        if (list == null) {
            return false;
        }
        synchronized (list) {
            if (!list.remove(listener)) {
                return false;
            }
            if (list.isEmpty()) {
                byUri.remove(uri, list);
                return true;
            }
            return false;
        }
    }

    /** @return the URIs of {@code server} that have listeners, to subscribe again after a reconnect */
    Set<String> subscribed(String server) {
        Map<String, List<Consumer<McpResourceRead>>> byUri = listeners.get(server);
        return byUri == null ? Set.of() : Set.copyOf(byUri.keySet());
    }

    /** The SDK read the resource again after {@code notifications/resources/updated}: passes it to its listeners. */
    private void deliver(String server, List<McpSchema.ResourceContents> contents) {
        Map<String, List<Consumer<McpResourceRead>>> byUri = listeners.get(server);
        if (byUri == null || contents == null || contents.isEmpty()) {
            return;
        }
        String uri = contents.getFirst().uri();
        List<Consumer<McpResourceRead>> list = byUri.get(uri);
        if (list == null) {
            return;
        }
        McpResourceRead read = read(server, uri, contents);
        for (Consumer<McpResourceRead> listener : list) {
            try {
                listener.accept(read);
            } catch (RuntimeException e) {
                log.warn("a listener of {} on MCP server '{}' failed: {}", uri, server, e.toString());
            }
        }
    }

    /** @return what a server sent for {@code uri}, labelled untrusted */
    static McpResourceRead read(String server, String uri, List<McpSchema.ResourceContents> contents) {
        List<McpResourceContents> parts = new ArrayList<>();
        for (McpSchema.ResourceContents c : contents) {
            String at = c.uri() == null || c.uri().isBlank() ? uri : c.uri();
            if (c instanceof McpSchema.TextResourceContents text) {
                parts.add(new McpResourceContents(at, text.mimeType(), text.text() == null ? "" : text.text(), null));
            } else if (c instanceof McpSchema.BlobResourceContents blob) {
                parts.add(new McpResourceContents(at, blob.mimeType(), null, blob.blob() == null ? "" : blob.blob()));
            }
        }
        return new McpResourceRead(server, uri, parts, Provenance.untrusted(McpResourceRead.source(server)));
    }

    /** Runs a handler that may block (a brain call, a person) off the SDK's threads. */
    private static <T> Mono<T> offThread(Supplier<T> work) {
        return Mono.create(sink -> Thread.ofVirtual().name("aios-mcp-client-request").start(() -> {
            try {
                sink.success(work.get());
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }));
    }
}
