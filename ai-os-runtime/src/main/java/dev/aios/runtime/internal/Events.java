package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import dev.aios.api.Secrets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the agent's listeners and to SLF4J, each message {@link Secrets#scrub scrubbed}
 * of secrets first; a failing listener is logged, not thrown.
 */
final class Events {
    private static final Logger log = LoggerFactory.getLogger("dev.aios.runtime.events");

    private final List<AgentListener> listeners;
    /** Listeners that failed once: their stack trace is logged the first time only. */
    private final java.util.Set<AgentListener> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Events(List<AgentListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void emit(AgentEvent raw) {
        // Messages carry provider errors and plan text; no listener or log line may see a key in them.
        String message = Secrets.scrub(raw.message());
        AgentEvent event = message.equals(raw.message()) ? raw
                : new AgentEvent(raw.runId(), raw.type(), raw.at(), raw.stepId(), message);
        if (log.isDebugEnabled()) {
            log.debug("[{}] {}{} {}", event.runId(), event.type(),
                    event.stepId() == null ? "" : " " + event.stepId(), event.message());
        }
        for (AgentListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                if (failed.add(listener)) {
                    log.warn("listener {} failed on {}; ignored (further failures are logged at debug)",
                            listener, event.type(), Secrets.scrub(e));
                } else {
                    log.debug("listener {} failed on {}: {}", listener, event.type(), Secrets.scrub(e.toString()));
                }
            }
        }
    }
}
