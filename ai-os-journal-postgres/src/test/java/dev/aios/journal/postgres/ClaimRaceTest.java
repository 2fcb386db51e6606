package dev.aios.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.spi.JournalEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two JVMs claim the same runs at the same instant: each run is won by exactly one of them. */
class ClaimRaceTest {
    private static String schema;

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void twoProcessesRacingToClaimARunExactlyOneWins() throws Exception {
        schema = TestDatabase.newSchema(ClaimRaceTest.class);
        List<String> runs = List.of("r1", "r2", "r3", "r4", "r5");
        try (PostgresRunJournal journal = TestDatabase.journal(schema, "race_").build()) {
            for (String run : runs) {
                journal.create(run, JournalEntry.of(JournalEntry.Kind.RUN_STARTED, "{}")).close(); // unowned
            }
        }
        long startAt = System.currentTimeMillis() + 4_000; // both JVMs started and connected by then
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    ClaimRace.class.getName(), TestDatabase.url(), schema, "race_", Long.toString(startAt)));
            command.addAll(runs);
            racers.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        List<String> won = new ArrayList<>();
        for (Process p : racers) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("racer finished").isTrue();
            String out = output(p);
            assertThat(p.exitValue()).as("racer's exit status; output: %s", out).isZero();
            out.lines().filter(l -> l.endsWith(" won")).map(l -> l.substring(0, l.length() - 4)).forEach(won::add);
            assertThat(out.lines().filter(l -> l.endsWith(" won") || l.endsWith(" lost")).count())
                    .as("a verdict per run: %s", out).isEqualTo(runs.size());
        }
        assertThat(won).as("each run won by exactly one process").containsExactlyInAnyOrderElementsOf(runs);
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
