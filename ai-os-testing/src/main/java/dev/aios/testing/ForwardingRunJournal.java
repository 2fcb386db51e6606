package dev.aios.testing;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunJournal} that passes every call to another one: extend it to watch or disturb a
 * journal in a test (halt the process at a chosen write, record who claimed what) and override
 * only the calls that matter.
 */
public abstract class ForwardingRunJournal implements RunJournal {
    /** The journal every call goes to. */
    protected final RunJournal delegate;

    /** @param delegate the journal every call goes to */
    protected ForwardingRunJournal(RunJournal delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    @Override
    public RunLog create(String runId, JournalEntry first) {
        return delegate.create(runId, first);
    }

    @Override
    public Optional<RunLog> claim(String runId) {
        return delegate.claim(runId);
    }

    @Override
    public List<String> runIds() {
        return delegate.runIds();
    }

    @Override
    public List<JournalEntry> read(String runId) {
        return delegate.read(runId);
    }

    @Override
    public boolean delete(String runId) {
        return delegate.delete(runId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
