package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.testing.crash.CrashFiles;
import dev.aios.testing.crash.CrashWorld;
import dev.aios.testing.crash.LedgerChecks;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 for durable runs: a worker JVM ({@link CrashWorkerMain}) runs six-step runs (reads, two parallel keyed
 * tickets, a plain mail, a final keyed ticket) with a {@link FileRunJournal}, and is killed over and over, by
 * SIGKILL at random moments and by {@code Runtime.halt} before, in the middle of (a torn record) or after
 * chosen journal writes of every kind. Each new life answers in-doubt approvals from the outside ledger, resumes
 * the unfinished runs and starts new ones. At the end one last life finishes every run; then no effect may have
 * happened twice, no completed step may be lost, and every run must be finished.
 *
 * <p>{@code -Daios.crash.iterations=N} (default 100) and {@code -Daios.crash.seed=S} (default: random, printed).
 */
@Tag("crash")
@Timeout(900)
class DurableRunCrashTest {
    private static final List<String> TARGETS = List.of(
            "RUN_STARTED:append", "PLAN:later", "STEP_INTENT:later", "STEP_INTENT:append", "STEP_OUTCOME:later",
            "APPROVAL_REQUESTED:append", "BUDGET:later", "APPROVAL_DECIDED:append", "LEARNED:later",
            "RUN_FINISHED:append");
    private static final List<String> POSITIONS = List.of("before", "mid", "after");

    @Test
    void killedAtRandomAndAtEveryJournalBoundaryEveryRunFinishesWithEachEffectOnce(@TempDir Path dir) throws Exception {
        int iterations = Integer.getInteger("aios.crash.iterations", 100);
        long seed = Long.getLong("aios.crash.seed", System.nanoTime());
        System.out.println("DurableRunCrashTest: seed " + seed + " (-Daios.crash.seed=" + seed + "), iterations " + iterations);
        Random random = new Random(seed);
        long began = System.nanoTime();

        List<String> schedule = schedule(iterations, random);
        Map<String, Integer> kills = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int tornTails = 0;
        for (int i = 0; i < schedule.size(); i++) {
            String spec = schedule.get(i);
            Path marker = dir.resolve("halt.txt");
            Files.deleteIfExists(marker);
            Path output = dir.resolve("life-" + i + ".log");
            boolean timer = spec.equals("timer");
            Process worker = start(dir, timer ? "" : spec, 3, output);
            String outcome;
            if (timer) {
                long delay = 100 + random.nextInt(1400); // from the JVM's start to well into its runs
                if (worker.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    outcome = "exited before the kill";
                } else {
                    worker.destroyForcibly(); // SIGKILL on Linux: the exit code below says so
                    worker.waitFor();
                    if (worker.exitValue() == 0) {
                        // it ended on its own between the wait's timeout and the kill (a loaded machine)
                        outcome = "exited before the kill";
                    } else {
                        assertThat(worker.exitValue()).as("a SIGKILLed process exits with 128 + 9").isEqualTo(137);
                        outcome = "SIGKILL after " + delay + " ms";
                    }
                }
            } else if (!worker.waitFor(6, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
                worker.waitFor();
                outcome = "SIGKILL (halt " + spec + " did not fire)";
            } else {
                outcome = Files.exists(marker) ? "halt " + Files.readString(marker).strip().replaceAll(" \\(.*\\)", "")
                        : "exited before the halt (" + worker.exitValue() + ")";
            }
            kills.merge(outcome.startsWith("SIGKILL after") ? "SIGKILL at a random moment" : outcome, 1, Integer::sum);
            String log = Files.readString(output);
            tornTails += count(log, "dropping ");
            check(log, i, spec, problems);
            if (worker.exitValue() != 137 && worker.exitValue() != 0) {
                problems.add("life " + i + " (" + spec + ") exited with " + worker.exitValue() + ":\n" + log);
            }
        }

        Path lastOutput = dir.resolve("life-final.log");
        Process last = start(dir, "", 0, lastOutput);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the final life ends").isTrue();
        String lastLog = Files.readString(lastOutput);
        check(lastLog, -1, "final", problems);
        assertThat(last.exitValue()).as(lastLog).isZero();
        assertThat(lastLog).contains("DONE");
        tornTails += count(lastLog, "dropping ");

        // ---- the verdict ---------------------------------------------------------------------------
        LedgerChecks ledger = LedgerChecks.read(dir.resolve("ledger.txt"));
        List<String> duplicates = ledger.duplicates();

        List<String> lost = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        int runs;
        int vouched = 0;
        AtomicInteger parentCalls = new AtomicInteger();
        try (FileRunJournal journal = FileRunJournal.open(dir.resolve("journal"))) { // opens, after 100 kills
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
                for (StepRecord r : outcome.steps()) {
                    if (r.result() != null && r.result().text().contains("a person said it had happened")) {
                        vouched++;
                    }
                }
                lost.addAll(ledger.lostSteps(s.runId(), outcome, journal.read(s.runId())));
            }
        }
        List<String> approvals = CrashFiles.lines(dir.resolve("approvals.txt"));
        long approved = approvals.stream().filter(l -> l.startsWith("approve")).count();
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).strip() : "n/a";

