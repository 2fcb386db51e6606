package dev.aios.tools;

import org.jspecify.annotations.Nullable;

/**
 * A resource an MCP server offers (a file, a record, a document); read it with
 * {@link McpToolRegistry#readResource(String, String)}.
 *
 * @param server the server that offers it
 * @param uri its URI on that server
 * @param name its name
 * @param description what it is, or null
 * @param mimeType its media type, or null
 */
public record McpResource(String server, String uri, String name, @Nullable String description,
        @Nullable String mimeType) {}
