package dev.aios.tools;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who may use {@link McpToolServer#startHttp}: anyone that reaches the port ({@link #none()}, the
 * default, for a server bound to 127.0.0.1 on a one-person machine), only requests that carry a
 * static bearer token ({@link #bearerToken(String)}, for local use), or only requests with a JWT
 * access token that an OAuth 2.1 authorization server issued for this server
 * ({@link #oauth(URI)}, the MCP authorization spec's resource-server role). A request without a
 * good token gets {@code 401} with {@code WWW-Authenticate: Bearer}; no token ever appears in
 * logs, errors or {@link #toString()}.
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

    /**
     * @param issuer the authorization server's issuer URI; its metadata
     *     ({@code /.well-known/oauth-authorization-server}, else
     *     {@code /.well-known/openid-configuration}) names its JWKS
     * @return OAuth 2.1 resource-server authentication: a request needs a signed JWT access token
     *     from {@code issuer}, unexpired, whose audience is this server's resource URI (by default
     *     its {@link McpToolServer.Running#url()}); the server also serves its protected resource
     *     metadata at {@code /.well-known/oauth-protected-resource}
     */
    static OAuth oauth(URI issuer) {
        return new OAuth(issuer, null, List.of());
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

    /**
     * OAuth 2.1 resource-server authentication; see {@link McpHttpAuth#oauth(URI)}.
     *
     * @param issuer the authorization server's issuer URI
     * @param resource this server's resource URI, the audience tokens must name; null for the
     *     URL it serves at
     * @param requiredScopes scopes a token must carry (in its {@code scope} claim), else {@code 403}
     */
    record OAuth(URI issuer, @Nullable URI resource, List<String> requiredScopes) implements McpHttpAuth {
        /** Validates and copies. */
        public OAuth {
            Objects.requireNonNull(issuer, "issuer");
            if (!issuer.isAbsolute() || !(issuer.getScheme().equals("https") || issuer.getScheme().equals("http"))) {
                throw new IllegalArgumentException("the OAuth issuer must be an absolute http(s) URI, was " + issuer);
            }
            requiredScopes = List.copyOf(requiredScopes);
        }

        /** @return this, with tokens required to name {@code resource} as their audience */
        public OAuth withResource(URI resource) {
            return new OAuth(issuer, Objects.requireNonNull(resource, "resource"), requiredScopes);
        }

        /** @return this, with tokens required to carry every one of {@code scopes} */
        public OAuth withRequiredScopes(String... scopes) {
            return new OAuth(issuer, resource, List.of(scopes));
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
