package dev.aios.service.internal.console;

import static j2html.TagCreator.span;

import dev.aios.api.AgentEvent;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's events, live, to one browser over SSE: each event as an {@code li.event} for htmx's
 * SSE extension to append to {@code #timeline}, and the end of the run as new content for
 * {@code #run-status}. The backend's listener only queues (it must not block the agent); this
 * stream's own (virtual) thread writes. The queue is bounded: a slow client loses the oldest
 * events and is told how many. A heartbeat comment notices a client that went away, and the
 * backend listener is closed as soon as the client is gone.
 */
final class RunEventStream implements Consumer<SseClient> {
    private static final Logger log = LoggerFactory.getLogger(RunEventStream.class);

    private final ConsoleBackend backend;
    private final Duration heartbeat;
    private final int capacity;

    /** The streams open now: the console ends them before it stops, so none writes to a closed server. */
    private final java.util.Set<Queue> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Ends every open stream and waits up to {@code wait} for their handlers to return.
     *
     * @return whether all ended in time
     */
    boolean closeAll(Duration wait) throws InterruptedException {
        live.forEach(Queue::close);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return live.isEmpty();
    }

    RunEventStream(ConsoleBackend backend, Duration heartbeat, int capacity) {
        this.backend = backend;
        this.heartbeat = heartbeat;
        this.capacity = capacity;
    }

    @Override
    public void accept(SseClient client) {
        String runId = client.ctx().pathParam("id");
        Queue queue = new Queue(capacity);
        AutoCloseable subscription;
        try {
            subscription = backend.subscribe(e -> {
                if (runId.equals(e.runId())) {
                    queue.offer(e);
                }
            });
        } catch (RuntimeException e) {
            log.warn("could not follow the events of run {}: {}", runId, e.toString());
            client.close();
            return;
        }
        client.onClose(queue::close);
        live.add(queue);
        try {
            // this thread belongs to the stream until the client goes: virtual threads make that cheap
            client.sendComment("following run " + runId);
            while (!client.terminated() && !queue.isClosed()) {
                Batch batch = queue.take(heartbeat);
                if (batch.dropped() > 0) {
                    client.sendEvent(RunsPage.EVENT, oneLine(RunsPage.dropped(batch.dropped(), Instant.now()).render()));
                }
                for (AgentEvent e : batch.events()) {
                    client.sendEvent(RunsPage.EVENT, oneLine(RunsPage.event(e).render()));
                    String state = RunsPage.stateAfter(e);
                    if (state != null) {
                        client.sendEvent(RunsPage.STATE, oneLine(span(state).render()));
                    }
                    if (e.type() == AgentEvent.Type.RUN_FINISHED) {
                        client.sendEvent(RunsPage.STATUS, oneLine(RunsPage.finished(e).render()));
                    }
                }
                if (batch.events().isEmpty() && batch.dropped() == 0) {
                    client.sendComment("keep-alive");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the connection went away under a write (the client left, or the console is stopping)
            log.debug("stopped following run {}: {}", runId, e.toString());
        } finally {
            live.remove(queue);
            queue.close();
            try {
                subscription.close();
            } catch (Exception e) {
                log.warn("could not stop following run {}: {}", runId, e.toString());
            }
        }
    }

    /** SSE data is line-based: a newline inside a message becomes its character reference. */
    private static String oneLine(String html) {
        return html.replace("\r\n", "&#10;").replace("\r", "&#10;").replace("\n", "&#10;");
    }

    /** What the writer takes in one go: the events queued, and how many were dropped before them. */
    record Batch(List<AgentEvent> events, int dropped) {}

    /** A bounded queue that drops its oldest event when full, and counts what it dropped. */
    static final class Queue {
        private final int capacity;
        private final ArrayDeque<AgentEvent> events = new ArrayDeque<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition ready = lock.newCondition();
        private int dropped;
        private boolean closed;

        Queue(int capacity) {
            this.capacity = capacity;
        }

        /** Never blocks beyond the lock: called on the agent's threads. */
        void offer(AgentEvent e) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                if (events.size() >= capacity) {
                    events.pollFirst();
                    dropped++;
                }
                events.addLast(e);
                ready.signal();
            } finally {
                lock.unlock();
            }
        }

        /** @return what is queued, waiting up to {@code timeout} for something; empty at the timeout */
        Batch take(Duration timeout) throws InterruptedException {
            lock.lock();
            try {
                long nanos = timeout.toNanos();
                while (events.isEmpty() && dropped == 0 && !closed && nanos > 0) {
                    nanos = ready.awaitNanos(nanos);
                }
                Batch batch = new Batch(new ArrayList<>(events), dropped);
                events.clear();
                dropped = 0;
                return batch;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                ready.signalAll();
            } finally {
                lock.unlock();
            }
        }

        boolean isClosed() {
            lock.lock();
            try {
                return closed;
            } finally {
                lock.unlock();
            }
        }
    }
}
