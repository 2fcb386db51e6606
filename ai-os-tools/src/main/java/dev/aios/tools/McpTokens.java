package dev.aios.tools;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth tokens the registry holds for one MCP server, as a {@link McpTokenStore} keeps them.
 * Secrets: {@link #toString()} shows neither token.
 *
 * @param accessToken the bearer token sent to the server
 * @param refreshToken the token that gets a new access token, or null
 * @param expiresAt when the access token expires, or null if the authorization server did not say
 * @param scopes the scopes it was granted for (copied)
 * @param clientId the client it was issued to (a dynamically registered one, too)
 * @param clientSecret that client's secret, or null (kept so a restarted host can refresh)
 */
public record McpTokens(String accessToken, @Nullable String refreshToken, @Nullable Instant expiresAt,
        Set<String> scopes, String clientId, @Nullable String clientSecret) {

    /** Validates and copies. */
    public McpTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
        Objects.requireNonNull(clientId, "clientId");
    }

    /** @return whether the access token expires within {@code marginSeconds} of {@code now} */
    public boolean expiresWithin(Instant now, long marginSeconds) {
        return expiresAt != null && !now.plusSeconds(marginSeconds).isBefore(expiresAt);
    }

    /** Shows no token. */
    @Override
    public String toString() {
        return "McpTokens[scopes=" + scopes + ", expiresAt=" + expiresAt + ", refreshable=" + (refreshToken != null)
                + ", client " + clientId + "]";
    }
}