        StringBuilder table = new StringBuilder("\n=== DurableRunCrashTest (seed " + seed + ") ===\n");
        row(table, "iterations (killed lives)", schedule.size());
        kills.forEach((k, n) -> row(table, "  " + k, n));
        row(table, "runs", runs);
        row(table, "effects in the ledger", ledger.effects().size());
        row(table, "duplicated effects", duplicates.size());
        row(table, "lost completed steps", lost.size());
        row(table, "runs not finished", unfinished.size());
        row(table, "in-doubt approvals answered", approvals.size() + " (" + approved + " approved, "
                + (approvals.size() - approved) + " denied; " + vouched + " vouched steps in final outcomes)");
        row(table, "torn tails cut off on claim", tornTails);
        row(table, "wall time", (System.nanoTime() - began) / 1_000_000 + " ms");
        row(table, "/proc/loadavg at the end", load);
        row(table, "cores", Runtime.getRuntime().availableProcessors());
        System.out.println(table);

        assertThat(problems).as("problems in the workers' lives").isEmpty();
        assertThat(duplicates).as("duplicated effects").isEmpty();
        assertThat(lost).as("lost completed steps").isEmpty();
        assertThat(unfinished).as("runs not finished with success").isEmpty();
        assertThat(parentCalls).as("the parent only reads outcomes").hasValue(0);
        assertThat(ledger.effects()).as("every run made its four effects").hasSize(CrashWorld.EFFECTS_PER_RUN * runs);
        assertThat(runs).isPositive();
    }

    /**
     * Per life: a halt at a target boundary (cycling through every kind and position; a halt before an approval
     * kind follows a halt right after a plain call's durable intent, which leaves a call in doubt), a halt at the
     * n-th write of any kind, or a SIGKILL at a random moment.
     */
    private static List<String> schedule(int iterations, Random random) {
        List<String> schedule = new ArrayList<>();
        int h = 0;
        while (schedule.size() < iterations) {
            if (schedule.size() % 4 == 3) {
                schedule.add("timer");
            } else if (h % 2 == 1) {
                schedule.add(POSITIONS.get(random.nextInt(3)) + ":ANY:any:" + (1 + random.nextInt(60)));
                h++;
            } else {
                int t = (h / 2) % (TARGETS.size() * POSITIONS.size());
                String target = TARGETS.get(t % TARGETS.size());
                String pos = POSITIONS.get((t / TARGETS.size() + t) % POSITIONS.size());
                if (target.startsWith("APPROVAL")) {
                    schedule.add("after:STEP_INTENT:append:1");
                    if (schedule.size() >= iterations) {
                        break;
                    }
                }
                schedule.add(pos + ":" + target + ":" + (target.startsWith("APPROVAL") ? 1 : 1 + random.nextInt(3)));
                h++;
            }
        }
        return schedule;
    }

    private static Process start(Path dir, String halt, int newRuns, Path output) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Xshare:auto", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Daios.crash.dir=" + dir, "-Daios.crash.newRuns=" + newRuns, "-Daios.crash.halt=" + halt,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                CrashWorkerMain.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
    }

    private static void check(String log, int life, String spec, List<String> problems) {
        for (String bad : List.of("JOURNAL_OPEN_FAILED", "UNEXPECTED", "STUCK", "RUN_NOT_SUCCEEDED", "APPROVER ",
                "could not be resumed", "JournalException")) {
            if (log.contains(bad)) {
                problems.add("life " + life + " (" + spec + "): " + bad + ":\n" + log);
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            n++;
        }
        return n;
    }

    private static void row(StringBuilder table, String name, Object value) {
        table.append(String.format("%-42s %s%n", name, value));
    }
}
