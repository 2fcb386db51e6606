package dev.aios.bench.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.RunLog;
import dev.aios.journal.postgres.PostgresRunJournal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Steps per second that processes sharing one {@link PostgresRunJournal} can record: each process
 * (a forked JVM) runs {@code runs} runs of {@code steps} steps, one after the other, and records
 * what the runtime records for a side-effecting step: a durable STEP_INTENT
 * ({@link RunLog#append}) then a STEP_OUTCOME with {@link RunLog#appendLater}; plus RUN_STARTED
 * (create) and a durable RUN_FINISHED per run. Measured with 1 process and with 4, in one table
 * with the ratio, the machine's CPUs and load, and the journal's commits.
 * {@snippet lang=shell :
 * eval "$(.ci/postgres-start)"    # or: export AIOS_TEST_POSTGRES_URL=jdbc:postgresql://host/db?user=...
 * ./mvnw -B -ntp -q package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.PostgresJournalTable
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.PostgresJournalTable --runs 50 --steps 20
 * .ci/postgres-stop
 * }
 * The database comes from {@code --url}, or {@code AIOS_TEST_POSTGRES_URL}, or the system property
 * {@code aios.test.postgres.url}; without one it prints why it skipped. It works in a schema of its
 * own, dropped at the end.
 */
public final class PostgresJournalTable {
    static final String SKIPPED = "PostgresJournalTable skipped: no PostgreSQL (set AIOS_TEST_POSTGRES_URL, or "
            + "pass --url; a throwaway server: eval \"$(.ci/postgres-start)\")";

    private PostgresJournalTable() {}

    /** What one configuration measured. */
    record Row(int processes, int runs, int steps, long totalSteps, double seconds, long commits) {
        double stepsPerSecond() {
            return totalSteps / seconds;
        }
    }

    /**
     * Runs the benchmark, or one of its worker processes ({@code --worker}), and prints the table.
     * Options: {@code --url URL}, {@code --runs N} (per process, default 20), {@code --steps K} (per
     * run, default 20), {@code --processes P} (default 4).
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--worker")) {
            worker(args);
            return;
        }
        ForkedTables.Options o = ForkedTables.Options.parse(args);
        System.out.println(run(o.url(), o.processes(), o.runs(), o.steps()));
    }

    /** @return the table, for 1 process and for {@code processes}; or why it skipped */
    static String run(@Nullable String url, int processes, int runs, int steps) throws Exception {
        if (url == null) {
            return SKIPPED;
        }
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        ForkedTables.execute(url, "CREATE SCHEMA " + schema);
        try {
            List<Row> rows = new ArrayList<>();
            int round = 0;
            for (int p : ForkedTables.processCounts(processes)) {
                String prefix = "r" + round++ + "_";
                ForkedTables.createTables(url, schema, prefix);
                rows.add(measure(url, schema, prefix, p, runs, steps));
            }
            return table(rows, ForkedTables.serverVersion(url));
        } finally {
            ForkedTables.execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Row measure(String url, String schema, String prefix, int processes, int runs, int steps)
            throws IOException, InterruptedException {
        long startAt = System.currentTimeMillis() + 3_000; // every JVM started and connected by then
        ForkedTables.Totals t = ForkedTables.fork(PostgresJournalTable.class, processes, w -> List.of(url, schema,
                prefix, Integer.toString(w), Integer.toString(runs), Integer.toString(steps), Long.toString(startAt)));
        return new Row(processes, runs, steps, t.steps(), t.slowestMillis() / 1000.0, t.commits());
    }

    /** One process: its runs, one after the other; prints "done steps millisSinceStart commits". */
    private static void worker(String[] args) {
        String url = args[1];
        int id = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        int steps = Integer.parseInt(args[6]);
        long startAt = Long.parseLong(args[7]);
        String intentBody = "{\"step\":0,\"tool\":\"mail.send\",\"idempotencyKey\":\"" + UUID.randomUUID()
                + "\",\"args\":{\"to\":\"someone@example.com\",\"subject\":\"a subject of some length\"}}";
        String outcomeBody = "{\"step\":0,\"status\":\"OK\",\"result\":\"sent, message id <"
                + UUID.randomUUID() + "@example.com>\"}";
        try (PostgresRunJournal journal = PostgresRunJournal.builder(url, null, null).schema(args[2])
                .tablePrefix(args[3]).build()) {
            long sleep = startAt - System.currentTimeMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            long done = 0;
            for (int r = 0; r < runs; r++) {
                try (RunLog log = journal.create("w" + id + "-run" + r,
                        JournalEntry.of(Kind.RUN_STARTED, "{\"goal\":\"benchmark\",\"worker\":" + id + "}"))) {
                    for (int s = 0; s < steps; s++) {
                        log.append(JournalEntry.of(Kind.STEP_INTENT, intentBody));
                        log.appendLater(JournalEntry.of(Kind.STEP_OUTCOME, outcomeBody));
                        done++;
                    }
                    log.append(JournalEntry.of(Kind.RUN_FINISHED, "{\"status\":\"SUCCEEDED\"}"));
                }
            }
            long millis = System.currentTimeMillis() - startAt;
            ForkedTables.done(done, millis, journal.flushCount());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static String table(List<Row> rows, String server) {
        StringBuilder out = new StringBuilder();
        out.append("PostgresRunJournal: steps per second, processes sharing one journal (")
                .append(ForkedTables.machine(server)).append(")\n");
        out.append("A step: a durable STEP_INTENT (append) and a STEP_OUTCOME (appendLater); per run also "
                + "RUN_STARTED (create) and a durable RUN_FINISHED. Runs one after the other in each process.\n\n");
        out.append("| processes | runs × steps per process | steps | wall s | steps/s | vs 1 process | commits "
                + "| ms per durable step |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double base = rows.get(0).stepsPerSecond();
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %d × %d | %d | %.2f | %.0f | %.2f× | %d | %.2f |%n",
                    r.processes(), r.runs(), r.steps(), r.totalSteps(), r.seconds(), r.stepsPerSecond(),
                    r.stepsPerSecond() / base, r.commits(), 1000.0 * r.seconds() * r.processes() / r.totalSteps()));
        }
        return out.toString();
    }
}
