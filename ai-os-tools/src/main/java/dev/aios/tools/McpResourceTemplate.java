package dev.aios.tools;

import org.jspecify.annotations.Nullable;

/**
 * A family of resources an MCP server offers under one URI template (RFC 6570), such as
 * {@code notes://day/{day}}; fill it in and read the result with
 * {@link McpToolRegistry#read(String, String)}.
 *
 * @param server the server that offers it
 * @param uriTemplate the URI template
 * @param name its name
 * @param description what it is, or null
 * @param mimeType the media type of its resources, or null
 */
public record McpResourceTemplate(String server, String uriTemplate, String name, @Nullable String description,
        @Nullable String mimeType) {}
