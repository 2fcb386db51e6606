package dev.aios.toolpacks.dev;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.dev.internal.OpenApiTools;
import dev.aios.toolpacks.internal.Hosts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pack made from an OpenAPI 3 document: every operation becomes a tool named
 * {@code <name>.<operationId>} (or {@code <name>.<method>_<path>} when it has no id), whose
 * arguments are the operation's path, query and header parameters and, for a JSON request body,
 * {@code body}. Its risk follows the HTTP method (GET and HEAD read-only, PUT idempotent, DELETE
 * destructive, POST side-effecting; all reach the network). Calls go through the JDK's HTTP
 * client to the document's server, whose host must be allowed (none is by default); the result is
 * the status and the body, cut at a size.
 *
 * <p>Headers given with {@link Builder#header} (an API key, a bearer token) are sent with every call
 * and never shown: not in tool schemas, results or errors. A document that refers to other files
 * or URLs is refused rather than fetched.
 * {@snippet :
 * ToolPack petstore = OpenApiPack.builder("petstore")
 *         .spec(Path.of("petstore.yaml"))
 *         .allowHost("api.petstore.example")
 *         .header("Authorization", "Bearer " + System.getenv("PETSTORE_TOKEN"))
 *         .build();
 * }
 */
public final class OpenApiPack {
    private OpenApiPack() {}

    /** @return a builder of the pack {@code name} (letters, digits, {@code _} and {@code -}; its tools' prefix) */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Configures an OpenAPI pack. */
    public static final class Builder {
        private final String name;
        private @Nullable String spec;
        private final List<String> hosts = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable String server;
        private Duration timeout = Duration.ofSeconds(30);
        private int maxResponseBytes = 256 * 1024;

        private Builder(String name) {
            Objects.requireNonNull(name, "pack name");
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("the OpenAPI pack's name '" + name
                        + "' must be letters, digits, '_' or '-' (it prefixes the tool names)");
            }
            this.name = name;
        }

        /** Reads the OpenAPI 3 document (JSON or YAML) from a file. */
        public Builder spec(Path file) {
            try {
                this.spec = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the OpenAPI document " + file + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Sets the OpenAPI 3 document (JSON or YAML text). */
        public Builder spec(String text) {
            this.spec = Objects.requireNonNull(text, "spec");
            return this;
        }

        /** Allows calls to a host ({@code api.example.com}) or its subdomains ({@code *.example.com}); none by default. */
        public Builder allowHost(String pattern) {
            Hosts.of(name + " tools", List.of(pattern)); // fails early on a malformed pattern
            hosts.add(pattern);
            return this;
        }

        /** Sends a header with every call, such as {@code Authorization}; its value is a secret, never shown. */
        public Builder header(String headerName, String secretValue) {
            Objects.requireNonNull(headerName, "header name");
            Objects.requireNonNull(secretValue, "value of header " + headerName);
            if (!headerName.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("'" + headerName + "' is not an HTTP header name");
            }
            headers.put(headerName, secretValue);
            return this;
        }

        /** Calls this base URL instead of the document's first server (for a relative server or a test double). */
        public Builder server(String baseUrl) {
            this.server = Objects.requireNonNull(baseUrl, "server URL");
            return this;
        }

        /** Sets the connect and response timeout of each call (default 30 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the OpenAPI pack's timeout must be positive, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets how many bytes of a response a result keeps (default 256 KiB); it says when it cut. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the OpenAPI pack's maxResponseBytes must be positive, not " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * @return the pack, one tool per operation
         * @throws IllegalStateException if no document was given
         * @throws IllegalArgumentException if it is not OpenAPI 3, has no operations, or refers to external documents
         */
        public ToolPack build() {
            if (spec == null) {
                throw new IllegalStateException("the OpenAPI pack '" + name + "' needs a document: call spec(Path) or"
                        + " spec(String)");
            }
            return OpenApiTools.pack(name, spec, Hosts.of(name + " tools", hosts), headers, server, timeout,
                    maxResponseBytes);
        }
    }
}
