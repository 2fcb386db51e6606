package dev.aios.journal.postgres;

import dev.aios.api.ApprovalRequest;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FlowPolicy;
import dev.aios.runtime.RiskPolicy;
import dev.aios.runtime.RunHandle;
import dev.aios.runtime.RunSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One worker process of {@link PostgresDurableRunCrashTest}: a real {@link Agent} (a code planner, no
 * brain) over a {@link PostgresRunJournal} that every worker shares, under an owner name of its own
 * and a short lease. It answers in-doubt approvals from the outside ledger (as a careful person
 * would), starts a few six-step runs, and keeps resuming the unfinished runs of the journal (those
 * of killed workers, once their leases expire) until it is killed; in its final life
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
    static final String IN_DOUBT = "may or may not have happened";
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";

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
        Ledger ledger = new Ledger(dir.resolve("ledger.txt"), owner);

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
                    .tools(new Tools(ledger))
                    .planner(new SixSteps())
                    .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build())
                    .flowPolicy(FlowPolicy.builder().trustOutputOf("notes.read").build())
                    .journal(journal)
                    .skills(false)
                    .retryBackoff(Duration.ofMillis(1))
                    .build();
            Thread approver = Thread.ofPlatform().daemon().name("careful-person")
                    .start(() -> answerForever(agent, ledger, dir, owner));

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

    /** The careful person: an in-doubt call is denied when the ledger shows it happened, approved otherwise. */
    private static void answerForever(Agent agent, Ledger ledger, Path dir, String owner) {
        Set<String> answered = new HashSet<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (ApprovalRequest r : agent.approvals().pending()) {
                    if (!answered.add(r.id())) {
                        continue;
                    }
                    if (!r.reason().contains(IN_DOUBT)) {
                        System.out.println("UNEXPECTED_APPROVAL " + r.reason());
                        System.out.flush();
                        Runtime.getRuntime().halt(4);
                    }
                    String step = r.call().id().substring(r.call().id().lastIndexOf('/') + 1);
                    boolean happened = ledger.has(r.runId(), step);
                    boolean taken = happened ? agent.approvals().deny(r.id(), "the ledger shows it happened")
                            : agent.approvals().approve(r.id(), "the ledger does not show it");
                    if (taken) {
                        appendForced(dir.resolve("approvals.txt"),
                                (happened ? "deny " : "approve ") + r.runId() + " " + step + " " + owner);
                    } else {
                        answered.remove(r.id()); // another live process owns its run: ask again later
                    }
                }
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                System.out.println("APPROVER " + e);
                System.out.flush();
            }
        }
    }

    static void appendForced(Path file, String line) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The outside world's record of real effects, shared by every worker process: one line per effect
     * ({@code run step tool key owner epochMillis}), written and forced under a file lock before the tool
     * answers. Keyed effects happen at most once per key across all processes (the lock makes the check and
     * the write one step), as an outside system with idempotency keys would.
     */
    static final class Ledger {
        private final Path file;
        private final String owner;

        Ledger(Path file, String owner) {
            this.file = file;
            this.owner = owner;
        }

        /** @return the complete lines of the ledger ({@code run step tool key owner millis}) */
        static List<String[]> read(Path file) throws IOException {
            List<String[]> lines = new ArrayList<>();
            if (!Files.exists(file)) {
                return lines;
            }
            return parse(Files.readString(file));
        }

        private static List<String[]> parse(String text) {
            List<String[]> lines = new ArrayList<>();
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return lines;
            }
            for (String line : text.substring(0, end).split("\n")) {
                String[] parts = line.split(" ");
                if (parts.length == 6) {
                    lines.add(parts);
                }
            }
            return lines;
        }

        private interface Locked<T> {
            T with(FileChannel channel, List<String[]> lines) throws IOException;
        }

        private synchronized <T> T locked(Locked<T> action) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                ByteBuffer all = ByteBuffer.allocate((int) ch.size());
                while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
                    // reads it all
                }
                return action.with(ch, parse(new String(all.array(), 0, all.position(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e, e);
            }
        }

        boolean has(String run, String step) {
            return locked((ch, lines) -> lines.stream().anyMatch(l -> l[0].equals(run) && l[1].equals(step)));
        }

        /** Applies an effect; with {@code once}, at most once per key. */
        boolean apply(String run, String step, String tool, String key, boolean once) {
            return locked((ch, lines) -> {
                if (once && lines.stream().anyMatch(l -> l[3].equals(key))) {
                    return false;
                }
                ch.write(ByteBuffer.wrap((run + " " + step + " " + tool + " " + key + " " + owner + " "
                        + System.currentTimeMillis() + "\n").getBytes(StandardCharsets.UTF_8)), ch.size());
                ch.force(false);
                return true;
            });
        }
    }

    /** notes.read (read-only), ticket.file (keyed side effect), mail.send (plain side effect). */
    static final class Tools implements ToolRegistry {
        private final Ledger ledger;

        Tools(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public List<ToolDescriptor> tools() {
            return List.of(
                    new ToolDescriptor("notes.read", "reads a note", SCHEMA, ToolRisk.READ_ONLY),
                    new ToolDescriptor("ticket.file", "files a ticket once per idempotency key", SCHEMA,
                            ToolRisk.SIDE_EFFECTING.withIdempotencyKey()),
                    new ToolDescriptor("mail.send", "sends a mail", SCHEMA, ToolRisk.SIDE_EFFECTING));
        }

        @Override
        public ToolResult call(ToolCall call) {
            pause();
            String id = call.id();
            int slash = id.lastIndexOf('/');
            String run = id.substring(0, slash);
            String step = id.substring(slash + 1);
            ToolResult result = switch (call.tool()) {
                case "notes.read" -> ToolResult.success("note " + call.arguments().get("text"));
                case "ticket.file" -> {
                    boolean applied = ledger.apply(run, step, call.tool(), call.idempotencyKey(), true);
                    yield ToolResult.success("ticket " + call.idempotencyKey() + (applied ? " filed" : " was filed"));
                }
                case "mail.send" -> {
                    ledger.apply(run, step, call.tool(), String.valueOf(call.idempotencyKey()), false);
                    yield ToolResult.success("sent");
                }
                default -> ToolResult.failure("no such tool " + call.tool());
            };
            pause();
            return result;
        }

        private static void pause() {
            try {
                TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(500, 8000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Two reads, two parallel keyed tickets, a plain mail after both, a final keyed ticket. */
    static final class SixSteps implements Planner {
        @Override
        public String name() {
            return "six-steps";
        }

        @Override
        public Plan plan(PlanningRequest request, RunContext run) {
            return new Plan(List.of(
                    PlanStep.call("readA", "notes.read", Map.of("text", "a")),
                    PlanStep.call("readB", "notes.read", Map.of("text", "b")),
                    PlanStep.call("fileA", "ticket.file", Map.of("text", "A {{readA}}")).after("readA"),
                    PlanStep.call("fileB", "ticket.file", Map.of("text", "B {{readB}}")).after("readB"),
                    PlanStep.call("mail", "mail.send", Map.of("text", "filed")).after("fileA", "fileB"),
                    PlanStep.call("close", "ticket.file", Map.of("text", "close")).after("mail")), "done", "");
        }
    }

    /**
     * The shared journal, watched: a claim of a run whose previous owner's lease had expired (the owner
     * was killed without giving the run up) is a takeover, written to {@code takeovers.txt}.
     */
    static final class Watching implements RunJournal {
        private final PostgresRunJournal delegate;
        private final Connection peek;
        private final Path takeovers;

        Watching(PostgresRunJournal delegate, Connection peek, Path takeovers) {
            this.delegate = delegate;
            this.peek = peek;
            this.takeovers = takeovers;
        }

        @Override
        public RunLog create(String runId, JournalEntry first) {
            return delegate.create(runId, first);
        }

        @Override
        public Optional<RunLog> claim(String runId) {
            String before = previousOwner(runId);
            Optional<RunLog> claimed = delegate.claim(runId);
            if (claimed.isPresent() && before != null) {
                appendForced(takeovers, runId + " " + before + " " + delegate.owner());
            }
            return claimed;
        }

        /** @return the run's owner if its lease has expired, else null */
        private synchronized String previousOwner(String runId) {
            try (PreparedStatement s = peek.prepareStatement("SELECT owner FROM " + delegate.sql.runs
                    + " WHERE run_id = ? AND owner IS NOT NULL AND lease_until < now()")) {
                s.setString(1, runId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            } catch (SQLException e) {
                return null;
            }
        }

        @Override
        public List<String> runIds() {
            return delegate.runIds();
        }

        @Override
        public List<JournalEntry> read(String runId) {
            return delegate.read(runId);
        }

        @Override
        public boolean delete(String runId) {
            return delegate.delete(runId);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
