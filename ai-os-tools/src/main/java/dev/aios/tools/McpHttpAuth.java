package dev.aios.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Who may use {@link McpToolServer#startHttp}: anyone that reaches the port ({@link #none()}, the
 * default, for a server bound to 127.0.0.1 on a one-person machine) or only requests that carry a
 * bearer token ({@link #bearerToken(String)}). A request without the right token gets
 * {@code 401} with {@code WWW-Authenticate: Bearer}; the token never appears in logs, errors or
 * {@link #toString()}.
 */
public sealed interface McpHttpAuth {

    /** @return no authentication */
    static McpHttpAuth none() {
        return None.INSTANCE;
    }

    /**
     * @param token the secret every request must send as {@code Authorization: Bearer <token>};
     *     at least 16 characters, no spaces
     * @return static bearer-token authentication, compared in constant time
     */
    static McpHttpAuth bearerToken(String token) {
        if (token == null || token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a bearer token must be at least 16 characters without spaces"
                    + " (the token itself is not shown here)");
        }
        return new BearerToken(digest(token));
    }

    /** No authentication. */
    enum None implements McpHttpAuth {
        /** The one instance. */
        INSTANCE
    }

    /**
     * A static bearer token, kept only as its SHA-256 digest so that a heap dump or a
     * {@code toString()} does not show it.
     */
    final class BearerToken implements McpHttpAuth {
        private final byte[] digest;

        private BearerToken(byte[] digest) {
            this.digest = digest;
        }

        /**
         * @param presented the token a request sent, or null
         * @return whether it is the token; compares digests in constant time, so neither the
         *     length nor a prefix of the token leaks through timing
         */
        public boolean accepts(@Nullable String presented) {
            return presented != null && MessageDigest.isEqual(digest, digest(presented));
        }

        @Override
        public String toString() {
            return "McpHttpAuth.bearerToken(<hidden>)";
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
