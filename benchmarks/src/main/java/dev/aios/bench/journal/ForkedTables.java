package dev.aios.bench.journal;

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
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * What {@link PostgresJournalTable} and {@link PostgresAgentTable} share: their options, the test database,
 * forking worker JVMs that report {@code done steps millis commits}, and the machine line of their tables.
 */
final class ForkedTables {
    private ForkedTables() {}

    /** The command-line options of a table: {@code --url}, {@code --runs}, {@code --steps}, {@code --processes}. */
    record Options(@Nullable String url, int runs, int steps, int processes) {
        /** Parses the options; the URL defaults to {@link #defaultUrl()}, runs and steps to 20, processes to 4. */
        static Options parse(String[] args) {
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
            return new Options(url != null ? url : defaultUrl(), runs, steps, processes);
        }
    }

    /** What the workers of one configuration reported, together. */
    record Totals(long steps, long slowestMillis, long commits) {}

    /** @return the test database's URL from the environment or the system property, or null */
    static @Nullable String defaultUrl() {
        String url = System.getProperty("aios.test.postgres.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("AIOS_TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** @return the process counts measured: 1, and {@code processes} if that is more */
    static List<Integer> processCounts(int processes) {
        return processes == 1 ? List.of(1) : List.of(1, processes);
    }

    /** Creates a journal's tables, so that they exist before the workers start. */
    static void createTables(String url, String schema, String prefix) {
        try (PostgresRunJournal journal = PostgresRunJournal.builder(url, null, null).schema(schema)
                .tablePrefix(prefix).build()) {
            journal.owner();
        }
    }

    /**
     * Forks {@code processes} JVMs running {@code main --worker args...} on this class path, waits for them and
     * adds up what they printed ({@code done steps millis commits}).
     *
     * @param argsOf the worker arguments (after {@code --worker}) of worker w
     * @throws IllegalStateException if a worker failed
     */
    static Totals fork(Class<?> main, int processes, IntFunction<List<String>> argsOf)
            throws IOException, InterruptedException {
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < processes; w++) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), main.getName(), "--worker"));
            command.addAll(argsOf.apply(w));
            workers.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
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
        return new Totals(total, slowestMillis, commits);
    }

    /** What a worker prints last, for {@link #fork}. */
    static void done(long steps, long millis, long commits) {
        System.out.println("done " + steps + " " + millis + " " + commits);
    }

    /** @return "server; JVM; CPUs; load", for a table's title */
    static String machine(String server) {
        return server + "; " + System.getProperty("java.vm.name") + ' ' + Runtime.version() + "; "
                + Runtime.getRuntime().availableProcessors() + " CPUs; load " + load();
    }

    /** @return the server's version, synchronous_commit and fsync, for a table's title */
    static String serverVersion(String url) {
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

    /** Runs one statement on its own connection. */
    static void execute(String url, String statement) throws SQLException {
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
