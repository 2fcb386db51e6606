package dev.aios.bench.journal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** PostgresAgentTable in a tiny configuration (2 processes, 2 runs of 3 steps); skips without PostgreSQL. */
class PostgresAgentTableTest extends PostgresTableTestSupport {
    @Override
    String run(@Nullable String url, int processes, int runs, int steps) throws Exception {
        return PostgresAgentTable.run(url, processes, runs, steps);
    }

    @Override
    String skipped() {
        return PostgresAgentTable.SKIPPED;
    }

    @Override
    List<String> tinyRows() {
        return List.of("| postgres | 1 | 2 × 3 | 6 |", "| postgres | 2 | 2 × 3 | 12 |", "| file | 1 | 2 × 3 | 6 |");
    }
}
