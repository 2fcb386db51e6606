package dev.aios.journal.postgres;

import dev.aios.api.spi.RunJournal;
import dev.aios.testing.RunJournalContract;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link PostgresRunJournal} passes the RunJournal contract kit: each test gets tables of its own
 * (a new prefix) in this class's schema; reopening builds a new journal on the same tables.
 * Skips without PostgreSQL (see {@link TestDatabase}).
 */
class PostgresRunJournalContractTest extends RunJournalContract {
    private static String schema;
    private static final AtomicInteger tables = new AtomicInteger();
    private final Map<RunJournal, String> prefixes = new IdentityHashMap<>();

    /** Made by the first test, so that without a server every test reports itself skipped. */
    private static synchronized String schema() {
        if (schema == null) {
            schema = TestDatabase.newSchema(PostgresRunJournalContractTest.class);
        }
        return schema;
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Override
    protected RunJournal newJournal() {
        return open("j" + tables.incrementAndGet() + "_");
    }

    @Override
    protected RunJournal reopen(RunJournal old) {
        old.close();
        return open(prefixes.get(old));
    }

    private RunJournal open(String prefix) {
        RunJournal journal = TestDatabase.journal(schema(), prefix).lease(Duration.ofSeconds(5)).build();
        prefixes.put(journal, prefix);
        return journal;
    }
}
