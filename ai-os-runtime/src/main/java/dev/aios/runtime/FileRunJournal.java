package dev.aios.runtime;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.runtime.internal.journal.JournalFolder;
import dev.aios.runtime.internal.journal.RunFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded {@link RunJournal}: runs survive a crash of their process (kill -9 included)
 * without a database server. Several processes on one machine may share the folder; the file
 * locks make sure only one of them owns a run at a time. Thread-safe.
 * {@snippet :
 * try (FileRunJournal journal = FileRunJournal.open(Path.of("var/runs"))) {
 *     // hand it to the agent builder; the runtime creates, appends and claims
 * }
 * }
 *
 * <h2>On disk</h2>
 * A folder with, per run, {@code <id>.run} (its log) and {@code <id>.lock} (its owner's lock).
 * The file name is the run id with every byte of its UTF-8 outside {@code [A-Za-z0-9._-]}
 * percent-encoded (so {@code a/b} is {@code a%2Fb.run} and no id names a path outside the
 * folder); a name that would be longer than 180 characters keeps a prefix and ends with the
 * SHA-256 of the id. All integers are big-endian:
 * <pre>
 * header:  "AIOSJRNL" | version u16 (1) | reserved u16 | created (epoch seconds i64, nanos i32)
 *          | run id length i32 | run id (UTF-8) | CRC32C of the header before it
 * record:  length i32 (13 + body bytes) | CRC32C (of the length and everything after the CRC)
 *          | kind code u8 | at (epoch seconds i64, nanos i32) | body (UTF-8, at most 16 MiB)
 * </pre>
 * A new run's file is written under a temporary name, forced and renamed into place, so a file
 * either has its header and first entry or does not exist. {@link #runIds()} sorts by the
 * header's creation time. Reading stops at the first record that is incomplete, has an
 * impossible length or fails its checksum: that is a torn tail (the process or machine died in
 * the middle of a write) or corruption, and {@link #claim} cuts it off before appending again,
 * with a WARN log naming the run, the offset and the bytes dropped.
 *
 * <h2>Ownership</h2>
 * A run's owner holds an exclusive {@link java.nio.channels.FileChannel#tryLock() file lock} on
 * its {@code .lock} file while the log is open; {@link RunLog#close()} releases it, and so does
 * the operating system when the owner dies. Within one JVM, a second claim of an open run is
 * refused without touching the lock file (closing any channel on a locked file would drop the
 * lock). {@link #delete} deletes only runs whose lock it can take.
 *
 * <h2>Durability and group commit</h2>
 * {@link RunLog#append} writes its record and returns once a {@code force} (fdatasync) covers
 * it; appends that arrive while a force runs share the next one (leader/follower), so twenty
 * concurrent appends cost two or three forces ({@link #flushCount()}). {@link RunLog#appendLater}
 * writes without forcing. An I/O error (a full disk) fails that run's log: the append throws a
 * {@link JournalException} naming the run, the file and the cause, everything after the last
 * force is cut off again, and every later append throws; other runs and the host carry on.
 * With {@link Builder#fsync(boolean) fsync(false)} appends return once written: they survive
 * the process dying, not the machine.
 *
 * <h2>Why files and not SQLite</h2>
 * No native library to ship for every platform; group commit and torn-tail recovery are ours to
 * control and test; and an append is one write plus a shared fdatasync, a fraction of a
 * millisecond on a local SSD (about 0.2 ms measured for issue 13; 0.5 ms p50 on a loaded 2-CPU
 * VM, see {@code dev.aios.bench.journal.JournalAppendTable}). A run's log is only ever
 * appended and read whole, which needs no query engine.
 */
public final class FileRunJournal implements RunJournal {
    private final JournalFolder folder;

    private FileRunJournal(JournalFolder folder) {
        this.folder = folder;
    }

    /**
     * Opens (creating it if needed) the journal in {@code directory}, with appends forced to disk.
     *
     * @throws JournalException if the folder cannot be created or opened
     */
    public static FileRunJournal open(Path directory) {
        return builder(directory).open();
    }

    /** @return a builder for a journal in {@code directory}, to set options before opening it */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** Options of a {@link FileRunJournal}. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private boolean fsync = true;
        private RunFile.Opener opener = RunFile.CHANNELS;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory must not be null");
        }

        /**
         * Whether {@link RunLog#append} forces its record to storage before returning (default
         * true). Off, entries survive the process dying but not the machine (or the power) failing.
         *
         * @return this builder
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /** For tests: how the journal opens its files (to put a failing disk behind it). */
        Builder opener(RunFile.Opener opener) {
            this.opener = Objects.requireNonNull(opener, "opener must not be null");
            return this;
        }

        /**
         * @return the journal, open
         * @throws JournalException if the folder cannot be created or opened
         */
        public FileRunJournal open() {
            return new FileRunJournal(JournalFolder.open(directory, fsync, opener));
        }
    }

    /** @return the folder that holds the journal */
    public Path directory() {
        return folder.directory();
    }

    /**
     * For monitoring and benchmarks: how many times this journal forced a file to storage for
     * appends (group commit shares one force among concurrent appends), since it was opened.
     *
     * @return the number of forces so far
     */
    public long flushCount() {
        return folder.flushCount();
    }

    /** {@inheritDoc} Bodies over 16 MiB in UTF-8 are an {@link IllegalArgumentException}. */
    @Override
    public RunLog create(String runId, JournalEntry first) {
        return folder.create(runId, first);
    }

    /** {@inheritDoc} A torn or corrupt tail is cut off (and logged) before the log is returned. */
    @Override
    public Optional<RunLog> claim(String runId) {
        return folder.claim(runId);
    }

    /** {@inheritDoc} Files whose header cannot be read are skipped, with a WARN log. */
    @Override
    public List<String> runIds() {
        return folder.runIds();
    }

    @Override
    public List<JournalEntry> read(String runId) {
        return folder.read(runId);
    }

    @Override
    public boolean delete(String runId) {
        return folder.delete(runId);
    }

    /** Closes every log this journal owns (forcing their entries), then the journal; idempotent. */
    @Override
    public void close() {
        folder.close();
    }

    @Override
    public String toString() {
        return "FileRunJournal[" + folder.directory() + "]";
    }
}
