package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.tools.ServedPrompt;
import dev.aios.tools.ServedResource;
import dev.aios.tools.ServedResourceTemplate;
import dev.aios.tools.ServedTool;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a server serves beyond its fixed registry tools (served tools, resources, resource
 * templates, prompts), changeable while it runs: each change reaches every running SDK server,
 * which tells its clients ({@code notifications/.../list_changed}).
 */
public final class ServedCatalog {
    private static final Logger log = LoggerFactory.getLogger(ServedCatalog.class);

    private final Set<String> fixedToolNames;
    private final Map<String, ServedTool> tools = new LinkedHashMap<>();
    private final Map<String, ServedResource> resources = new LinkedHashMap<>();
    private final Map<String, ServedResourceTemplate> templates = new LinkedHashMap<>();
    private final Map<String, ServedPrompt> prompts = new LinkedHashMap<>();
    private final List<Live> live = new CopyOnWriteArrayList<>();

    private record Live(McpSyncServer server, ServedSpecs specs) {}

    /** @param fixedToolNames the names of the registry's tools and agents, which served tools may not take */
    public ServedCatalog(Set<String> fixedToolNames) {
        this.fixedToolNames = Set.copyOf(fixedToolNames);
    }

    /** Adds or replaces a tool. */
    public synchronized void add(ServedTool tool) {
        if (fixedToolNames.contains(tool.name())) {
            throw AiOsException.permanent("served tool '" + tool.name() + "' has the name of a registry tool or agent;"
                    + " rename it");
        }
        tools.put(tool.name(), tool);
        each((server, specs) -> server.addTool(specs.tool(tool))); // the SDK replaces a tool of the same name
    }

    /** @return whether a tool of that name was served and is now removed */
    public synchronized boolean removeTool(String name) {
        if (tools.remove(name) == null) {
            return false;
        }
        each((server, specs) -> server.removeTool(name));
        return true;
    }

    /** Adds or replaces a resource. */
    public synchronized void add(ServedResource resource) {
        resources.put(resource.uri(), resource);
        each((server, specs) -> server.addResource(specs.resource(resource)));
    }

    /** @return whether a resource of that URI was served and is now removed */
    public synchronized boolean removeResource(String uri) {
        if (resources.remove(uri) == null) {
            return false;
        }
        each((server, specs) -> server.removeResource(uri));
        return true;
    }

    /** Adds or replaces a resource template. */
    public synchronized void add(ServedResourceTemplate template) {
        templates.put(template.uriTemplate(), template);
        each((server, specs) -> server.addResourceTemplate(specs.template(template)));
    }

    /** @return whether a template of that URI template was served and is now removed */
    public synchronized boolean removeResourceTemplate(String uriTemplate) {
        if (templates.remove(uriTemplate) == null) {
            return false;
        }
        each((server, specs) -> server.removeResourceTemplate(uriTemplate));
        return true;
    }

    /** Adds or replaces a prompt. */
    public synchronized void add(ServedPrompt prompt) {
        prompts.put(prompt.name(), prompt);
        each((server, specs) -> server.addPrompt(specs.prompt(prompt)));
    }

    /** @return whether a prompt of that name was served and is now removed */
    public synchronized boolean removePrompt(String name) {
        if (prompts.remove(name) == null) {
            return false;
        }
        each((server, specs) -> server.removePrompt(name));
        return true;
    }

    /** Tells the clients subscribed to {@code uri} that it changed. */
    public void updated(String uri) {
        for (Live l : live) {
            l.server().notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
        }
    }

    /** @return the prompt of that name, now */
    public synchronized Optional<ServedPrompt> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    /** @return the template of that URI template, now */
    public synchronized Optional<ServedResourceTemplate> template(String uriTemplate) {
        return Optional.ofNullable(templates.get(uriTemplate));
    }

    /**
     * Puts everything served now into {@code spec}, with completion for the prompts and templates
     * there now (the SDK takes completions only before it starts).
     */
    public synchronized <S extends McpServer.SyncSpecification<S>> void configure(McpServer.SyncSpecification<S> spec,
            ServedSpecs specs, List<McpServerFeatures.SyncToolSpecification> fixedTools) {
        List<McpServerFeatures.SyncToolSpecification> all = new ArrayList<>(fixedTools);
        tools.values().forEach(t -> all.add(specs.tool(t)));
        spec.tools(all);
        spec.resources(resources.values().stream().map(specs::resource).toList());
        spec.resourceTemplates(templates.values().stream().map(specs::template).toList());
        spec.prompts(prompts.values().stream().map(specs::prompt).toList());
        List<McpServerFeatures.SyncCompletionSpecification> completions = new ArrayList<>();
        prompts.keySet().forEach(name -> completions.add(specs.promptCompletion(name)));
        templates.keySet().forEach(uri -> completions.add(specs.templateCompletion(uri)));
        spec.completions(completions);
    }

    /**
     * Follows a started SDK server, so that later changes reach it. Changes made between
     * {@link #configure} and this call would be missed, so both run under the caller's hold on
     * this catalog ({@code synchronized (catalog)}).
     */
    public void started(McpSyncServer server, ServedSpecs specs) {
        live.add(new Live(server, specs));
    }

    /** Stops following a server that stopped. */
    public void stopped(McpSyncServer server) {
        live.removeIf(l -> l.server() == server);
    }

    private void each(BiConsumer<McpSyncServer, ServedSpecs> change) {
        for (Live l : live) {
            try {
                change.accept(l.server(), l.specs());
            } catch (RuntimeException e) {
                log.warn("a running MCP server did not take a change: {}", e.toString());
            }
        }
    }
}
