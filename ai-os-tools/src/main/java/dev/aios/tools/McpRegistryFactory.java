package dev.aios.tools;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.ToolRegistryFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code mcp} tool registry, for hosts that wire components by name. Settings:
 * <ul>
 *   <li>{@code config} (required): a JSON file in the {@code mcpServers} form</li>
 *   <li>{@code pins} (optional): the tool pin file ({@link McpToolRegistry.Builder#pinFile})</li>
 *   <li>{@code callTimeout} (optional): ISO-8601, such as {@code PT30S} (default 60 s)</li>
 * </ul>
 */
public final class McpRegistryFactory implements ToolRegistryFactory {
    private static final Set<String> KNOWN = Set.of("config", "pins", "callTimeout");

    /** For {@link java.util.ServiceLoader}. */
    public McpRegistryFactory() {}

    @Override
    public String name() {
        return "mcp";
    }

    @Override
    public ToolRegistry create(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw AiOsException.permanent("unknown settings " + unknown + " for the mcp tool registry; known: "
                    + new TreeSet<>(KNOWN));
        }
        String config = settings.get("config");
        if (config == null || config.isBlank()) {
            throw AiOsException.permanent("the mcp tool registry needs the setting 'config': the path of a JSON file "
                    + "in the mcpServers form");
        }
        Path file = Path.of(config);
        if (!Files.isRegularFile(file)) {
            throw AiOsException.permanent("setting 'config' of the mcp tool registry names " + file.toAbsolutePath()
                    + ", which is not a file");
        }
        McpToolRegistry.Builder builder = McpToolRegistry.builder().servers(McpServerConfig.parse(file));
        if (settings.containsKey("pins")) {
            builder.pinFile(Path.of(settings.get("pins")));
        }
        if (settings.containsKey("callTimeout")) {
            try {
                builder.callTimeout(Duration.parse(settings.get("callTimeout")));
            } catch (DateTimeParseException e) {
                throw AiOsException.permanent("setting 'callTimeout' of the mcp tool registry must be an ISO-8601 duration "
                        + "such as PT30S, was '" + settings.get("callTimeout") + "'", e);
            }
        }
        return builder.build();
    }
}
