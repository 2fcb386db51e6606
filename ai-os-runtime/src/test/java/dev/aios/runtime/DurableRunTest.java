package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.GateDecision;
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
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.Planner;
import dev.aios.testing.InMemoryRunJournal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs recorded in a journal and resumed after a "crash" ({@link InMemoryRunJournal#crash()}: the
 * process's ownership and unflushed entries are gone) by a second agent, as a restarted process
 * would: completed steps are reused, interrupted calls are repeated only when that is safe, and
 * approvals outlive the process that asked. The forked-JVM kill -9 test is {@code DurableRunCrashTest}.
 */
@Timeout(30)
class DurableRunTest {

    /** A world with side effects: every effect a tool really had, in order, as an outside system keeps it. */
    static final class World implements ToolRegistry {
        final List<String> effects = new CopyOnWriteArrayList<>();
        final Map<String, String> applied = new ConcurrentHashMap<>(); // idempotency key -> answer
        final AtomicInteger planned = new AtomicInteger();
        volatile Consumer<ToolCall> beforeAnswer = c -> { };

        @Override
        public List<ToolDescriptor> tools() {
            return List.of(
                    new ToolDescriptor("notes.read", "reads a note", ToolDescriptor.NO_ARGUMENTS, ToolRisk.READ_ONLY),
                    new ToolDescriptor("ticket.file", "files a ticket once per idempotency key", SCHEMA,
                            ToolRisk.SIDE_EFFECTING.withIdempotencyKey()),
                    new ToolDescriptor("mail.send", "sends a mail", SCHEMA, ToolRisk.SIDE_EFFECTING));
        }

        @Override
        public ToolResult call(ToolCall call) {
            String text = String.valueOf(call.arguments().getOrDefault("text", ""));
            ToolResult result = switch (call.tool()) {
                case "notes.read" -> ToolResult.success("note: call Ann");
                case "ticket.file" -> ToolResult.success(applied.computeIfAbsent(call.idempotencyKey(), k -> {
                    effects.add("ticket:" + text);
                    return "ticket #" + effects.size();
                }));
                case "mail.send" -> {
                    effects.add("mail:" + text);
                    yield ToolResult.success("sent");
                }
                default -> ToolResult.failure("no such tool " + call.tool());
            };
            beforeAnswer.accept(call);
            return result;
        }
    }

    /** The user's own notes: their text may go into a ticket. */
    static final FlowPolicy NOTES_TRUSTED = FlowPolicy.builder().trustOutputOf("notes.read").build();

    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}";

    /** The same plan every time, counting how often it was asked for. */
    static Planner planner(World world) {
        return new Planner() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public Plan plan(dev.aios.api.spi.PlanningRequest request, dev.aios.api.spi.RunContext run) {
                world.planned.incrementAndGet();
                return new Plan(List.of(
                        PlanStep.call("read", "notes.read", Map.of()),
                        PlanStep.call("file", "ticket.file", Map.of("text", "{{read}}")).after("read"),
                        PlanStep.call("mail", "mail.send", Map.of("text", "filed")).after("file")), "done", "");
            }
        };
    }

    static Agent agent(World world, InMemoryRunJournal journal) {
        return Agent.builder()
                .tools(world)
                .planner(planner(world))
                .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build())
                .flowPolicy(NOTES_TRUSTED)
                .journal(journal)
                .skills(false)
                .build();
    }

    @Test
    void aRunIsRecordedAndAFinishedRunIsNotRunAgain() {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        Agent agent = agent(world, journal);

        RunOutcome first = agent.run(Goal.of("File the note"));

        assertThat(first.status()).as(first.detail() + first.steps()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("ticket:note: call Ann", "mail:filed");
        List<JournalEntry.Kind> kinds = journal.read(first.runId()).stream().map(JournalEntry::kind).toList();
        assertThat(kinds).startsWith(JournalEntry.Kind.RUN_STARTED, JournalEntry.Kind.PLAN)
                .contains(JournalEntry.Kind.STEP_INTENT, JournalEntry.Kind.STEP_OUTCOME, JournalEntry.Kind.LEARNED)
                .endsWith(JournalEntry.Kind.RUN_FINISHED);
        assertThat(agent.runs()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(RunSummary.State.FINISHED);
            assertThat(s.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(s.stepsDone()).isEqualTo(3);
            assertThat(s.goal()).isEqualTo("File the note");
        });
        assertThat(agent.runSummary(first.runId())).contains(agent.runs().get(0));
        assertThat(agent.runSummary("no-such-run")).isEmpty();

        RunOutcome again = agent(world, journal).resume(first.runId()).await();

        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(again.answer()).isEqualTo(first.answer());
        assertThat(again.steps()).extracting(r -> r.step().id()).containsExactly("read", "file", "mail");
        assertThat(again.steps().get(1).result().text()).isEqualTo(first.steps().get(1).result().text());
        assertThat(world.effects).hasSize(2);
        assertThat(world.planned).hasValue(1);
    }

    @Test
    void aCrashAfterAKeyedCallRepeatsItWithTheSameKeyAndTheEffectHappensOnce() throws Exception {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        CountDownLatch crashed = new CountDownLatch(1);
        world.beforeAnswer = call -> {
            if (call.tool().equals("ticket.file") && crashed.getCount() > 0) {
                journal.crash(); // the effect happened; the process dies before the outcome is recorded
                crashed.countDown();
            }
        };
        RunOutcome dead = agent(world, journal).run(Goal.of("File the note"));
        assertThat(dead.status()).isEqualTo(RunStatus.FAILED); // what the dying process saw: its journal was gone
        assertThat(dead.detail()).contains("owned by another process");
        assertThat(world.effects).containsExactly("ticket:note: call Ann");

        Agent restarted = agent(world, journal);
        assertThat(restarted.runs()).singleElement().extracting(RunSummary::state).isEqualTo(RunSummary.State.INTERRUPTED);
        List<RunHandle> resumed = restarted.resumeUnfinished();

        assertThat(resumed).hasSize(1);
        RunOutcome outcome = resumed.get(0).await();
        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("ticket:note: call Ann", "mail:filed");
        assertThat(world.applied).hasSize(1); // the same key both times
        // Nothing durable was written after the plan (a keyed call needs no durable intent), so the crash lost it and
        // the run planned again; the keyed call got the same key because it is the same call in the same step.
        assertThat(world.planned).hasValue(2);
    }

    @Test
    void anInterruptedCallThatCannotBeRepeatedWaitsForAPersonAcrossTheRestart() throws Exception {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        AtomicInteger mails = new AtomicInteger();
        world.beforeAnswer = call -> {
            if (call.tool().equals("mail.send") && mails.incrementAndGet() == 1) {
                journal.crash();
            }
        };
        RunOutcome dead = agent(world, journal).run(Goal.of("File the note"));
        assertThat(dead.status()).isEqualTo(RunStatus.FAILED);

        // A new process lists the question without resuming anything itself.
        Agent restarted = agent(world, journal);
        RunHandle handle = restarted.resumeUnfinished().get(0);
        ApprovalRequest doubt = awaitPending(restarted);
        assertThat(doubt.reason()).contains("may or may not have happened");
        assertThat(doubt.call().tool()).isEqualTo("mail.send");
        assertThat(restarted.runs()).singleElement().extracting(RunSummary::state)
                .isEqualTo(RunSummary.State.WAITING_FOR_APPROVAL);

        restarted.approvals().deny(doubt.id(), "it went out: I can see it in Sent");
        RunOutcome outcome = handle.await();

        assertThat(world.effects).containsExactly("ticket:note: call Ann", "mail:filed"); // not sent twice
        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED); // the person vouched for it: the run went on
        StepRecord mail = outcome.steps().stream().filter(r -> r.step().id().equals("mail")).findFirst().orElseThrow();
        assertThat(mail.status()).isEqualTo(StepRecord.Status.SUCCEEDED);
        assertThat(mail.result().text()).contains("a person said it had happened", "I can see it in Sent");
        assertThat(world.planned).hasValue(1); // the mail's durable intent made the plan durable too
        assertThat(outcome.steps().stream().filter(r -> r.step().id().equals("file")).findFirst().orElseThrow().status())
                .isEqualTo(StepRecord.Status.SUCCEEDED);
    }

    @Test
    void aPendingApprovalSurvivesARestartAndApprovingItResumesTheRunInTheNewProcess() throws Exception {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        Agent first = Agent.builder().tools(world).planner(planner(world)).skills(false).journal(journal).flowPolicy(NOTES_TRUSTED)
                .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ASK).build())
                .approvalTimeout(Duration.ofMinutes(10))
                .build();
        RunHandle waiting = first.start(Goal.of("File the note"));
        ApprovalRequest asked = awaitPending(first);
        assertThat(asked.call().tool()).isEqualTo("ticket.file");
        journal.crash(); // the process dies while the person thinks
        waiting.cancel();
        waiting.await();

        List<AgentEvent> events = new CopyOnWriteArrayList<>();
        Agent second = Agent.builder().tools(world).planner(planner(world)).skills(false).journal(journal).flowPolicy(NOTES_TRUSTED)
                .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ASK).build())
                .listener(events::add)
                .build();
        List<ApprovalRequest> pending = second.approvals().pending();
        assertThat(pending).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(asked.id());
            assertThat(r.expiresAt()).isEqualTo(asked.expiresAt()); // the timeout counts across the restart
        });

        assertThat(second.approvals().approve(asked.id(), "go")).isTrue();
        // the mail step asks too: approve it in this process
        ApprovalRequest mail = awaitPending(second);
        assertThat(mail.call().tool()).isEqualTo("mail.send");
        second.approvals().approve(mail.id(), "");
        RunSummary done = awaitFinished(second, asked.runId());

        assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(world.effects).containsExactly("ticket:note: call Ann", "mail:filed");
        assertThat(events).extracting(AgentEvent::type).contains(AgentEvent.Type.RUN_RESUMED);
    }

    /** A planner that plans by the goal's text: a sub-goal, or a plan that fails first and a second that works. */
    static Planner scripted(World world, AtomicInteger reflections) {
        return new Planner() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Plan plan(dev.aios.api.spi.PlanningRequest request, dev.aios.api.spi.RunContext run) {
                world.planned.incrementAndGet();
                String goal = request.perception().goal().text();
                if (goal.startsWith("Delegate")) {
                    return new Plan(List.of(new PlanStep("sub", "", new PlanStep.SubGoal("File and mail"), List.of(),
                            dev.aios.api.Expectation.none())), null, "");
                }
                if (request.reflection() != null) {
                    reflections.incrementAndGet();
                }
                if (goal.startsWith("Replan") && request.reflection() == null) {
                    return new Plan(List.of(PlanStep.call("bad", "no.such.tool", Map.of())), null, "");
                }
                return new Plan(List.of(
                        PlanStep.call("file", "ticket.file", Map.of("text", "t")),
                        PlanStep.call("mail", "mail.send", Map.of("text", "m")).after("file")), "done", "");
            }
        };
    }

    @Test
    void aResumedRunReplaysItsPlansAndReflectionsAndSubGoalRunsFromTheJournal() throws Exception {
        for (String goal : List.of("Replan after the first plan fails", "Delegate the filing")) {
            World world = new World();
            InMemoryRunJournal journal = new InMemoryRunJournal();
            AtomicInteger replans = new AtomicInteger();
            AtomicInteger mails = new AtomicInteger();
            world.beforeAnswer = call -> {
                if (call.tool().equals("mail.send") && mails.incrementAndGet() == 1) {
                    journal.crash();
                }
            };
            java.util.function.Supplier<Agent> agent = () -> Agent.builder().tools(world).skills(false)
                    .planner(scripted(world, replans)).journal(journal).flowPolicy(NOTES_TRUSTED)
                    .gatePolicy(RiskPolicy.builder().onSideEffecting(Verdict.ALLOW).build()).build();
            assertThat(agent.get().run(Goal.of(goal)).status()).isEqualTo(RunStatus.FAILED);
            int plannedBefore = world.planned.get();
            int replansBefore = replans.get();

            Agent restarted = agent.get();
            RunHandle handle = restarted.resumeUnfinished().get(0);
            ApprovalRequest doubt = awaitPending(restarted);
            restarted.approvals().approve(doubt.id(), "not in Sent: send it");
            RunOutcome outcome = handle.await();

            assertThat(outcome.status()).as(goal + ": " + outcome.detail()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(world.planned).as(goal + ": no plan asked for again").hasValue(plannedBefore);
            assertThat(replans).as(goal + ": the reflection came from the journal").hasValue(replansBefore);
            assertThat(world.effects).as(goal).containsExactly("ticket:t", "mail:m", "mail:m"); // a person chose to
        }
    }

    @Test
    void noConfiguredSecretIsWrittenToTheJournal() {
        String key = dev.aios.api.Secrets.register("sk-journal-" + java.util.UUID.randomUUID());
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        RunOutcome outcome = agent(world, journal).run(Goal.builder("File the note with key " + key).build());

        assertThat(journal.read(outcome.runId())).isNotEmpty()
                .allSatisfy(e -> assertThat(e.body()).doesNotContain(key));
    }

    @Test
    void finishedRunsOlderThanTheRetentionAreDeletedAndUnfinishedOnesKept() {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        Agent agent = agent(world, journal);
        RunOutcome done = agent.run(Goal.of("File the note"));
        journal.create("unfinished", JournalEntry.of(JournalEntry.Kind.RUN_STARTED,
                journal.read(done.runId()).get(0).body())).close();

        assertThat(agent.deleteFinishedRuns(Duration.ofDays(1))).isZero();
        assertThat(agent.deleteFinishedRuns(Duration.ZERO)).isEqualTo(1);
        assertThat(journal.runIds()).containsExactly("unfinished");
    }

    @Test
    void resumeRefusesARunOwnedElsewhereAndAnAgentWithoutAJournal() {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        var log = journal.create("r1", JournalEntry.of(JournalEntry.Kind.RUN_STARTED, "{\"v\":1}"));
        assertThatThrownBy(() -> agent(world, journal).resume("r1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("owned by another live process");
        log.close();
        assertThatThrownBy(() -> Agent.builder().build().resume("r1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no journal");
    }

    @Test
    void aJournalThatFailsStopsTheRunBeforeTheUnrepeatableCall() {
        World world = new World();
        InMemoryRunJournal journal = new InMemoryRunJournal();
        world.beforeAnswer = call -> {
            if (call.tool().equals("ticket.file")) {
                journal.crash(); // from here on every append fails, as with a full disk
            }
        };
        RunOutcome outcome = agent(world, journal).run(Goal.of("File the note"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(world.effects).containsExactly("ticket:note: call Ann"); // mail.send never fired
        assertThat(outcome.detail()).contains("journal").doesNotContain("call Ann");
    }

    private static ApprovalRequest awaitPending(Agent agent) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<ApprovalRequest> pending = agent.approvals().pending();
            if (!pending.isEmpty()) {
                return pending.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no approval request appeared");
    }

    private static RunSummary awaitFinished(Agent agent, String runId) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (RunSummary s : agent.runs()) {
                if (s.runId().equals(runId) && s.state() == RunSummary.State.FINISHED) {
                    return s;
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("run " + runId + " did not finish: " + agent.runs());
    }

    @SuppressWarnings("unused")
    private static List<String> copy(List<String> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
