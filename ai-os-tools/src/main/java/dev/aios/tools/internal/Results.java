package dev.aios.tools.internal;

import dev.aios.api.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/** Turns MCP call results into {@link ToolResult} text, and back. */
public final class Results {
    private Results() {}

    /** Text blocks as they are; other content as a short bracketed note; structured content as JSON when there is no text. */
    public static ToolResult fromMcp(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                parts.add(switch (content) {
                    case McpSchema.TextContent text -> text.text();
                    case McpSchema.ImageContent image -> "[image " + image.mimeType() + ", "
                            + (image.data() == null ? 0 : image.data().length() * 3 / 4) + " bytes]";
                    case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + "]";
                    case McpSchema.EmbeddedResource embedded -> embedded.resource() instanceof McpSchema.TextResourceContents t
                            ? t.text() : "[resource " + embedded.resource().uri() + "]";
                    case McpSchema.ResourceLink link -> "[resource link " + link.uri() + "]";
                    default -> "[" + content.type() + " content]";
                });
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(Json.write(result.structuredContent()));
        }
        String text = String.join("\n", parts);
        return Boolean.TRUE.equals(result.isError()) ? ToolResult.failure(text) : ToolResult.success(text);
    }

    /** @return the MCP result that carries {@code result} */
    public static McpSchema.CallToolResult toMcp(ToolResult result) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(result.text())
                .isError(result.error())
                .build();
    }
}
