package dev.aios.tools;

import java.util.Optional;

/**
 * Where the host keeps the OAuth tokens of MCP servers across restarts (an OS keychain, an
 * encrypted file); the registry keeps them in memory anyway. Keyed by the server's name.
 */
public interface McpTokenStore {

    /** @return the tokens last saved for {@code server}, if any */
    Optional<McpTokens> load(String server);

    /** Saves the tokens of {@code server}, replacing any before. */
    void save(String server, McpTokens tokens);

    /** Forgets the tokens of {@code server} (they were refused). */
    void remove(String server);
}
