package dev.aios.tools;

import dev.aios.api.AiOsException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the registry gets OAuth 2.1 access tokens for one Streamable HTTP MCP server, as the MCP
 * authorization spec says: on a {@code 401} it reads the server's protected-resource metadata
 * (RFC 9728, from {@code WWW-Authenticate: Bearer resource_metadata=...} or the well-known URL),
 * then its authorization server's metadata (RFC 8414, or OpenID discovery), registers itself
 * (RFC 7591) when no client id is given, and gets a token for that server (RFC 8707
 * {@code resource}): by {@linkplain #clientCredentials client credentials} (machine to
 * machine) or by {@linkplain #authorizationCode authorization code with PKCE S256} (a person
 * signs in through the host's {@link Browser}). A token that expires is refreshed with its
 * refresh token; a {@code 403 insufficient_scope} asks for the scopes the server named
 * (step-up). Tokens live in memory and, if given, in the host's {@link McpTokenStore}; they
 * never appear in logs, errors or {@code toString}.
 * {@snippet :
 * McpToolRegistry tools = McpToolRegistry.builder()
 *         .server(McpServerConfig.http("crm", "https://crm.example.com/mcp"))
 *         .oauth("crm", McpOAuth.clientCredentials("agent-7", secret).withScopes("mcp:tools"))
 *         .build();
 * }
 *
 * @param grant how tokens are got
 * @param clientId the client id registered at the authorization server, or null to register
 *     dynamically
 * @param clientSecret its secret, or null for a public client
 * @param scopes the scopes asked for at first (copied); empty asks for those the server's
 *     metadata lists, if any
 * @param redirectUri where the authorization server sends the person back (authorization code
 *     only), such as {@code http://127.0.0.1:8765/callback}
 * @param browser signs a person in (authorization code only)
 * @param tokenStore keeps tokens across restarts, or null for memory only
 * @param clientName the name this client registers under (dynamic registration)
 */
public record McpOAuth(Grant grant, @Nullable String clientId, @Nullable String clientSecret, Set<String> scopes,
        @Nullable URI redirectUri, @Nullable Browser browser, @Nullable McpTokenStore tokenStore, String clientName) {

    /** How tokens are got. */
    public enum Grant {
        /** The client's own credentials (machine to machine); no person involved. */
        CLIENT_CREDENTIALS,
        /** A person signs in at the authorization server; PKCE S256 protects the code. */
        AUTHORIZATION_CODE
    }

    /**
     * Signs a person in: the host opens {@code authorizationUrl} in a browser, lets them sign in
     * and consent, and hands back the URL the authorization server redirected to (with its
     * {@code code} and {@code state}), such as through a small local HTTP listener at the
     * redirect URI. Blocks until then; throw to give up. The first sign-in happens while the
     * server is being connected, so it must finish within the registry's
     * {@link McpToolRegistry.Builder#startTimeout startTimeout} (default 30 s): raise that when a
     * person signs in.
     */
    @FunctionalInterface
    public interface Browser {
        /**
         * @param authorizationUrl the page to open
         * @return the redirect the browser arrived at, query included
         */
        URI signIn(URI authorizationUrl) throws Exception;
    }

    /** Validates and copies. */
    public McpOAuth {
        Objects.requireNonNull(grant, "grant");
        scopes = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
        Objects.requireNonNull(clientName, "clientName");
        if (grant == Grant.CLIENT_CREDENTIALS && (clientId == null || clientSecret == null)) {
            throw AiOsException.permanent("OAuth client credentials need a client id and a client secret");
        }
        if (grant == Grant.AUTHORIZATION_CODE) {
            if (browser == null) {
                throw AiOsException.permanent("the OAuth authorization code grant needs a Browser that signs a person in");
            }
            if (redirectUri == null) {
                throw AiOsException.permanent("the OAuth authorization code grant needs a redirect URI, such as "
                        + "http://127.0.0.1:8765/callback");
            }
        }
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.contains(" ")) {
                throw AiOsException.permanent("OAuth scope '" + scope + "' is blank or holds a space; give one scope each");
            }
        }
    }

    /** @return machine-to-machine tokens for a client registered at the authorization server */
    public static McpOAuth clientCredentials(String clientId, String clientSecret) {
        return new McpOAuth(Grant.CLIENT_CREDENTIALS, Objects.requireNonNull(clientId, "clientId"),
                Objects.requireNonNull(clientSecret, "clientSecret"), Set.of(), null, null, null, "ai-os");
    }

    /**
     * @return tokens a person grants by signing in through {@code browser}, returning to
     *     {@code redirectUri}; the client registers itself (RFC 7591) unless {@link #withClient} names one
     */
    public static McpOAuth authorizationCode(URI redirectUri, Browser browser) {
        return new McpOAuth(Grant.AUTHORIZATION_CODE, null, null, Set.of(), Objects.requireNonNull(redirectUri,
                "redirectUri"), Objects.requireNonNull(browser, "browser"), null, "ai-os");
    }

    /** @return a copy that asks for these scopes at first */
    public McpOAuth withScopes(String... more) {
        Set<String> all = new LinkedHashSet<>(scopes);
        all.addAll(Set.of(more));
        return new McpOAuth(grant, clientId, clientSecret, all, redirectUri, browser, tokenStore, clientName);
    }

    /** @return a copy that uses a client registered beforehand ({@code secret} null for a public client) */
    public McpOAuth withClient(String id, @Nullable String secret) {
        return new McpOAuth(grant, Objects.requireNonNull(id, "client id"), secret, scopes, redirectUri, browser,
                tokenStore, clientName);
    }

    /** @return a copy that keeps tokens in {@code store} too */
    public McpOAuth withTokenStore(McpTokenStore store) {
        return new McpOAuth(grant, clientId, clientSecret, scopes, redirectUri, browser,
                Objects.requireNonNull(store, "store"), clientName);
    }

    /** @return a copy that registers under {@code name} */
    public McpOAuth withClientName(String name) {
        return new McpOAuth(grant, clientId, clientSecret, scopes, redirectUri, browser, tokenStore,
                Objects.requireNonNull(name, "name"));
    }

    /** @return the client id, if one was given */
    public Optional<String> configuredClientId() {
        return Optional.ofNullable(clientId);
    }

    /** Leaves the secret out. */
    @Override
    public String toString() {
        return "McpOAuth[" + grant + (clientId == null ? ", dynamic registration" : ", client " + clientId)
                + (clientSecret == null ? "" : ", secret hidden") + ", scopes=" + scopes
                + (redirectUri == null ? "" : ", redirect " + redirectUri) + (tokenStore == null ? "" : ", token store")
                + "]";
    }
}
