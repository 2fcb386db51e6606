package dev.aios.runtime;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps every event, for assertions on what the loop reported. */
final class RecordingListener implements AgentListener {
    final List<AgentEvent> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onEvent(AgentEvent event) {
        events.add(event);
    }

    List<AgentEvent.Type> types() {
        synchronized (events) {
            return events.stream().map(AgentEvent::type).toList();
        }
    }

    List<AgentEvent> ofType(AgentEvent.Type type) {
        synchronized (events) {
            return events.stream().filter(e -> e.type() == type).toList();
        }
    }
}
