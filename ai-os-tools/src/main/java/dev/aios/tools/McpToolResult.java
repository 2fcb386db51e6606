package dev.aios.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServedTool} returns to the MCP client: any content blocks, optional structured
 * content (checked against the tool's {@linkplain ServedTool#outputSchema() output schema} before
 * it is sent), and whether the call failed.
 *
 * @param content the content blocks (copied); may be empty only when there is structured content
 * @param structuredContent a JSON object as a map, or null
 * @param error whether the tool reports a failure
 */
public record McpToolResult(List<McpContent> content, @Nullable Map<String, Object> structuredContent, boolean error) {

    /** Copies and validates. */
    public McpToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
        if (structuredContent != null) {
            structuredContent = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(structuredContent));
        }
        if (content.isEmpty() && structuredContent == null) {
            throw new IllegalArgumentException("a tool result needs at least one content block or structured content");
        }
    }

    /** @return a successful result of one text block */
    public static McpToolResult text(String text) {
        return new McpToolResult(List.of(McpContent.text(text)), null, false);
    }

    /** @return a successful result of these blocks */
    public static McpToolResult of(McpContent... content) {
        return new McpToolResult(List.of(content), null, false);
    }

    /**
     * @param structured the structured content, which must fit the tool's output schema
     * @param content blocks shown to clients that do not read structured content (MCP asks for a
     *     text rendering of the same data); none means a JSON text block is added when sent
     * @return a successful result with structured content
     */
    public static McpToolResult structured(Map<String, Object> structured, McpContent... content) {
        return new McpToolResult(List.of(content), Objects.requireNonNull(structured, "structured content"), false);
    }

    /** @return a failed result whose text says what went wrong */
    public static McpToolResult error(String message) {
        return new McpToolResult(List.of(McpContent.text(message)), null, true);
    }
}
