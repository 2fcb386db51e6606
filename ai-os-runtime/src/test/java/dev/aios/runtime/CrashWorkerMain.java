package dev.aios.runtime;

import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.testing.ForwardingRunJournal;
import dev.aios.runtime.internal.journal.RunFile;
import dev.aios.testing.crash.CarefulPerson;
import dev.aios.testing.crash.CrashFiles;
import dev.aios.testing.crash.CrashWorld;
import dev.aios.testing.crash.EffectLedger;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One life of the worker process of {@link DurableRunCrashTest}: an agent with a {@link FileRunJournal}
 * in {@code aios.crash.dir}/journal over the {@link CrashWorld} (its effects in an {@link EffectLedger}
 * that one life at a time writes), whose in-doubt approvals a {@link CarefulPerson} answers, resumes unfinished runs and starts new ones, until it is killed (SIGKILL from the parent, or
 * {@code Runtime.halt(137)} at a chosen journal boundary) or, in its final life, until every run is finished.
 *
 * <p>System properties: {@code aios.crash.dir}; {@code aios.crash.newRuns} (new runs to start in this life;
 * while a halt is armed and has not fired, it goes on starting runs); {@code aios.crash.halt}
 * ({@code pos:KIND:mode:n}: halt {@code before}, {@code mid} or {@code after} the n-th journal write of kind
 * KIND ({@code ANY} for every kind) made with {@code append}, {@code later} (appendLater), or {@code any}).
 *
 * <p>Exit codes: 0 done, 3 the journal did not open, 4 something unexpected (printed).
 */
