package dev.aios.bench.journal;

import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.RunJournal;
import dev.aios.journal.postgres.PostgresRunJournal;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FileRunJournal;
import dev.aios.runtime.RiskPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Steps per second of real agents recording their runs in one shared {@link PostgresRunJournal}:
 * each process (a forked JVM) runs {@code runs} runs of a {@code steps}-step plan (a code planner,
 * no brain; step i after step i-1) through {@link Agent} with {@code .journal(postgresJournal)},
 * one run after the other. The tool is a side-effecting no-op, so every step writes a durable
 * STEP_INTENT before its call (and its outcome after it), as the runtime does for real effects.
 * Measured with 1 process and with 4 sharing the journal, in one table with the ratio; and, for
 * comparison, the same in one process with the embedded {@link FileRunJournal} (fsync on). Each
 * process makes one warm-up run before the clock starts.
 * {@snippet lang=shell :
 * eval "$(.ci/postgres-start)"    # or: export AIOS_TEST_POSTGRES_URL=jdbc:postgresql://host/db?user=...
 * ./mvnw -B -ntp -q package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.PostgresAgentTable
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.PostgresAgentTable --runs 50 --steps 20
 * .ci/postgres-stop
 * }
 * The database comes from {@code --url}, or {@code AIOS_TEST_POSTGRES_URL}, or the system property
 * {@code aios.test.postgres.url}; without one it prints why it skipped. It works in a schema of its
 * own, dropped at the end.
 */
public final class PostgresAgentTable {
    static final String SKIPPED = "PostgresAgentTable skipped: no PostgreSQL (set AIOS_TEST_POSTGRES_URL, or "
            + "pass --url; a throwaway server: eval \"$(.ci/postgres-start)\")";
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}";

    private PostgresAgentTable() {}

    /** What one configuration measured. */
    record Row(String journal, int processes, int runs, int steps, long totalSteps, double seconds,
            @Nullable Long commits) {
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

    /** @return the table, for 1 process and for {@code processes} on PostgreSQL and 1 on files; or why it skipped */
    static String run(@Nullable String url, int processes, int runs, int steps) throws Exception {
        if (url == null) {
            return SKIPPED;
        }
        String schema = "bench_agents_" + UUID.randomUUID().toString().substring(0, 8);
        ForkedTables.execute(url, "CREATE SCHEMA " + schema);
        Path folder = Files.createTempDirectory("aios-agent-table");
        try {
            List<Row> rows = new ArrayList<>();
            int round = 0;
            for (int p : ForkedTables.processCounts(processes)) {
                String prefix = "a" + round++ + "_";
                ForkedTables.createTables(url, schema, prefix);
                rows.add(measure("postgres", url, schema, prefix, p, runs, steps));
            }
            rows.add(measure("file", folder.toString(), "-", "-", 1, runs, steps));
            return table(rows, ForkedTables.serverVersion(url));
        } finally {
            ForkedTables.execute(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Row measure(String kind, String where, String schema, String prefix, int processes, int runs,
            int steps) throws IOException, InterruptedException {
        long startAt = System.currentTimeMillis() + 4_000; // every JVM started, connected and warmed up by then
        ForkedTables.Totals t = ForkedTables.fork(PostgresAgentTable.class, processes, w -> List.of(kind, where,
                schema, prefix, Integer.toString(w), Integer.toString(runs), Integer.toString(steps),
                Long.toString(startAt)));
        return new Row(kind, processes, runs, steps, t.steps(), Math.max(1, t.slowestMillis()) / 1000.0,
                kind.equals("file") ? null : t.commits());
    }

    /** One process: a warm-up run, then its runs, one after the other; prints "done steps millis commits". */
    private static void worker(String[] args) throws Exception {
        String kind = args[1];
        int id = Integer.parseInt(args[5]);
        int runs = Integer.parseInt(args[6]);
        int steps = Integer.parseInt(args[7]);
        long startAt = Long.parseLong(args[8]);
        try (RunJournal journal = kind.equals("file") ? FileRunJournal.open(Path.of(args[2]))
                : PostgresRunJournal.builder(args[2], null, null).schema(args[3]).tablePrefix(args[4])
                        .owner("bench-" + id).build()) {
            Agent agent = Agent.builder()
                    .tools(new NoOp())
                    .planner(new Chain(steps))
                    .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build())
                    .journal(journal)
                    .skills(false)
                    .build();
            check(agent.run(Goal.of("warm-up of worker " + id)), steps); // class loading, JIT, connections
            long sleep = startAt - System.currentTimeMillis();
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            long began = System.nanoTime();
            long done = 0;
            for (int r = 0; r < runs; r++) {
                done += check(agent.run(Goal.of("benchmark run " + r + " of worker " + id)), steps);
            }
            long millis = (System.nanoTime() - began) / 1_000_000 + Math.max(0, -sleep);
            long commits = journal instanceof PostgresRunJournal pg ? pg.flushCount() : 0;
            ForkedTables.done(done, millis, commits);
        }
    }

    private static int check(RunOutcome outcome, int steps) {
        long succeeded = outcome.steps().stream().filter(s -> s.status() == StepRecord.Status.SUCCEEDED).count();
        if (outcome.status() != RunStatus.SUCCEEDED || succeeded != steps) {
            throw new IllegalStateException("run " + outcome.runId() + " ended " + outcome.status() + " with "
                    + succeeded + " of " + steps + " steps: " + outcome.detail());
        }
        return steps;
    }

    /** One side-effecting tool that does nothing: every call is preceded by a durable intent. */
    private static final class NoOp implements ToolRegistry {
        @Override
        public List<ToolDescriptor> tools() {
            return List.of(new ToolDescriptor("noop.effect", "a side effect that does nothing", SCHEMA,
                    ToolRisk.SIDE_EFFECTING));
        }

        @Override
        public ToolResult call(ToolCall call) {
            return ToolResult.success("done");
        }
    }

    /** A plan of {@code steps} calls of the no-op tool, each after the one before. */
    private record Chain(int steps) implements Planner {
        @Override
        public String name() {
            return "chain";
        }

        @Override
        public Plan plan(PlanningRequest request, RunContext run) {
            List<PlanStep> plan = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                PlanStep step = PlanStep.call("s" + i, "noop.effect", Map.of("n", i));
                plan.add(i == 0 ? step : step.after("s" + (i - 1)));
            }
            return new Plan(plan, "done", "");
        }
    }

    static String table(List<Row> rows, String server) {
        StringBuilder out = new StringBuilder();
        out.append("Agents sharing one journal: steps per second (").append(ForkedTables.machine(server))
                .append(")\n");
        out.append("Each process runs its runs one after the other through Agent (code planner, no brain); a step "
                + "calls a side-effecting no-op tool after the one before, so each writes a durable STEP_INTENT. "
                + "The file journal (fsync on) runs in one process, for comparison.\n\n");
        out.append("| journal | processes | runs × steps per process | steps | wall s | steps/s | vs 1 process "
                + "| commits | ms per step per process |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double base = rows.get(0).stepsPerSecond();
        for (Row r : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d × %d | %d | %.2f | %.0f | %.2f× | %s | %.2f |%n",
                    r.journal(), r.processes(), r.runs(), r.steps(), r.totalSteps(), r.seconds(), r.stepsPerSecond(),
                    r.stepsPerSecond() / base, r.commits() == null ? "–" : r.commits().toString(),
                    1000.0 * r.seconds() * r.processes() / r.totalSteps()));
        }
        return out.toString();
    }
}
