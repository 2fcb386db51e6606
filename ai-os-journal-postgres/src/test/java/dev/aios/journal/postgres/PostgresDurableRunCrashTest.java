package dev.aios.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.runtime.Agent;
import dev.aios.runtime.RunSummary;
import dev.aios.testing.crash.CrashFiles;
import dev.aios.testing.crash.CrashWorld;
import dev.aios.testing.crash.LedgerChecks;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 for durable runs on PostgreSQL: worker JVMs ({@link PgCrashWorker}) run real agents with six-step
 * runs (reads, two parallel keyed tickets, a plain mail, a final keyed ticket) over ONE shared
 * {@link PostgresRunJournal} (each worker its own owner, a 2 s lease), two of them alive at a time. Over and
 * over, one worker (sometimes both at once) is killed with SIGKILL at a random moment and replaced; the
 * survivors and the replacements take the killed worker's runs over once its leases expire, and when both
 * were killed, the two replacements race to resume the same runs. In-doubt calls are answered from the
 * outside ledger by a careful person in each worker. At the end two final workers, started at once, finish
 * every run; then no effect may have happened twice, no run may have had two owners making effects
 * interleaved, no completed step may be lost, and every run must be finished.
 *
 * <p>{@code -Daios.pgcrash.iterations=N} (default 30), {@code -Daios.pgcrash.seed=S} (default: random,
 * printed). Skips without PostgreSQL (see {@link TestDatabase}).
 */
@Tag("crash")
class PostgresDurableRunCrashTest {
    private static final long LEASE_MILLIS = 2000;
    private static String schema;

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    /** A worker process and where its output goes. */
    private record Worker(String owner, Process process, Path output) {}

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void workersSharingOneJournalKilledAtRandomFinishEveryRunWithEachEffectOnce(@TempDir Path dir) throws Exception {
        schema = TestDatabase.newSchema(PostgresDurableRunCrashTest.class);
        String url = TestDatabase.url();
        int iterations = Integer.getInteger("aios.pgcrash.iterations", 30);
        long seed = Long.getLong("aios.pgcrash.seed", System.nanoTime());
        System.out.println("PostgresDurableRunCrashTest: seed " + seed + " (-Daios.pgcrash.seed=" + seed
                + "), iterations " + iterations);
        Random random = new Random(seed);
        long began = System.nanoTime();
        try (PostgresRunJournal journal = TestDatabase.journal(schema, "crash_").build()) {
            journal.owner(); // the tables exist before the workers start
        }

        AtomicInteger names = new AtomicInteger();
        List<String> problems = new ArrayList<>();
        List<Worker> live = new ArrayList<>();
        List<Worker> all = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            live.add(start(url, dir, "w" + names.incrementAndGet(), false, all));
        }
        int singleKills = 0;
        int doubleKills = 0;
        for (int i = 0; i < iterations; i++) {
            TimeUnit.MILLISECONDS.sleep(500 + random.nextInt(1500)); // JVM start-up to well into its runs
            boolean both = random.nextInt(4) == 0;
            List<Worker> victims = both ? List.copyOf(live) : List.of(live.get(random.nextInt(live.size())));
            for (Worker v : victims) {
                v.process().destroyForcibly(); // SIGKILL on Linux
            }
            for (Worker v : victims) {
                v.process().waitFor();
                live.remove(v);
                if (v.process().exitValue() != 137) {
                    problems.add(v.owner() + " exited with " + v.process().exitValue() + " before its kill:\n"
                            + Files.readString(v.output()));
                }
            }
            if (both) {
                doubleKills++;
            } else {
                singleKills++;
            }
            for (int k = 0; k < victims.size(); k++) { // both at once: they race for the same runs
                live.add(start(url, dir, "w" + names.incrementAndGet(), false, all));
            }
        }
        for (Worker v : live) {
            v.process().destroyForcibly();
        }
        for (Worker v : live) {
            v.process().waitFor();
        }
        List<Worker> finals = List.of(start(url, dir, "final" + names.incrementAndGet(), true, all),
                start(url, dir, "final" + names.incrementAndGet(), true, all));
        for (Worker f : finals) {
            assertThat(f.process().waitFor(150, TimeUnit.SECONDS)).as("final worker %s ends", f.owner()).isTrue();
            String log = Files.readString(f.output());
            assertThat(f.process().exitValue()).as(log).isZero();
            assertThat(log).contains("DONE");
        }
        int opened = 0;
        for (Worker w : all) {
            String log = Files.readString(w.output());
            opened += log.contains("OPENED ") ? 1 : 0;
            for (String bad : List.of("JOURNAL_OPEN_FAILED", "UNEXPECTED", "STUCK", "RUN_NOT_SUCCEEDED",
                    "APPROVER ", "could not be resumed", "JournalException", "Exception in")) {
                if (log.contains(bad)) {
                    problems.add(w.owner() + ": " + bad + ":\n" + log);
                }
            }
        }