public final class CrashWorkerMain {
    private CrashWorkerMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("aios.crash.dir"));
        int newRuns = Integer.getInteger("aios.crash.newRuns", 3);
        Halt halt = Halt.parse(System.getProperty("aios.crash.halt", ""), dir.resolve("halt.txt"));
        String who = "pid" + ProcessHandle.current().pid();
        EffectLedger ledger = EffectLedger.forOneProcess(dir.resolve("ledger.txt"), who);

        RunJournal journal;
        try {
            journal = new HaltingJournal(FileRunJournal.builder(dir.resolve("journal")).opener(halt.opener()).open(), halt);
        } catch (RuntimeException e) {
            System.out.println("JOURNAL_OPEN_FAILED " + e);
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("OPENED");
        System.out.flush();
        try {
            Agent agent = Agent.builder()
                    .tools(CrashWorld.tools(ledger, 200, 4000))
                    .planner(CrashWorld.planner())
                    .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build())
                    .flowPolicy(FlowPolicy.builder().trustOutputOf("notes.read").build())
                    .journal(journal)
                    .skills(false)
                    .retryBackoff(java.time.Duration.ofMillis(1))
                    .build();
            Thread approver = new CarefulPerson(agent.approvals(), ledger, dir.resolve("approvals.txt"), who,
                    java.time.Duration.ofMillis(5)).start();

            List<dev.aios.runtime.RunHandle> handles = new ArrayList<>(agent.resumeUnfinished());
            int started = 0;
            while (started < newRuns || (halt.armed() && started < 200)) {
                // at most three runs of this life at once, besides the resumed ones
                while (handles.stream().filter(h -> !h.outcome().isDone()).count() >= 3) {
                    TimeUnit.MILLISECONDS.sleep(2);
                }
                handles.add(agent.start(Goal.of("crash run " + started)));
                started++;
            }
            for (dev.aios.runtime.RunHandle h : handles) {
                RunOutcome o = h.await();
                if (o.status() != dev.aios.api.RunStatus.SUCCEEDED) {
                    System.out.println("RUN_NOT_SUCCEEDED " + o.runId() + " " + o.status() + " " + o.detail());
                }
            }
            // Runs resumed by answering their approvals are not among the handles: wait until all are finished.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                List<RunSummary> runs = agent.runs();
                if (runs.stream().allMatch(r -> r.state() == RunSummary.State.FINISHED)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    System.out.println("STUCK " + runs.stream().filter(r -> r.state() != RunSummary.State.FINISHED).toList());
                    System.out.flush();
                    Runtime.getRuntime().halt(4);
                }
                for (dev.aios.runtime.RunHandle h : agent.resumeUnfinished()) {
                    h.outcome(); // runs on its own; finished when runs() says so
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            approver.interrupt();
            approver.join(5_000); // it reads the journal: stop it before the journal closes
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

    /**
     * Where to halt: before, in the middle of (a torn record: half of its bytes written) or after the n-th
     * journal write of a kind. Whatever fires first is written to {@code halt.txt} (forced) before halting.
     */
    static final class Halt {
        final String pos;
        final String kind;
        final String mode;
        final int n;
        final Path marker;
        final AtomicInteger seen = new AtomicInteger();
        volatile boolean fired;
        final ThreadLocal<String> tearing = new ThreadLocal<>();

        private Halt(String pos, String kind, String mode, int n, Path marker) {
            this.pos = pos;
            this.kind = kind;
            this.mode = mode;
            this.n = n;
            this.marker = marker;
        }

        static Halt parse(String spec, Path marker) {
            if (spec.isBlank()) {
                return new Halt("", "", "", 0, marker);
            }
            String[] p = spec.split(":");
            return new Halt(p[0], p[1], p[2], Integer.parseInt(p[3]), marker);
        }

        boolean armed() {
            return n > 0 && !fired;
        }

        /** Runs {@code write} (a journal write of {@code k} made with {@code how}), halting around it if chosen. */
        <T> T around(JournalEntry.Kind k, String how, java.util.function.Supplier<T> write) {
            boolean mine = n > 0 && !fired && (kind.equals("ANY") || kind.equals(k.name()))
                    && (mode.equals("any") || mode.equals(how)) && seen.incrementAndGet() == n;
            if (!mine) {
                return write.get();
            }
            String what = k + " " + how;
            switch (pos) {
                case "before" -> die("before " + what);
                case "mid" -> tearing.set(what);
                default -> { }
            }
            T result = write.get();
            die((pos.equals("mid") ? "after(no write to tear) " : "after ") + what);
            return result;
        }

        void die(String what) {
            fired = true;
            CrashFiles.appendForced(marker, what);
            Runtime.getRuntime().halt(137);
        }

        RunFile.Opener opener() {
            return (path, write) -> {
                RunFile file = RunFile.CHANNELS.open(path, write);
                return new RunFile() {
                    @Override
                    public int read(ByteBuffer dst, long position) throws IOException {
                        return file.read(dst, position);
                    }

                    @Override
                    public void write(ByteBuffer src, long position) throws IOException {
                        String what = tearing.get();
                        if (what != null && src.remaining() > 1) {
                            ByteBuffer half = src.duplicate();
                            half.limit(half.position() + src.remaining() / 2);
                            file.write(half, position);
                            file.force();
                            die("mid " + what + " (" + half.limit() + " of " + src.limit() + " bytes)");
                        }
                        file.write(src, position);
                    }

                    @Override
                    public void force() throws IOException {
                        file.force();
                    }

                    @Override
                    public void truncate(long size) throws IOException {
                        file.truncate(size);
                    }

                    @Override
                    public long size() throws IOException {
                        return file.size();
                    }

                    @Override
                    public void close() throws IOException {
                        file.close();
                    }
                };
            };
        }
    }

    /** A {@link RunJournal} that halts the process around a chosen write of the journal it wraps. */
    static final class HaltingJournal extends ForwardingRunJournal {
        private final Halt halt;

        HaltingJournal(RunJournal delegate, Halt halt) {
            super(delegate);
            this.halt = halt;
        }

        @Override
        public RunLog create(String runId, JournalEntry first) {
            return new HaltingLog(halt.around(first.kind(), "append", () -> delegate.create(runId, first)));
        }

        @Override
        public Optional<RunLog> claim(String runId) {
            return delegate.claim(runId).map(HaltingLog::new);
        }

        private final class HaltingLog implements RunLog {
            private final RunLog log;

            HaltingLog(RunLog log) {
                this.log = log;
            }

            @Override
            public String runId() {
                return log.runId();
            }

            @Override
            public List<JournalEntry> entries() {
                return log.entries();
            }

            @Override
            public void append(JournalEntry entry) {
                halt.around(entry.kind(), "append", () -> {
                    log.append(entry);
                    return null;
                });
            }

            @Override
            public void appendLater(JournalEntry entry) {
                halt.around(entry.kind(), "later", () -> {
                    log.appendLater(entry);
                    return null;
                });
            }

            @Override
            public void close() {
                log.close();
            }
        }
    }
}
