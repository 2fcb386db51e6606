package dev.aios.runtime;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link RunJournal}: a folder with one append-only file per run. Placeholder until
 * the implementation lands.
 */
public final class FileRunJournal implements RunJournal {
    private FileRunJournal() {}

    /** Opens (creating it if needed) the journal in {@code directory}. */
    public static FileRunJournal open(Path directory) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override public RunLog create(String runId, JournalEntry first) { throw new UnsupportedOperationException(); }
    @Override public Optional<RunLog> claim(String runId) { throw new UnsupportedOperationException(); }
    @Override public List<String> runIds() { throw new UnsupportedOperationException(); }
    @Override public List<JournalEntry> read(String runId) { throw new UnsupportedOperationException(); }
    @Override public boolean delete(String runId) { throw new UnsupportedOperationException(); }
    @Override public void close() {}
}
