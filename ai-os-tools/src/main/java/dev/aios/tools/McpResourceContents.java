package dev.aios.tools;

import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The contents of one resource as {@link McpToolServer} serves them: what {@code resources/read}
 * returns, and what an {@linkplain McpContent.EmbeddedResource embedded resource} carries. Either
 * text or bytes (kept as base64, as MCP sends them), never both.
 *
 * @param uri the resource's URI
 * @param mimeType its media type, or null
 * @param text its text, or null when it is binary
 * @param base64 its bytes in base64, or null when it is text
 */
public record McpResourceContents(String uri, @Nullable String mimeType, @Nullable String text,
        @Nullable String base64) {

    /** Validates: a URI, and exactly one of text and bytes. */
    public McpResourceContents {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("resource contents need a URI");
        }
        if ((text == null) == (base64 == null)) {
            throw new IllegalArgumentException("resource contents of " + uri + " must have text or bytes, not "
                    + (text == null ? "neither" : "both"));
        }
    }

    /** @return text contents */
    public static McpResourceContents text(String uri, @Nullable String mimeType, String text) {
        return new McpResourceContents(uri, mimeType, Objects.requireNonNull(text, "text of " + uri), null);
    }

    /** @return binary contents (encoded in base64 here) */
    public static McpResourceContents bytes(String uri, @Nullable String mimeType, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes of " + uri);
        return new McpResourceContents(uri, mimeType, null, Base64.getEncoder().encodeToString(bytes));
    }
}
