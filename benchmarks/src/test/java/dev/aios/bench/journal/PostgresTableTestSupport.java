package dev.aios.bench.journal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tests a table of processes sharing one PostgreSQL journal shares: it skips with a message without a
 * database, and measures a tiny configuration (2 processes, 2 runs of 3 steps) when there is one.
 */
abstract class PostgresTableTestSupport {
    /** Runs the table (its {@code run(url, processes, runs, steps)}). */
    abstract String run(@Nullable String url, int processes, int runs, int steps) throws Exception;

    /** @return the table's message for a skip */
    abstract String skipped();

    /** @return the beginnings of the rows the tiny configuration must print */
    abstract List<String> tinyRows();

    @Test
    void skipsWithAMessageWithoutADatabase() throws Exception {
        assertTrue(run(null, 4, 1, 1).contains("skipped"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void measuresATinyConfiguration() throws Exception {
        String url = ForkedTables.defaultUrl();
        assumeTrue(url != null, skipped());
        String table = run(url, 2, 2, 3);
        System.out.println(table);
        for (String row : tinyRows()) {
            assertTrue(table.contains(row), table);
        }
    }
}
