package dev.aios.tools.internal;

import dev.aios.tools.McpContent;
import dev.aios.tools.McpPromptMessage;
import dev.aios.tools.McpResourceContents;
import io.modelcontextprotocol.spec.McpSchema;

/** Turns the server API's content types into the MCP SDK's and back. */
public final class ContentMapping {
    private ContentMapping() {}

    /** @return {@code content} as the SDK's content block */
    public static McpSchema.Content toMcp(McpContent content) {
        return switch (content) {
            case McpContent.Text t -> new McpSchema.TextContent(t.text());
            case McpContent.Image i -> new McpSchema.ImageContent(null, i.base64(), i.mimeType());
            case McpContent.Audio a -> new McpSchema.AudioContent(null, a.base64(), a.mimeType());
            case McpContent.EmbeddedResource r -> new McpSchema.EmbeddedResource(null, toMcp(r.contents()));
            case McpContent.ResourceLink l -> McpSchema.ResourceLink.builder().uri(l.uri()).name(l.name())
                    .description(l.description()).mimeType(l.mimeType()).build();
        };
    }

    /** @return {@code contents} as the SDK's resource contents */
    public static McpSchema.ResourceContents toMcp(McpResourceContents contents) {
        return contents.text() != null
                ? new McpSchema.TextResourceContents(contents.uri(), contents.mimeType(), contents.text())
                : new McpSchema.BlobResourceContents(contents.uri(), contents.mimeType(), contents.base64());
    }

    /** @return {@code message} as the SDK's prompt message */
    public static McpSchema.PromptMessage toMcp(McpPromptMessage message) {
        return new McpSchema.PromptMessage(role(message.role()), toMcp(message.content()));
    }

    /** @return {@code message} as the SDK's sampling message */
    public static McpSchema.SamplingMessage toSampling(McpPromptMessage message) {
        return new McpSchema.SamplingMessage(role(message.role()), toMcp(message.content()));
    }

    /** @return the SDK's content block as ours; a kind we do not know becomes text describing it */
    public static McpContent fromMcp(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent t -> McpContent.text(t.text());
            case McpSchema.ImageContent i -> new McpContent.Image(i.data(), i.mimeType());
            case McpSchema.AudioContent a -> new McpContent.Audio(a.data(), a.mimeType());
            case McpSchema.EmbeddedResource r -> McpContent.resource(fromMcp(r.resource()));
            case McpSchema.ResourceLink l -> McpContent.link(l.uri(), l.name(), l.description(), l.mimeType());
            default -> McpContent.text(String.valueOf(content));
        };
    }

    private static McpResourceContents fromMcp(McpSchema.ResourceContents contents) {
        return switch (contents) {
            case McpSchema.TextResourceContents t -> McpResourceContents.text(t.uri(), t.mimeType(), t.text());
            case McpSchema.BlobResourceContents b -> new McpResourceContents(b.uri(), b.mimeType(), null, b.blob());
            default -> McpResourceContents.text(contents.uri(), contents.mimeType(), String.valueOf(contents));
        };
    }

    private static McpSchema.Role role(McpPromptMessage.Role role) {
        return role == McpPromptMessage.Role.USER ? McpSchema.Role.USER : McpSchema.Role.ASSISTANT;
    }
}
