package dev.aios.testing;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RunJournal} in memory, for tests: durable for as long as the object lives, which is
 * enough to test resume within one JVM. {@link #crash()} plays a process dying: every owner loses
 * its log at once, and entries appended with {@link RunLog#appendLater} and not yet flushed are
 * lost. Thread-safe.
 */
public final class InMemoryRunJournal implements RunJournal {

    private static final class Run {
        final List<JournalEntry> durable = new ArrayList<>();
        final List<JournalEntry> pending = new ArrayList<>();
        long owner; // 0: nobody
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Set<RunLog> open = new LinkedHashSet<>();
    private final AtomicLong owners = new AtomicLong();
    private long flushes;

    /** Creates an empty journal. */
    public InMemoryRunJournal() {}

    /** Plays a crash of the owning process: ownership is dropped, unflushed entries are lost. */
    public synchronized void crash() {
        for (Run r : runs.values()) {
            r.owner = 0;
            r.pending.clear();
        }
        open.clear();
        owners.incrementAndGet(); // logs handed out before the crash are dead
    }

    /** @return how many times an append waited for durability (a flush) */
    public synchronized long flushes() {
        return flushes;
    }

    @Override
    public synchronized RunLog create(String runId, JournalEntry first) {
        Objects.requireNonNull(first, "first must not be null");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
        if (first.kind() != JournalEntry.Kind.RUN_STARTED) {
            throw new IllegalArgumentException("a run's first entry must be RUN_STARTED, was " + first.kind());
        }
        if (runs.containsKey(runId)) {
            throw new JournalException("run " + runId + " already exists in the journal", false, null);
        }
        Run run = new Run();
        run.durable.add(first);
        runs.put(runId, run);
        return own(runId, run);
    }

    @Override
    public synchronized Optional<RunLog> claim(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            throw new JournalException("no run " + runId + " in the journal", false, null);
        }
        if (run.owner != 0) {
            return Optional.empty();
        }
        return Optional.of(own(runId, run));
    }

    private RunLog own(String runId, Run run) {
        long me = owners.incrementAndGet();
        run.owner = me;
        List<JournalEntry> snapshot = List.copyOf(run.durable);
        RunLog log = new RunLog() {
            private boolean closed;

            @Override
            public String runId() {
                return runId;
            }

            @Override
            public List<JournalEntry> entries() {
                return snapshot;
            }

            @Override
            public void append(JournalEntry entry) {
                synchronized (InMemoryRunJournal.this) {
                    check();
                    run.pending.add(Objects.requireNonNull(entry, "entry must not be null"));
                    run.durable.addAll(run.pending);
                    run.pending.clear();
                    flushes++;
                }
            }

            @Override
            public void appendLater(JournalEntry entry) {
                synchronized (InMemoryRunJournal.this) {
                    check();
                    run.pending.add(Objects.requireNonNull(entry, "entry must not be null"));
                }
            }

            @Override
            public void close() {
                synchronized (InMemoryRunJournal.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    open.remove(this);
                    if (run.owner == me) {
                        run.durable.addAll(run.pending);
                        run.pending.clear();
                        run.owner = 0;
                    }
                }
            }

            private void check() {
                if (closed || run.owner != me) {
                    throw new JournalException("run " + runId + "'s log is closed or owned by another process", false,
                            null);
                }
            }
        };
        open.add(log);
        return log;
    }

    @Override
    public synchronized List<String> runIds() {
        return List.copyOf(runs.keySet());
    }

    @Override
    public synchronized List<JournalEntry> read(String runId) {
        Run run = runs.get(runId);
        return run == null ? List.of() : List.copyOf(run.durable);
    }

    @Override
    public synchronized boolean delete(String runId) {
        Run run = runs.get(runId);
        if (run == null || run.owner != 0) {
            return false;
        }
        runs.remove(runId);
        return true;
    }

    /**
     * Closes every log this journal handed out and that is still open (their entries become
     * durable and their runs unowned, as {@link RunJournal#close()} promises). The journal itself
     * stays usable: it plays a process that closed its journal and opened it again.
     */
    @Override
    public synchronized void close() {
        for (RunLog log : List.copyOf(open)) {
            log.close();
        }
    }
}
