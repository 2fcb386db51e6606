package dev.aios.api.spi;

import java.util.List;
import java.util.Optional;

/**
 * SPI: where runs are recorded so that they survive a crash of the process that ran them. An
 * append-only log per run of what happened (see {@link JournalEntry.Kind}); the runtime writes
 * it as the run goes and replays it to resume the run in a new process, reusing completed steps
 * instead of repeating their side effects.
 *
 * <p>Each run's log has one owner at a time. A process owns the runs it {@linkplain #create
 * creates} or {@linkplain #claim claims}, until it closes their log or dies; a journal shared by
 * several processes makes sure two of them never own one run at once (a file lock, a database
 * lease that expires when its holder stops renewing it).
 *
 * <p>Implementations: the runtime's embedded {@code FileRunJournal} (a folder of checksummed
 * append-only files, no server) and {@code PostgresRunJournal} (module ai-os-journal-postgres:
 * several processes on several machines share it). {@code dev.aios.testing.RunJournalContract}
 * is the contract test kit every implementation must pass. Thread-safe.
 */
public interface RunJournal extends AutoCloseable {

    /**
     * Creates the log of a new run, owned by the caller, with {@code first} (a
     * {@link JournalEntry.Kind#RUN_STARTED} entry) durable in it.
     *
     * @throws IllegalArgumentException if {@code first} is not a RUN_STARTED entry, or the id is blank
     * @throws JournalException if a run with that id exists, or the log could not be written
     */
    RunLog create(String runId, JournalEntry first);

    /**
     * Takes ownership of an existing run's log, to resume it.
     *
     * @return the log, with every good entry it holds; empty if another live process owns it
     * @throws JournalException if no run has that id, or its log cannot be read
     */
    Optional<RunLog> claim(String runId);

    /** @return the id of every run in the journal, oldest first */
    List<String> runIds();

    /**
     * Reads a run's log without owning it (to list runs and their state).
     *
     * @return its good entries, oldest first; empty if no run has that id
     * @throws JournalException if the log cannot be read
     */
    List<JournalEntry> read(String runId);

    /**
     * Deletes a run's log: for retention of finished runs. A run owned by a live process is not
     * deleted.
     *
     * @return whether the run was deleted
     * @throws JournalException if storage failed
     */
    boolean delete(String runId);

    /** Closes every log this process owns (flushing them) and releases the journal's resources. */
    @Override
    void close();
}