        // ---- the verdict ---------------------------------------------------------------------------
        LedgerChecks ledger = LedgerChecks.read(dir.resolve("ledger.txt"));
        List<String> duplicates = ledger.duplicates();
        // one owner at a time: an owner that made effects in a run never makes more after another one did
        List<String> twoOwners = ledger.interleavedOwners();
        int ownedByMore = ledger.runsWithEffectsByMoreOwners();

        List<String> lost = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        int runs;
        AtomicInteger parentCalls = new AtomicInteger();
        try (PostgresRunJournal journal = TestDatabase.journal(schema, "crash_").owner("verdict")
                .lease(Duration.ofMillis(LEASE_MILLIS)).build()) { // opens, after every kill
            Agent agent = Agent.builder().tools(CrashWorld.describedOnly(parentCalls)).planner(CrashWorld.planner())
                    .journal(journal).skills(false).build();
            List<RunSummary> summaries = agent.runs();
            runs = summaries.size();
            for (RunSummary s : summaries) {
                if (s.state() != RunSummary.State.FINISHED || s.status() != RunStatus.SUCCEEDED) {
                    unfinished.add(s.toString());
                    continue;
                }
                RunOutcome outcome = agent.resume(s.runId()).await(); // a finished run: its recorded outcome
                lost.addAll(ledger.lostSteps(s.runId(), outcome, journal.read(s.runId())));
            }
        }
        List<String> approvals = CrashFiles.lines(dir.resolve("approvals.txt"));
        long approved = approvals.stream().filter(l -> l.startsWith("approve")).count();
        List<String> takeovers = CrashFiles.lines(dir.resolve("takeovers.txt"));
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip() : "n/a";

        StringBuilder table = new StringBuilder("\n=== PostgresDurableRunCrashTest (seed " + seed + ", lease "
                + LEASE_MILLIS + " ms) ===\n");
        row(table, "iterations (SIGKILLs at random moments)", iterations + " (" + singleKills + " of one worker, "
                + doubleKills + " of both at once)");
        row(table, "worker processes (journal opened)", all.size() + " (" + opened + "; the others were killed "
                + "before opening it)");
        row(table, "runs", runs);
        row(table, "effects in the ledger", ledger.effects().size());
        row(table, "duplicated effects", duplicates.size());
        row(table, "runs with interleaved owners", twoOwners.size());
        row(table, "runs with effects by 2+ owners (in turn)", ownedByMore);
        row(table, "lost completed steps", lost.size());
        row(table, "runs not finished", unfinished.size());
        row(table, "in-doubt approvals answered", approvals.size() + " (" + approved + " approved, "
                + (approvals.size() - approved) + " denied)");
        row(table, "takeovers after lease expiry", takeovers.size());
        row(table, "wall time", (System.nanoTime() - began) / 1_000_000 + " ms");
        row(table, "/proc/loadavg at the end", load);
        row(table, "cores", Runtime.getRuntime().availableProcessors());
        System.out.println(table);

        assertThat(problems).as("problems in the workers' lives").isEmpty();
        assertThat(duplicates).as("duplicated effects").isEmpty();
        assertThat(twoOwners).as("runs whose effects came from two owners at once").isEmpty();
        assertThat(lost).as("lost completed steps").isEmpty();
        assertThat(unfinished).as("runs not finished with success").isEmpty();
        assertThat(parentCalls).as("the parent only reads outcomes").hasValue(0);
        assertThat(ledger.effects()).as("every run made its four effects").hasSize(CrashWorld.EFFECTS_PER_RUN * runs);
        assertThat(runs).isPositive();
    }

    private static Worker start(String url, Path dir, String owner, boolean last, List<Worker> all) throws Exception {
        Path output = dir.resolve(owner + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xshare:auto", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Daios.test.postgres.url=" + url, "-Daios.pgcrash.schema=" + schema, "-Daios.pgcrash.prefix=crash_",
                "-Daios.pgcrash.dir=" + dir, "-Daios.pgcrash.owner=" + owner,
                "-Daios.pgcrash.leaseMillis=" + LEASE_MILLIS, "-Daios.pgcrash.newRuns=" + (last ? 0 : 12),
                "-Daios.pgcrash.final=" + last, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                PgCrashWorker.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
        Worker w = new Worker(owner, p, output);
        all.add(w);
        return w;
    }

    private static void row(StringBuilder table, String name, Object value) {
        table.append(String.format("%-42s %s%n", name, value));
    }
}
