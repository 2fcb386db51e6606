package dev.aios.journal.postgres;

import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.RunStatus;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.testing.ForwardingRunJournal;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FlowPolicy;
import dev.aios.runtime.RiskPolicy;
import dev.aios.runtime.RunHandle;
import dev.aios.runtime.RunSummary;
import dev.aios.testing.crash.CarefulPerson;
import dev.aios.testing.crash.CrashFiles;
import dev.aios.testing.crash.CrashWorld;
import dev.aios.testing.crash.EffectLedger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One worker process of {@link PostgresDurableRunCrashTest}: a real {@link Agent} (a code planner, no
 * brain) over a {@link PostgresRunJournal} that every worker shares, under an owner name of its own
 * and a short lease, over the {@link CrashWorld} (its effects in an {@link EffectLedger} that every
 * worker shares). A {@link CarefulPerson} answers its in-doubt approvals. It starts a few six-step
 * runs, and keeps resuming the unfinished runs of the journal (those of killed workers, once their
 * leases expire) until it is killed; in its final life
 * ({@code aios.pgcrash.final=true}) until every run of the journal is finished.
 *
 * <p>System properties: {@code aios.test.postgres.url}, {@code aios.pgcrash.schema},
 * {@code aios.pgcrash.prefix}, {@code aios.pgcrash.dir} (ledger and event files),
 * {@code aios.pgcrash.owner}, {@code aios.pgcrash.leaseMillis}, {@code aios.pgcrash.newRuns},
 * {@code aios.pgcrash.final}.
 *
 * <p>Exit codes: 0 done (final life), 3 the journal did not open, 4 something unexpected (printed).
 */
public final class PgCrashWorker {
    private PgCrashWorker() {}

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("aios.test.postgres.url");
        String schema = System.getProperty("aios.pgcrash.schema");
        String prefix = System.getProperty("aios.pgcrash.prefix");
        Path dir = Path.of(System.getProperty("aios.pgcrash.dir"));
        String owner = System.getProperty("aios.pgcrash.owner");
        long leaseMillis = Long.getLong("aios.pgcrash.leaseMillis", 2000);
        int newRuns = Integer.getInteger("aios.pgcrash.newRuns", 3);
        boolean last = Boolean.getBoolean("aios.pgcrash.final");
        EffectLedger ledger = EffectLedger.shared(dir.resolve("ledger.txt"), owner);

        PostgresRunJournal pg;
        try {
            pg = PostgresRunJournal.builder(url, null, null).schema(schema).tablePrefix(prefix).owner(owner)
                    .lease(Duration.ofMillis(leaseMillis)).build();
        } catch (RuntimeException e) {
            System.out.println("JOURNAL_OPEN_FAILED " + e);
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("OPENED " + owner);
        System.out.flush();
        try (Connection peek = DriverManager.getConnection(url)) {
            RunJournal journal = new Watching(pg, peek, dir.resolve("takeovers.txt"));
            Agent agent = Agent.builder()
                    .tools(CrashWorld.tools(ledger, 500, 8000))
                    .planner(CrashWorld.planner())
                    .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build())
                    .flowPolicy(FlowPolicy.builder().trustOutputOf("notes.read").build())
                    .journal(journal)
                    .skills(false)
                    .retryBackoff(Duration.ofMillis(1))
                    .build();
            Thread approver = new CarefulPerson(agent.approvals(), ledger, dir.resolve("approvals.txt"), owner,
                    Duration.ofMillis(20)).start();

            List<RunHandle> mine = new ArrayList<>();
            int started = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            long nextResume = 0;
            while (true) {
                if (System.nanoTime() >= nextResume) {
                    for (RunHandle h : agent.resumeUnfinished()) {
                        watch(h);
                    }
                    nextResume = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                    if (last && started >= newRuns && mine.stream().allMatch(RunHandle::isDone)) {
                        List<RunSummary> runs = agent.runs();
                        if (runs.stream().allMatch(r -> r.state() == RunSummary.State.FINISHED)) {
                            break;
                        }
                        if (System.nanoTime() > deadline) {
                            System.out.println("STUCK " + runs.stream()
                                    .filter(r -> r.state() != RunSummary.State.FINISHED).toList());
                            System.out.flush();
                            Runtime.getRuntime().halt(4);
                        }
                    }
                }
                if (started < newRuns && mine.stream().filter(h -> !h.isDone()).count() < 2) {
                    RunHandle h = agent.start(Goal.of("pg crash run " + owner + " " + started));
                    watch(h);
                    mine.add(h);
                    started++;
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
            approver.interrupt();
            journal.close();
            System.out.println("DONE");
            System.out.flush();
            System.exit(0);
        } catch (Throwable t) {
            System.out.println("UNEXPECTED " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(4);
        }
    }

    private static void watch(RunHandle h) {
        h.outcome().whenComplete((o, e) -> {
            if (e != null || o.status() != RunStatus.SUCCEEDED) {
                System.out.println("RUN_NOT_SUCCEEDED " + h.runId() + " "
                        + (e != null ? e : o.status() + " " + o.detail()));
                System.out.flush();
            }
        });
    }

    /**
     * The shared journal, watched: a claim of a run whose previous owner's lease had expired (the owner
     * was killed without giving the run up) is a takeover, written to {@code takeovers.txt}.
     */
    static final class Watching extends ForwardingRunJournal {
        private final PostgresRunJournal journal;
        private final Connection peek;
        private final Path takeovers;

        Watching(PostgresRunJournal journal, Connection peek, Path takeovers) {
            super(journal);
            this.journal = journal;
            this.peek = peek;
            this.takeovers = takeovers;
        }

        @Override
        public Optional<RunLog> claim(String runId) {
            String before = previousOwner(runId);
            Optional<RunLog> claimed = delegate.claim(runId);
            if (claimed.isPresent() && before != null) {
                CrashFiles.appendForced(takeovers, runId + " " + before + " " + journal.owner());
            }
            return claimed;
        }

        /** @return the run's owner if its lease has expired, else null */
        private synchronized String previousOwner(String runId) {
            try (PreparedStatement s = peek.prepareStatement("SELECT owner FROM " + journal.sql.runs
                    + " WHERE run_id = ? AND owner IS NOT NULL AND lease_until < now()")) {
                s.setString(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                return null;
            }
        }
    }
}
