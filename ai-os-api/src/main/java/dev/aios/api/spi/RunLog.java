package dev.aios.api.spi;

import java.util.List;

/**
 * One run's log in a {@link RunJournal}, owned by the process that created or claimed it: only
 * the owner appends, and ownership ends with {@link #close()} or the owner's death.
 * Thread-safe: the steps of a run append from their own threads.
 */
public interface RunLog extends AutoCloseable {

    /** @return the id of the run this log records */
    String runId();

    /**
     * @return the entries the log held when it was created or claimed, oldest first: what a
     *     resumed run replays (a torn or corrupt tail is not among them)
     */
    List<JournalEntry> entries();

    /**
     * Appends {@code entry} and returns once it is durable: written and flushed to storage that
     * survives the process (and, for a journal that promises it, the machine) crashing. Entries
     * appended concurrently share flushes (group commit), and every entry appended before this
     * one, by {@link #appendLater} included, is durable too.
     *
     * @throws JournalException if the entry could not be made durable (the disk is full, the
     *     database is gone, the log is no longer owned); the entry must then count as not
     *     written, and no later append may succeed
     */
    void append(JournalEntry entry);

    /**
     * Appends {@code entry} without waiting for it to be durable: it becomes durable, in order,
     * with the next {@link #append} or {@link #close}. For facts a crash may lose without harm
     * (their effect is re-derived on resume), such as the outcome of a read-only call.
     *
     * @throws JournalException if the log already failed or is closed
     */
    void appendLater(JournalEntry entry);

    /**
     * Makes every entry appended so far durable and gives up ownership; another process may claim
     * the run at once. Idempotent.
     *
     * @throws JournalException if buffered entries could not be made durable
     */
    @Override
    void close();
}
