package dev.aios.runtime.internal.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage behind {@link dev.aios.runtime.FileRunJournal}: a folder with, per run, a data file
 * ({@code <stem>.run}, see {@link RecordFormat}) and a lock file ({@code <stem>.lock}, see
 * {@link RunLocks}); stems come from {@link RunFileNames}. Not API. Thread-safe.
 */
public final class JournalFolder {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFolder.class);
    /** Creation times handed out in this JVM, in nanoseconds since the epoch: strictly increasing. */
    private static final AtomicLong LAST_CREATED = new AtomicLong();

    private final Path directory;
    private final boolean fsync;
    private final RunFile.Opener opener;
    private final AtomicLong flushes = new AtomicLong();
    private final Set<FileRunLog> open = new LinkedHashSet<>();
    private volatile boolean closed;

    private JournalFolder(Path directory, boolean fsync, RunFile.Opener opener) {
        this.directory = directory;
        this.fsync = fsync;
        this.opener = opener;
    }

    /**
     * Opens (creating it if needed) the journal folder {@code directory}.
     *
     * @param fsync whether appends force their records to storage before they return
     * @param opener how files are opened ({@link RunFile#CHANNELS}; tests pass a failing one)
     * @throws JournalException if the folder cannot be created or is not a folder
     */
    public static JournalFolder open(Path directory, boolean fsync, RunFile.Opener opener) {
        Objects.requireNonNull(directory, "directory must not be null");
        try {
            Files.createDirectories(directory);
            return new JournalFolder(directory.toRealPath(), fsync, Objects.requireNonNull(opener, "opener"));
        } catch (IOException e) {
            throw new JournalException("cannot open the run journal folder " + directory.toAbsolutePath() + " ("
                    + e + "); check that it is a writable folder", false, e);
        }
    }

    /** @return the folder's path */
    public Path directory() {
        return directory;
    }

    /** @return how many forces appends and closes have done since this folder was opened */
    public long flushCount() {
        return flushes.get();
    }

    RunFile.Opener opener() {
        return opener;
    }

    void flushed() {
        flushes.incrementAndGet();
    }

    synchronized void forget(FileRunLog log) {
        open.remove(log);
    }

    private Path data(String runId) {
        return directory.resolve(RunFileNames.stem(runId) + RunFileNames.DATA);
    }

    private Path lockFile(String runId) {
        return directory.resolve(RunFileNames.stem(runId) + RunFileNames.LOCK);
    }

    private void usable() {
        if (closed) {
            throw new JournalException("the run journal in " + directory + " is closed", false, null);
        }
    }

    /** See {@link dev.aios.api.spi.RunJournal#create}. */
    public RunLog create(String runId, JournalEntry first) {
        Objects.requireNonNull(first, "first must not be null");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
        if (first.kind() != JournalEntry.Kind.RUN_STARTED) {
            throw new IllegalArgumentException("a run's first entry must be RUN_STARTED, was " + first.kind());
        }
        ByteBuffer record = RecordFormat.record(first);
        usable();
        Path data = data(runId);
        RunLocks.Held lock = lock(runId);
        if (lock == null) {
            throw new JournalException("run '" + runId + "' already exists in the journal " + directory
                    + " (a live process owns it); use another run id", false, null);
        }
        Path temp = directory.resolve(RunFileNames.stem(runId) + RunFileNames.TEMP);
        try {
            if (Files.exists(data)) {
                throw new JournalException("run '" + runId + "' already exists in the journal " + directory
                        + " (" + data.getFileName() + "); use another run id", false, null);
            }
            ByteBuffer header = RecordFormat.header(runId, createdNow());
            long end = header.remaining() + record.remaining();
            try (RunFile out = opener.open(temp, true)) {
                out.truncate(0);
                out.write(header, 0);
                out.write(record, end - record.remaining());
                if (fsync) {
                    out.force();
                }
            }
            Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            RunFile file = opener.open(data, true);
            return register(new FileRunLog(this, runId, data, lock, file, end, List.of(first), fsync));
        } catch (IOException e) {
            lock.release();
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .tmp file is ignored by every reader
            }
            throw new JournalException("run '" + runId + "': could not create its journal file " + data + " ("
                    + e.getMessage() + "); check the folder's space and permissions", false, e);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    /** See {@link dev.aios.api.spi.RunJournal#claim}. */
    public Optional<RunLog> claim(String runId) {
        usable();
        Path data = data(runId);
        if (!Files.exists(data)) {
            throw noRun(runId);
        }
        RunLocks.Held lock = lock(runId);
        if (lock == null) {
            return Optional.empty();
        }
        @Nullable RunFile file = null;
        try {
            file = opener.open(data, true);
            if (file.size() == 0) {
                // deleted between our check and our lock, and created again (empty) by opening it
                file.close();
                file = null;
                Files.deleteIfExists(data);
                throw noRun(runId);
            }
            RecordFormat.Scan scan = RecordFormat.scan(file);
            checkId(runId, data, scan.header());
            if (scan.goodEnd() < scan.size()) {
                LOG.warn("run '{}': dropping {} bytes at offset {} of {} ({}); the log ends with its last good"
                        + " entry", runId, scan.size() - scan.goodEnd(), scan.goodEnd(), data, scan.stop());
                file.truncate(scan.goodEnd());
                file.force();
            }
            FileRunLog log = new FileRunLog(this, runId, data, lock, file, scan.goodEnd(), scan.entries(), fsync);
            return Optional.of(register(log));
        } catch (IOException | RuntimeException e) {
            closeQuietly(file);
            lock.release();
            if (e instanceof JournalException je) {
                throw je;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw unreadable(runId, data, (IOException) e);
        }
    }

    /** See {@link dev.aios.api.spi.RunJournal#runIds}. */
    public List<String> runIds() {
        usable();
        List<Found> found = new ArrayList<>();
        java.util.Set<Path> listed = new java.util.HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + RunFileNames.DATA)) {
            for (Path p : files) {
                listed.add(p);
                try {
                    // A header never changes once written: read each file's once, while the same file is there.
                    Object key = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
                    KnownHeader known = headers.get(p);
                    if (key != null && known != null && key.equals(known.fileKey())) {
                        found.add(known.found());
                        continue;
                    }
                    try (RunFile f = opener.open(p, false)) {
                        RecordFormat.Header h = RecordFormat.readHeader(f);
                        Found run = new Found(h.runId(), h.created());
                        found.add(run);
                        if (key != null) {
                            headers.put(p, new KnownHeader(key, run));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // deleted while we listed
                } catch (IOException e) {
                    LOG.warn("skipping {} in the run journal: {}", p, e.getMessage());
                }
            }
            headers.keySet().retainAll(listed);
        } catch (IOException e) {
            throw new JournalException("cannot list the run journal folder " + directory + " (" + e.getMessage()
                    + ")", true, e);
        }
        found.sort(Comparator.comparing(Found::created).thenComparing(Found::id));
        return found.stream().map(Found::id).toList();
    }

    /** A run file's id and creation time, from its header. */
    private record Found(String id, Instant created) {}

    /** A header read before, valid while the file with {@code fileKey} (device and inode) is the one listed. */
    private record KnownHeader(Object fileKey, Found found) {}

    /** The headers of the run files listed before, so listing a journal of many runs opens only the new ones. */
    private final java.util.Map<Path, KnownHeader> headers = new java.util.concurrent.ConcurrentHashMap<>();

    /** See {@link dev.aios.api.spi.RunJournal#read}. */
    public List<JournalEntry> read(String runId) {
        usable();
        Path data = data(runId);
        try (RunFile f = opener.open(data, false)) {
            if (f.size() == 0) {
                return List.of();
            }
            RecordFormat.Scan scan = RecordFormat.scan(f);
            if (!scan.header().runId().equals(runId)) {
                return List.of();
            }
            return scan.entries();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw unreadable(runId, data, e);
        }
    }

    /** See {@link dev.aios.api.spi.RunJournal#delete}. */
    public boolean delete(String runId) {
        usable();
        Path data = data(runId);
        if (!Files.exists(data)) {
            return false;
        }
        RunLocks.Held lock = lock(runId);
        if (lock == null) {
            return false;
        }
        try {
            if (!Files.exists(data)) {
                return false;
            }
            if (!read(runId).isEmpty() || Files.size(data) == 0) {
                Files.delete(data);
                lock.deleteFile();
                syncDirectory();
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new JournalException("run '" + runId + "': could not delete " + data + " (" + e.getMessage()
                    + ")", true, e);
        } finally {
            lock.release();
        }
    }

    /** Closes every log this folder handed out; later calls throw. */
    public void close() {
        List<FileRunLog> logs;
        synchronized (this) {
            closed = true;
            logs = List.copyOf(open);
        }
        JournalException first = null;
        for (FileRunLog log : logs) {
            try {
                log.close();
            } catch (JournalException e) {
                LOG.warn("closing run '{}' failed: {}", log.runId(), e.getMessage());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private synchronized FileRunLog register(FileRunLog log) {
        if (closed) {
            log.close();
            throw new JournalException("the run journal in " + directory + " is closed", false, null);
        }
        open.add(log);
        return log;
    }

    private RunLocks.@Nullable Held lock(String runId) {
        try {
            return RunLocks.tryLock(lockFile(runId));
        } catch (IOException e) {
            throw new JournalException("run '" + runId + "': cannot open its lock file " + lockFile(runId) + " ("
                    + e.getMessage() + "); check the folder's permissions", false, e);
        }
    }

    private void checkId(String runId, Path data, RecordFormat.Header header) {
        if (!header.runId().equals(runId)) {
            throw new JournalException("run '" + runId + "': its file " + data + " holds run '" + header.runId()
                    + "' (a case-insensitive file system folds the two ids together); use ids that differ in more"
                    + " than case", false, null);
        }
    }

    private JournalException noRun(String runId) {
        return new JournalException("no run '" + runId + "' in the journal " + directory, false, null);
    }

    private static JournalException unreadable(String runId, Path data, IOException e) {
        return new JournalException("run '" + runId + "': cannot read its journal file " + data + " ("
                + e.getMessage() + "); move the file away to drop the run", false, e);
    }

    private void syncDirectory() {
        if (!fsync) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can force a folder (Windows cannot open one); the rename stays
        }
    }

    private static void closeQuietly(@Nullable RunFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing a file we only read
            }
        }
    }

    private static Instant createdNow() {
        Instant now = Instant.now();
        long nanos = LAST_CREATED.updateAndGet(
                last -> Math.max(last + 1, now.getEpochSecond() * 1_000_000_000L + now.getNano()));
        return Instant.ofEpochSecond(0, nanos);
    }
}
