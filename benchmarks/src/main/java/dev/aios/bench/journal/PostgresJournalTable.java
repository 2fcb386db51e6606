package dev.aios.bench.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.RunLog;
import dev.aios.journal.postgres.PostgresRunJournal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
        String url = null;
        int runs = 20;
        int steps = 20;
        int processes = 4;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--processes" -> processes = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--url, --runs, --steps, --processes)");
            }
        }
        System.out.println(run(url != null ? url : defaultUrl(), processes, runs, steps));
    }

    /** @return the test database's URL from the environment or the system property, or null */
    static @Nullable String defaultUrl() {
        String url = System.getProperty("aios.test.postgres.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("AIOS_TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** @return the table, for 1 process and for {@code processes}; or why it skipped */
    static String run(@Nullable String url, int processes, int runs, int steps) throws Exception {
        if (url == null) {
            return SKIPPED;
        }
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        execute(url, "CREATE SCHEMA " + schema);
        try {
            List<Row> rows = new ArrayList<>();
            int round = 0;
            for (int p : processes == 1 ? List.of(1) : List.of(1, processes)) {
                String prefix = "r" + round++ + "_";
                try (PostgresRunJournal journal = PostgresRunJournal.builder(url, null, null).schema(schema)
                        .tablePrefix(prefix).build()) {
                    journal.owner(); // tables created before the workers start
                }
                rows.add(measure(url, schema, prefix, p, runs, steps));
            }
            return table(rows, serverVersion(url));
        } finally {
            execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Row measure(String url, String schema, String prefix, int processes, int runs, int steps)
            throws IOException, InterruptedException {
        long startAt = System.currentTimeMillis() + 3_000; // every JVM started and connected by then
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < processes; w++) {
            workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PostgresJournalTable.class.getName(), "--worker",
                    url, schema, prefix, Integer.toString(w), Integer.toString(runs), Integer.toString(steps),
                    Long.toString(startAt)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long total = 0;
        long commits = 0;
        long slowestMillis = 0;
        for (Process p : workers) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !out.startsWith("done ")) {
                throw new IllegalStateException("a worker failed (exit " + p.exitValue() + "): " + out);
            }
            String[] f = out.split(" ");
            total += Long.parseLong(f[1]);
            slowestMillis = Math.max(slowestMillis, Long.parseLong(f[2]));
            commits += Long.parseLong(f[3]);
        }
        return new Row(processes, runs, steps, total, slowestMillis / 1000.0, commits);
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
            System.out.println("done " + done + " " + millis + " " + journal.flushCount());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static String table(List<Row> rows, String server) {
        StringBuilder out = new StringBuilder();
        out.append("PostgresRunJournal: steps per second, processes sharing one journal (").append(server)
                .append("; ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version())
                .append("; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs; load ")
                .append(load()).append(")\n");
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

    private static String serverVersion(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), "
                        + "current_setting('synchronous_commit'), current_setting('fsync')")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + ", synchronous_commit=" + rs.getString(2) + ", fsync="
                    + rs.getString(3);
        } catch (SQLException e) {
            return "PostgreSQL (version unknown)";
        }
    }

    private static void execute(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
