package dev.aios.bench.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PostgresAgentTable in a tiny configuration (2 processes, 2 runs of 3 steps); skips without PostgreSQL. */
class PostgresAgentTableTest {
    @Test
    void skipsWithAMessageWithoutADatabase() throws Exception {
        assertTrue(PostgresAgentTable.run(null, 4, 1, 1).contains("skipped"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void measuresATinyConfiguration() throws Exception {
        String url = PostgresJournalTable.defaultUrl();
        assumeTrue(url != null, PostgresAgentTable.SKIPPED);
        String table = PostgresAgentTable.run(url, 2, 2, 3);
        System.out.println(table);
        assertTrue(table.contains("| postgres | 1 | 2 × 3 | 6 |"), table);
        assertTrue(table.contains("| postgres | 2 | 2 × 3 | 12 |"), table);
        assertTrue(table.contains("| file | 1 | 2 × 3 | 6 |"), table);
    }
}
