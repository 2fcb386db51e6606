package dev.aios.journal.postgres;

import dev.aios.api.spi.RunJournal;
import dev.aios.testing.RunJournalContract;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PostgresRunJournal} passes the RunJournal contract kit: each test gets tables of its own
 * (a new prefix) in this class's schema; reopening builds a new journal on the same tables.
 * Skips without PostgreSQL (see {@link TestDatabase}).
 */
class PostgresRunJournalContractTest extends RunJournalContract {
    private static String schema;
    private static final AtomicInteger tables = new AtomicInteger();
    private final Map<RunJournal, String> prefixes = new IdentityHashMap<>();

    @BeforeAll
    static void createSchema() {
        schema = TestDatabase.newSchema(PostgresRunJournalContractTest.class);
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
        RunJournal journal = TestDatabase.journal(schema, prefix).lease(Duration.ofSeconds(5)).build();
        prefixes.put(journal, prefix);
        return journal;
    }
}
