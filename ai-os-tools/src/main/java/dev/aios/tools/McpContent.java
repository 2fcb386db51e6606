package dev.aios.tools;

import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One content block of a tool result, a prompt message or a sampled message, as
 * {@link McpToolServer} sends it: text, an image, audio, an embedded resource or a link to a
 * resource.
 */
public sealed interface McpContent {

    /** @return a text block */
    static McpContent text(String text) {
        return new Text(text);
    }

    /** @return an image block holding {@code bytes} of type {@code mimeType} (such as {@code image/png}) */
    static McpContent image(byte[] bytes, String mimeType) {
        return new Image(Base64.getEncoder().encodeToString(Objects.requireNonNull(bytes, "image bytes")), mimeType);
    }

    /** @return an audio block holding {@code bytes} of type {@code mimeType} (such as {@code audio/wav}) */
    static McpContent audio(byte[] bytes, String mimeType) {
        return new Audio(Base64.getEncoder().encodeToString(Objects.requireNonNull(bytes, "audio bytes")), mimeType);
    }

    /** @return a block that embeds a resource's contents */
    static McpContent resource(McpResourceContents contents) {
        return new EmbeddedResource(contents);
    }

    /** @return a link to a resource the client may read later */
    static McpContent link(String uri, String name, @Nullable String description, @Nullable String mimeType) {
        return new ResourceLink(uri, name, description, mimeType);
    }

    /**
     * Text.
     *
     * @param text the text
     */
    record Text(String text) implements McpContent {
        /** Validates. */
        public Text {
            Objects.requireNonNull(text, "text content");
        }
    }

    /**
     * An image.
     *
     * @param base64 the image's bytes in base64
     * @param mimeType its media type, such as {@code image/png}
     */
    record Image(String base64, String mimeType) implements McpContent {
        /** Validates. */
        public Image {
            Objects.requireNonNull(base64, "image data");
            requireMime(mimeType, "image");
        }
    }

    /**
     * Audio.
     *
     * @param base64 the audio's bytes in base64
     * @param mimeType its media type, such as {@code audio/wav}
     */
    record Audio(String base64, String mimeType) implements McpContent {
        /** Validates. */
        public Audio {
            Objects.requireNonNull(base64, "audio data");
            requireMime(mimeType, "audio");
        }
    }

    /**
     * A resource's contents, embedded.
     *
     * @param contents the contents
     */
    record EmbeddedResource(McpResourceContents contents) implements McpContent {
        /** Validates. */
        public EmbeddedResource {
            Objects.requireNonNull(contents, "embedded resource contents");
        }
    }

    /**
     * A link to a resource.
     *
     * @param uri the resource's URI
     * @param name its name
     * @param description what it is, or null
     * @param mimeType its media type, or null
     */
    record ResourceLink(String uri, String name, @Nullable String description, @Nullable String mimeType)
            implements McpContent {
        /** Validates. */
        public ResourceLink {
            if (uri == null || uri.isBlank() || name == null || name.isBlank()) {
                throw new IllegalArgumentException("a resource link needs a URI and a name, got uri=" + uri
                        + ", name=" + name);
            }
        }
    }

    private static void requireMime(@Nullable String mimeType, String kind) {
        if (mimeType == null || mimeType.isBlank()) {
            throw new IllegalArgumentException("an " + kind + " block needs a media type, such as " + kind
                    + (kind.equals("image") ? "/png" : "/wav"));
        }
    }
}
