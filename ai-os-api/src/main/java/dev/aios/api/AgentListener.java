package dev.aios.api;

/**
 * Receives every {@link AgentEvent} of every run, for logs, metrics and consoles. Called from the
 * run's threads, possibly concurrently, so implementations must be thread-safe and quick. An
 * exception thrown here is logged and otherwise ignored: a listener cannot break a run.
 */
@FunctionalInterface
public interface AgentListener {

    /** A listener that ignores everything; the default, so observability costs nothing. */
    AgentListener NOOP = event -> {};

    /** Called once per event. */
    void onEvent(AgentEvent event);
}
