package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.tools.McpPrompt;
import dev.aios.tools.McpResource;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        ServerConnection c = servers.connection(server);
        try {
            McpSchema.ReadResourceResult read = c.request(
                    client -> client.readResource(McpSchema.ReadResourceRequest.builder(uri).build()),
                    "resources/read " + uri);
            List<String> parts = new ArrayList<>();
            for (McpSchema.ResourceContents contents : read.contents()) {
                parts.add(contents instanceof McpSchema.TextResourceContents text ? text.text()
                        : "[binary " + contents.mimeType() + " at " + contents.uri() + "]");
            }
            return String.join("\n", parts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AiOsException.retriable("reading " + uri + " from '" + server + "' was interrupted", e);
        }
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
