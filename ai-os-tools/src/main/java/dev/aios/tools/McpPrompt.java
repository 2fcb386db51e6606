package dev.aios.tools;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A prompt template an MCP server offers; fill it with {@link McpToolRegistry#prompt}.
 *
 * @param server the server that offers it
 * @param name its name on that server
 * @param description what it is for, or null
 * @param arguments the names of its arguments (copied)
 */
public record McpPrompt(String server, String name, @Nullable String description, List<String> arguments) {

    /** Copies. */
    public McpPrompt {
        arguments = List.copyOf(arguments);
    }
}
