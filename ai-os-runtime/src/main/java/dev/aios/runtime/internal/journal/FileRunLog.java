package dev.aios.runtime.internal.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's log in a {@link JournalFolder}, owned while open.
 *
 * <p>Group commit, leader/follower: an append writes its record at the end of the file (writes
 * are serialized, so records keep the order of their appends) and then waits until a flush
 * covers its end. If no flush is running it leads one: it notes how far the file is written,
 * forces it, and wakes every appender whose record lies within. Appenders that arrive during a
 * flush wait for it and then share the next one, so N concurrent appends cost about two forces.
 * Before forcing, a leader yields a bounded number of times, so that appenders that are runnable
 * (woken with it, or in the middle of their write) write first and one force covers them too; a
 * yield returns at once when no other thread is runnable, so a lone append pays microseconds.
 *
 * <p>Failure: an IOException while writing or forcing fails the log. Every record past the last
 * successful force is cut off again (so no half-written record stays, and no entry whose append
 * threw is left to be replayed), every waiting and later append throws, and the run stays
 * claimable once this log is closed.
 */
final class FileRunLog implements RunLog {
    private static final Logger LOG = LoggerFactory.getLogger(FileRunLog.class);
    private static final int GATHER_YIELDS = 32;

    private final JournalFolder folder;
    private final String runId;
    private final Path path;
    private final RunLocks.Held lock;
    private final List<JournalEntry> entries;
    private final boolean fsync;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object flushMonitor = new Object();
    private final AtomicInteger writing = new AtomicInteger();
    private final RunFile file;
    private volatile long writtenEnd; // written under writeLock
    private long durableEnd; // guarded by flushMonitor
    private boolean flushing; // guarded by flushMonitor
    private volatile @Nullable JournalException failure; // set under flushMonitor
    private volatile boolean closed; // set under writeLock

    FileRunLog(JournalFolder folder, String runId, Path path, RunLocks.Held lock, RunFile file, long end,
            List<JournalEntry> entries, boolean fsync) {
        this.folder = folder;
        this.runId = runId;
        this.path = path;
        this.lock = lock;
        this.file = file;
        this.writtenEnd = end;
        this.durableEnd = end;
        this.entries = List.copyOf(entries);
        this.fsync = fsync;
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
        long end = write(entry);
        if (fsync) {
            awaitDurable(end);
        }
    }

    @Override
    public void appendLater(JournalEntry entry) {
        write(entry);
    }

    private long write(JournalEntry entry) {
        ByteBuffer record = RecordFormat.record(Objects.requireNonNull(entry, "entry must not be null"));
        writing.incrementAndGet();
        writeLock.lock();
        try {
            usable();
            long start = writtenEnd;
            long end = start + record.remaining();
            try {
                file.write(record, start);
            } catch (IOException e) {
                throw fail(e, "write to");
            }
            writtenEnd = end;
            if (!fsync) {
                synchronized (flushMonitor) {
                    durableEnd = end; // as durable as this journal makes anything: in the OS's hands
                }
            }
            return end;
        } finally {
            writeLock.unlock();
            writing.decrementAndGet();
        }
    }

    /** Returns once a force covers {@code end}; leads the force when none is running. */
    private void awaitDurable(long end) {
        boolean interrupted = false;
        try {
            synchronized (flushMonitor) {
                while (true) {
                    if (durableEnd >= end) {
                        return;
                    }
                    JournalException failed = failure;
                    if (failed != null) {
                        throw copy(failed);
                    }
                    if (!flushing) {
                        flushing = true;
                        break;
                    }
                    try {
                        flushMonitor.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the flush finishes soon; the interrupt is kept for the caller
                    }
                }
            }
            // Let appenders that are runnable (woken with us, or in the middle of their write) write
            // first, so this force covers them: a yield costs nothing when no other thread is runnable.
            for (int i = 0; i < GATHER_YIELDS || (writing.get() > 0 && i < 16 * GATHER_YIELDS); i++) {
                Thread.yield();
            }
            long target = writtenEnd;
            IOException error = null;
            try {
                file.force();
            } catch (IOException e) {
                error = e;
            }
            if (error == null) {
                folder.flushed();
            }
            synchronized (flushMonitor) {
                flushing = false;
                if (error == null && failure == null) {
                    durableEnd = Math.max(durableEnd, target);
                }
                flushMonitor.notifyAll();
            }
            if (error != null) {
                writeLock.lock();
                try {
                    throw fail(error, "flush");
                } finally {
                    writeLock.unlock();
                }
            }
            synchronized (flushMonitor) {
                if (durableEnd < end) {
                    JournalException failed = failure;
                    throw failed != null ? copy(failed)
                            : new IllegalStateException("a flush of " + path + " did not cover its own record");
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fails the log (holding the write lock): cuts off what is not durable and records why. */
    private JournalException fail(IOException cause, String doing) {
        long keep;
        JournalException failed;
        synchronized (flushMonitor) {
            if (failure == null) {
                String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
                failure = new JournalException("run '" + runId + "': could not " + doing + " its journal file " + path
                        + " (" + why + "); the entry is not written and this log takes no more entries: fix the"
                        + " storage, close the log and claim the run again to resume it", false, cause);
            }
            failed = failure;
            keep = durableEnd;
            flushMonitor.notifyAll();
        }
        try {
            cut(keep);
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.warn("run '{}': could not cut {} back to its last durable record at offset {} ({}); a claim will"
                    + " drop the incomplete tail", runId, path, keep, e.toString());
        }
        writtenEnd = keep;
        LOG.warn("run '{}': its journal log failed: {}", runId, failed.getMessage());
        return copy(failed);
    }

    private void cut(long keep) throws IOException {
        try {
            file.truncate(keep);
            file.force();
        } catch (ClosedChannelException e) {
            // interrupted in a call, which closed the channel: cut through a new one
            RunFile again = folder.opener().open(path, true);
            try {
                again.truncate(keep);
                again.force();
            } finally {
                again.close();
            }
        }
    }

    private void usable() {
        if (closed) {
            throw new JournalException("run '" + runId + "': its log in " + path
                    + " is closed; claim the run again to append to it", false, null);
        }
        JournalException failed = failure;
        if (failed != null) {
            throw copy(failed);
        }
    }

    private static JournalException copy(JournalException failed) {
        return new JournalException(failed.getMessage(), false, failed.getCause());
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            writeLock.unlock();
        }
        try {
            if (fsync && failure == null) {
                awaitDurable(writtenEnd);
            }
        } finally {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("run '{}': closing {} failed: {}", runId, path, e.toString());
            }
            lock.release();
            folder.forget(this);
        }
    }
}
