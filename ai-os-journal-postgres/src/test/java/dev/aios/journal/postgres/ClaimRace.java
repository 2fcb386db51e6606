package dev.aios.journal.postgres;

import dev.aios.api.spi.RunLog;
import java.time.Duration;
import java.util.Optional;

/**
 * One of the processes of {@link ClaimRaceTest}: waits for the agreed instant, claims each run
 * given, prints {@code <run> won} or {@code <run> lost} per run, and exits without closing, as a
 * process that keeps running would (its leases stay live until they expire).
 * Arguments: url schema prefix startAtEpochMillis runId...
 */
public final class ClaimRace {
    private ClaimRace() {}

    /** Runs one racer; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        PostgresRunJournal journal = PostgresRunJournal.builder(args[0], null, null).schema(args[1])
                .tablePrefix(args[2]).lease(Duration.ofSeconds(30)).build();
        long startAt = Long.parseLong(args[3]);
        while (System.currentTimeMillis() < startAt) {
            Thread.onSpinWait();
        }
        for (int i = 4; i < args.length; i++) {
            Optional<RunLog> log = journal.claim(args[i]);
            System.out.println(args[i] + (log.isPresent() ? " won" : " lost"));
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
