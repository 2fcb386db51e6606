package dev.aios.service.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events of recent runs, kept for the console's timelines, and the live feed it follows.
 * Bounded on both counts (runs kept, events per run), so a service that runs for months keeps a
 * fixed amount of memory: the journal, not this log, is the record.
 */
public final class EventLog implements AgentListener {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final int maxRuns;
    private final int maxEventsPerRun;
    private final Map<String, Deque<AgentEvent>> byRun;
    private final List<Consumer<AgentEvent>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * @param maxRuns how many runs' events to keep (the oldest run is dropped first)
     * @param maxEventsPerRun how many events to keep per run (the oldest are dropped first)
     */
    public EventLog(int maxRuns, int maxEventsPerRun) {
        if (maxRuns < 1 || maxEventsPerRun < 1) {
            throw new IllegalArgumentException("maxRuns and maxEventsPerRun must be at least 1");
        }
        this.maxRuns = maxRuns;
        this.maxEventsPerRun = maxEventsPerRun;
        this.byRun = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<AgentEvent>> eldest) {
                return size() > EventLog.this.maxRuns;
            }
        };
    }

    @Override
    public void onEvent(AgentEvent event) {
        synchronized (byRun) {
            Deque<AgentEvent> events = byRun.computeIfAbsent(event.runId(), id -> new ArrayDeque<>());
            if (events.size() == maxEventsPerRun) {
                events.removeFirst();
            }
            events.addLast(event);
        }
        for (Consumer<AgentEvent> subscriber : subscribers) {
            try {
                subscriber.accept(event);
            } catch (RuntimeException e) { // a console client's failure must not reach the run
                LOG.warn("event subscriber failed: {}", e.toString());
            }
        }
    }

    /** @return the kept events of the run, oldest first (empty when none are kept) */
    public List<AgentEvent> events(String runId) {
        synchronized (byRun) {
            Deque<AgentEvent> events = byRun.get(runId);
            return events == null ? List.of() : new ArrayList<>(events);
        }
    }

    /** Calls {@code subscriber} with every later event until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<AgentEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** @return how many runs have events kept */
    public int runsKept() {
        synchronized (byRun) {
            return byRun.size();
        }
    }
}
