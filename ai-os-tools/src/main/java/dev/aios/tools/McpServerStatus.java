package dev.aios.tools;

import org.jspecify.annotations.Nullable;

/**
 * How one MCP server is doing, for health pages and logs.
 *
 * @param name the server's name
 * @param transport how the registry talks to it
 * @param state whether it is connected now
 * @param starts how many sessions were started, restarts included
 * @param pid the process id of a running stdio server, or -1
 * @param lastFailure why the last session ended or failed to start, or null
 */
public record McpServerStatus(String name, McpServerConfig.Transport transport, State state, int starts, long pid,
        @Nullable String lastFailure) {

    /** Whether a server is connected now. */
    public enum State {
        /** Not used yet: servers start on first use. */
        NOT_STARTED,
        /** A session is open. */
        CONNECTED,
        /** It failed; the next use starts it again, after a backoff. */
        DOWN,
        /** Its registry was closed. */
        CLOSED
    }
}
