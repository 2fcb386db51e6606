package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.tools.McpPrompt;
import dev.aios.tools.McpResource;
import dev.aios.tools.McpResourceRead;
import dev.aios.tools.McpResourceSubscription;
import dev.aios.tools.McpResourceTemplate;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources and prompts of the configured MCP servers, as text: what
 * {@code McpToolRegistry.resources()}, {@code readResource}, {@code prompts()} and {@code prompt}
 * answer. A server that is down is skipped when listing, and named in the error when asked directly.
 */
public final class ServerResources {
    private static final Logger log = LoggerFactory.getLogger(ServerResources.class);

    private final ServerCatalog servers;

    /** @param servers the servers to ask */
    public ServerResources(ServerCatalog servers) {
        this.servers = servers;
    }

    /** @return the resources of every server that offers some, in server order */
    public List<McpResource> resources() {
        List<McpResource> result = new ArrayList<>();
        for (ServerConnection c : servers.connections()) {
            try {
                for (McpSchema.Resource r : listResources(c)) {
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

    /** @return the text of the resource at {@code uri} on {@code server} (binary parts are noted, not decoded) */
    public String readResource(String server, String uri) {
        return read(server, uri).contents().stream()
                .map(c -> c.text() != null ? c.text() : "[binary " + c.mimeType() + " at " + c.uri() + "]")
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** @return the prompts of every server that offers some, in server order */
    public List<McpPrompt> prompts() {
        List<McpPrompt> result = new ArrayList<>();
        for (ServerConnection c : servers.connections()) {
            try {
                for (McpSchema.Prompt p : listPrompts(c)) {
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

    /** @return the prompt filled with {@code arguments}: one paragraph per message, prefixed by its role */
    public String prompt(String server, String name, Map<String, String> arguments) {
        ServerConnection c = servers.connection(server);
        try {
            Map<String, Object> values = new LinkedHashMap<>(arguments);
            McpSchema.GetPromptResult result = c.request(
                    client -> client.getPrompt(McpSchema.GetPromptRequest.builder(name).arguments(values).build()),
                    "prompts/get " + name);
            List<String> parts = new ArrayList<>();
            for (McpSchema.PromptMessage message : result.messages()) {
                String text = message.content() instanceof McpSchema.TextContent t ? t.text()
                        : "[" + message.content().type() + "]";
                parts.add(message.role().name().toLowerCase(Locale.ROOT) + ": " + text);
            }
            return String.join("\n\n", parts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("getting prompt " + name + " from '" + server + "' was interrupted", e);
        }
    }

    /** @return the resource templates of every server that offers some, in server order */
    public List<McpResourceTemplate> resourceTemplates() {
        List<McpResourceTemplate> result = new ArrayList<>();
        for (ServerConnection c : servers.connections()) {
            try {
                McpSchema.ServerCapabilities capabilities = c.capabilities();
                if (capabilities == null || capabilities.resources() == null) {
                    continue;
                }
                // The SDK's no-argument list call follows every page's cursor itself.
                List<McpSchema.ResourceTemplate> templates = c.request(McpAsyncClient::listResourceTemplates,
                        "resources/templates/list").resourceTemplates();
                for (McpSchema.ResourceTemplate t : templates == null ? List.<McpSchema.ResourceTemplate>of() : templates) {
                    result.add(new McpResourceTemplate(c.name(), t.uriTemplate(), t.name(), t.description(),
                            t.mimeType()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (AiOsException e) {
                log.warn("cannot list the resource templates of MCP server '{}': {}", c.name(), e.getMessage());
            }
        }
        return result;
    }

    /** @return the resource at {@code uri} on {@code server}, every part, labelled untrusted */
    public McpResourceRead read(String server, String uri) {
        ServerConnection c = servers.connection(server);
        try {
            McpSchema.ReadResourceResult read = c.request(
                    client -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()),
                    "resources/read " + uri);
            return ClientFeatures.read(server, uri, read.contents() == null ? List.of() : read.contents());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("reading " + uri + " from '" + server + "' was interrupted", e);
        }
    }

    /**
     * Subscribes {@code listener} to resource {@code uri} of {@code server}; asks the server
     * ({@code resources/subscribe}) for the first listener of that resource only.
     *
     * @throws AiOsException if the server does not offer subscriptions, is down, or refused
     */
    public McpResourceSubscription subscribe(String server, String uri, Consumer<McpResourceRead> listener) {
        ServerConnection c = servers.connection(server);
        ClientFeatures features = servers.features();
        try {
            McpSchema.ServerCapabilities capabilities = c.capabilities();
            if (capabilities == null || capabilities.resources() == null
                    || !Boolean.TRUE.equals(capabilities.resources().subscribe())) {
                throw AiOsException.permanent("MCP server '" + server + "' does not offer resource subscriptions "
                        + "(its capabilities: " + capabilities + ")");
            }
            if (features.addListener(server, uri, listener)) {
                try {
                    c.request(client -> client.subscribeResource(new McpSchema.SubscribeRequest(uri))
                            .thenReturn(Boolean.TRUE), "resources/subscribe " + uri);
                } catch (RuntimeException e) {
                    features.removeListener(server, uri, listener);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("subscribing to " + uri + " of '" + server + "' was interrupted", e);
        }
        return new Subscription(c, features, uri, listener);
    }

    /** After a reconnect: subscribes the new session to the resources that still have listeners. */
    static void subscribeAgain(ServerConnection c, Set<String> uris) {
        for (String uri : uris) {
            try {
                c.request(client -> client.subscribeResource(new McpSchema.SubscribeRequest(uri))
                        .thenReturn(Boolean.TRUE), "resources/subscribe " + uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (AiOsException e) {
                log.warn("could not subscribe again to {} of MCP server '{}': {}", uri, c.name(), e.getMessage());
            }
        }
    }

    /** One listener of one resource. */
    private static final class Subscription implements McpResourceSubscription {
        private final ServerConnection connection;
        private final ClientFeatures features;
        private final String uri;
        private final Consumer<McpResourceRead> listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscription(ServerConnection connection, ClientFeatures features, String uri, Consumer<McpResourceRead> listener) {
            this.connection = connection;
            this.features = features;
            this.uri = uri;
            this.listener = listener;
        }

        @Override
        public String server() {
            return connection.name();
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true) || !features.removeListener(connection.name(), uri, listener)) {
                return;
            }
            if (connection.state() != ServerConnection.State.CONNECTED) {
                return; // a new session would not have the subscription anyway
            }
            try {
                connection.request(client -> client.unsubscribeResource(new McpSchema.UnsubscribeRequest(uri))
                        .thenReturn(Boolean.TRUE), "resources/unsubscribe " + uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (AiOsException e) {
                log.warn("could not unsubscribe from {} of MCP server '{}': {}", uri, connection.name(), e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "McpResourceSubscription[" + connection.name() + " " + uri + (closed.get() ? ", closed]" : "]");
        }
    }

    private static List<McpSchema.Resource> listResources(ServerConnection c) throws InterruptedException {
        McpSchema.ServerCapabilities capabilities = c.capabilities();
        if (capabilities == null || capabilities.resources() == null) {
            return List.of();
        }
        // The SDK's no-argument list calls follow every page's cursor themselves.
        List<McpSchema.Resource> resources = c.request(McpAsyncClient::listResources, "resources/list").resources();
        return resources == null ? List.of() : resources;
    }

    private static List<McpSchema.Prompt> listPrompts(ServerConnection c) throws InterruptedException {
        McpSchema.ServerCapabilities capabilities = c.capabilities();
        if (capabilities == null || capabilities.prompts() == null) {
            return List.of();
        }
        List<McpSchema.Prompt> prompts = c.request(McpAsyncClient::listPrompts, "prompts/list").prompts();
        return prompts == null ? List.of() : prompts;
    }
}
