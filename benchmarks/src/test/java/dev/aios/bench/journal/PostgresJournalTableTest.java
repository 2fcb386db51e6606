package dev.aios.bench.journal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** PostgresJournalTable in a tiny configuration (2 processes, 2 runs of 3 steps); skips without PostgreSQL. */
class PostgresJournalTableTest extends PostgresTableTestSupport {
    @Override
    String run(@Nullable String url, int processes, int runs, int steps) throws Exception {
        return PostgresJournalTable.run(url, processes, runs, steps);
    }

    @Override
    String skipped() {
        return PostgresJournalTable.SKIPPED;
    }

    @Override
    List<String> tinyRows() {
        return List.of("| 1 | 2 × 3 | 6 |", "| 2 | 2 × 3 | 12 |");
    }
}
