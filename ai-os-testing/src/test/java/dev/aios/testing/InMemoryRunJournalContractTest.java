package dev.aios.testing;

import dev.aios.api.spi.RunJournal;

/** The in-memory journal passes the contract; reopening it is closing it (it keeps its runs). */
class InMemoryRunJournalContractTest extends RunJournalContract {
    @Override
    protected RunJournal newJournal() {
        return new InMemoryRunJournal();
    }

    @Override
    protected RunJournal reopen(RunJournal old) {
        old.close();
        return old;
    }
}
