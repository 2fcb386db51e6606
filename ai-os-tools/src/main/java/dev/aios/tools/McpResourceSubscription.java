package dev.aios.tools;

/**
 * A subscription to one resource of one MCP server, from
 * {@link McpToolRegistry#subscribe(String, String, java.util.function.Consumer)}: the listener
 * gets the resource, read again, each time the server says it changed. Close it to unsubscribe.
 */
public interface McpResourceSubscription extends AutoCloseable {

    /** @return the server's name */
    String server();

    /** @return the resource's URI */
    String uri();

    /**
     * Stops the listener; sends {@code resources/unsubscribe} when it was the last listener of
     * that resource. Closing twice does nothing.
     */
    @Override
    void close();
}
