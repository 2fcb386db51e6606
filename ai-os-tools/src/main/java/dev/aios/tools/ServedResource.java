package dev.aios.tools;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A resource with a fixed URI that {@link McpToolServer} serves ({@code resources/list},
 * {@code resources/read}); its contents are read afresh on every read, so a host that changes
 * them calls {@link McpToolServer#resourceUpdated(String)} to tell subscribed clients.
 *
 * @param uri its URI, such as {@code notes://today}
 * @param name its name
 * @param description what it is, or null
 * @param mimeType its media type, or null
 * @param reader reads its contents
 */
public record ServedResource(String uri, String name, @Nullable String description, @Nullable String mimeType,
        Reader reader) {

    /** Reads a resource's contents. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param uri the resource's URI
         * @return its contents now
         * @throws Exception anything; the client gets an error with the message
         */
        McpResourceContents read(String uri) throws Exception;
    }

    /** Validates. */
    public ServedResource {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("a served resource needs a URI");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource " + uri + " needs a name");
        }
        Objects.requireNonNull(reader, "reader of resource " + uri);
    }

    /** @return a text resource whose text comes from {@code text} at each read */
    public static ServedResource text(String uri, String name, @Nullable String description, @Nullable String mimeType,
            Supplier<String> text) {
        Objects.requireNonNull(text, "text supplier of resource " + uri);
        return new ServedResource(uri, name, description, mimeType,
                u -> McpResourceContents.text(u, mimeType, text.get()));
    }

    /** @return a binary resource whose bytes come from {@code bytes} at each read */
    public static ServedResource bytes(String uri, String name, @Nullable String description, @Nullable String mimeType,
            Supplier<byte[]> bytes) {
        Objects.requireNonNull(bytes, "bytes supplier of resource " + uri);
        return new ServedResource(uri, name, description, mimeType,
                u -> McpResourceContents.bytes(u, mimeType, bytes.get()));
    }
}
