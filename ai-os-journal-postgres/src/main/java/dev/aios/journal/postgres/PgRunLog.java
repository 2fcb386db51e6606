package dev.aios.journal.postgres;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's log in a {@link PostgresRunJournal}, owned through the run's lease. Appends queue; one
 * appender at a time (the flusher) commits the whole queue in one fenced transaction and wakes the
 * appenders it covered (group commit). A lock and a condition, not {@code synchronized}, so that
 * virtual threads waiting for a commit do not pin their carrier on Java 21.
 */
final class PgRunLog implements RunLog {
    private static final Logger log = LoggerFactory.getLogger(PgRunLog.class);

    private final PostgresRunJournal journal;
    private final String runId;
    private final List<JournalEntry> entries;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private List<JournalEntry> queue = new ArrayList<>();
    /** Entries queued by appendLater that a failed commit lost without anyone being told. */
    private long lostLater;
    private long laterQueued;
    /** Entries queued since the log was opened, and how many of them are committed. */
    private long queued;
    private long durable;
    private boolean flushing;
    private boolean closed;
    private @Nullable JournalException failure;

    PgRunLog(PostgresRunJournal journal, String runId, List<JournalEntry> entries) {
        this.journal = journal;
        this.runId = runId;
        this.entries = entries;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public List<JournalEntry> entries() {
        return entries;
    }

    @Override
    public void append(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry must not be null");
        lock.lock();
        try {
            check();
            queue.add(entry);
            long mine = ++queued;
            awaitDurable(mine, false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void appendLater(JournalEntry entry) {
        Objects.requireNonNull(entry, "entry must not be null");
        lock.lock();
        try {
            check();
            queue.add(entry);
            queued++;
            laterQueued++;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null) {
                awaitDurable(queued, true); // commits what is queued and gives the run up, in one transaction
            } else {
                queue = new ArrayList<>();
                release();
                if (lostLater > 0) {
                    throw new JournalException("run " + runId + "'s log failed before " + lostLater
                            + " entries appended with appendLater were committed: " + failure.getMessage(),
                            failure.isRetriable(), failure);
                }
            }
        } finally {
            journal.forget(this);
            lock.unlock();
        }
    }

    /** @return whether the log may still append (the heartbeat renews only these) */
    boolean live() {
        lock.lock();
        try {
            return !closed && failure == null;
        } finally {
            lock.unlock();
        }
    }

    /** The heartbeat found the run no longer ours: no later append may succeed. */
    void leaseLost(String how) {
        lock.lock();
        try {
            if (failure == null && !closed) {
                failure = fenced(how);
                log.warn("run {}: {}", runId, failure.getMessage());
                committed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private JournalException fenced(String how) {
        return new JournalException("run " + runId + " is owned by another process since its lease expired ("
                + how + "; this process, " + journal.owner + ", held a lease of " + journal.leaseMillis()
                + " ms in the PostgreSQL journal at " + journal.sql.where + "): nothing more was written; "
                + "this log is failed, and the run continues in the process that claimed it", false, null);
    }

    private void check() {
        if (failure != null) {
            throw new JournalException("run " + runId + "'s log failed earlier and accepts no more entries: "
                    + failure.getMessage(), failure.isRetriable(), failure);
        }
        if (closed) {
            throw new JournalException("run " + runId + "'s log is closed: claim the run again to append", false,
                    null);
        }
    }

    /**
     * Waits until the first {@code target} queued entries are committed, committing the queue itself
     * when no other appender is. Holds the lock on entry and exit; releases it while committing.
     *
     * @param release whether the commit that covers {@code target} must also give the run up (close)
     */
    private void awaitDurable(long target, boolean release) {
        while (true) {
            if (failure != null) {
                throw new JournalException("run " + runId + ": the entry could not be made durable: "
                        + failure.getMessage(), failure.isRetriable(), failure);
            }
            if (durable >= target && !release) {
                return;
            }
            if (flushing) {
                committed.awaitUninterruptibly();
                continue;
            }
            List<JournalEntry> batch = queue;
            queue = new ArrayList<>();
            long laterInBatch = laterQueued;
            laterQueued = 0;
            long firstSeqIndex = durable;
            flushing = true;
            boolean releasing = release && queued == durable + batch.size();
            JournalException failed = null;
            lock.unlock();
            try {
                commit(batch, releasing);
            } catch (JournalException e) {
                failed = e;
            } finally {
                lock.lock();
                flushing = false;
            }
            if (failed != null) {
                if (failure == null) {
                    failure = failed;
                }
                lostLater += laterInBatch + laterQueued;
                laterQueued = 0;
                queue = new ArrayList<>();
                committed.signalAll();
                if (release) {
                    release(); // best effort: give the run up even though its last entries failed
                }
                throw failed == failure ? failed
                        : new JournalException(failed.getMessage(), failed.isRetriable(), failed);
            }
            durable = firstSeqIndex + batch.size();
            committed.signalAll();
            if (releasing) {
                return;
            }
        }
    }

    /**
     * One group commit: fences (renews the lease if, and only if, the run is still ours, taking the
     * sequence numbers), inserts the batch, and, when closing, gives the run up; all in one transaction.
     */
    private void commit(List<JournalEntry> batch, boolean release) {
        if (batch.isEmpty() && !release) {
            return;
        }
        Sql sql = journal.sql;
        Connection c = null;
        String operation = release ? "close the log of run " + runId : "append to run " + runId;
        try {
            c = sql.borrow();
            long next;
            try (PreparedStatement fence = c.prepareStatement("UPDATE " + sql.runs
                    + " SET lease_until = now() + ? * interval '1 millisecond', next_seq = next_seq + ?"
                    + " WHERE run_id = ? AND owner = ? RETURNING next_seq")) {
                fence.setLong(1, journal.leaseMillis());
                fence.setLong(2, batch.size());
                fence.setString(3, runId);
                fence.setString(4, journal.owner);
                try (ResultSet rs = fence.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        sql.release(c);
                        c = null;
                        throw fenced("found when appending " + batch.size() + " entries");
                    }
                    next = rs.getLong(1);
                }
            }
            if (!batch.isEmpty()) {
                journal.insert(c, runId, next - batch.size(), batch);
            }
            if (release) {
                try (PreparedStatement free = c.prepareStatement("UPDATE " + sql.runs
                        + " SET owner = NULL, lease_until = NULL WHERE run_id = ? AND owner = ?")) {
                    free.setString(1, runId);
                    free.setString(2, journal.owner);
                    free.executeUpdate();
                }
            }
            c.commit();
            sql.release(c);
            if (!batch.isEmpty()) {
                journal.countFlush();
            }
        } catch (SQLException e) {
            sql.discard(c);
            SQLException cause = e.getNextException() != null && e.getMessage() != null
                    && e.getMessage().contains("Batch entry") ? e.getNextException() : e;
            throw sql.failure(operation + " (" + batch.size() + " entries, none written)", cause);
        }
    }

    /** Gives the run up without writing, best effort (the log failed; its lease may be gone already). */
    private void release() {
        Sql sql = journal.sql;
        Connection c = null;
        try {
            c = sql.borrow();
            try (PreparedStatement free = c.prepareStatement("UPDATE " + sql.runs
                    + " SET owner = NULL, lease_until = NULL WHERE run_id = ? AND owner = ?")) {
                free.setString(1, runId);
                free.setString(2, journal.owner);
                free.executeUpdate();
            }
            c.commit();
            sql.release(c);
        } catch (SQLException e) {
            sql.discard(c);
            log.debug("run {}: could not give the run up after its log failed: {}", runId, e.getMessage());
        }
    }
}
