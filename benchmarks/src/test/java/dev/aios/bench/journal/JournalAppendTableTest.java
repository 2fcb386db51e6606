package dev.aios.bench.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table in a tiny configuration: every row is there, and the figures are plausible. */
class JournalAppendTableTest {
    @TempDir
    Path dir;

    @Test
    void printsEveryRowInATinyConfiguration() throws Exception {
        JournalAppendTable.Figures f = JournalAppendTable.measure(dir, 40, 2);
        String table = JournalAppendTable.table(f);
        System.out.println(table);

        assertTrue(table.contains("| append, durable (write + force) |"), table);
        assertTrue(table.contains("| appendLater (write only) |"), table);
        assertTrue(table.contains("| forces for 20 concurrent appends (2 bursts) |"), table);
        assertTrue(table.contains("load average before"), table);
        assertEquals(2, f.burstForces().length);
        for (long forces : f.burstForces()) {
            assertTrue(forces >= 1 && forces <= 20, "forces per burst: " + forces);
        }
        assertTrue(f.durable()[0] > 0 && f.durable()[0] <= f.durable()[1], table);
    }
}
