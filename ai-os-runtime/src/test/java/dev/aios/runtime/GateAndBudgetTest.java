package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ApprovalRequest;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.Budget;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.AgentEvent.Type;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.InProcessToolRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gate (deny, ask, approvals), budgets of every kind, and cancellation. */
@Timeout(30)
class GateAndBudgetTest {
    private final RecordingListener listener = new RecordingListener();

    private Agent.Builder agent(ScriptedChatModel brain, RecordingTools tools) {
        return tools.agent(brain, listener);
    }

    @Test
    void deniedStepNeverCallsTheToolAndTheRunFailsWithTheReason() {
        RecordingTools tools = new RecordingTools().echo("files.delete", ToolRisk.DESTRUCTIVE);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "files.delete", "arguments": {"text": "/home"}}]}""");

        RunOutcome outcome = agent(brain, tools)
                .gatePolicy(RiskPolicy.builder().onDestructive(Verdict.DENY).build())
                .maxReplans(0)
                .build()
                .run(Goal.of("Clean up"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(tools.calls).isEmpty();
        StepRecord step = outcome.steps().get(0);
        assertThat(step.status()).isEqualTo(StepRecord.Status.DENIED);
        assertThat(step.attempts()).isZero();
        assertThat(step.gate().reason()).contains("files.delete is destructive");
        assertThat(outcome.detail()).contains("was denied");
        assertThat(listener.types()).contains(Type.STEP_DENIED).doesNotContain(Type.STEP_STARTED);
    }

    @Test
    void afterADenialTheReplanSeesTheReasonAndWorksAround() {
        RecordingTools tools = new RecordingTools()
                .echo("files.delete", ToolRisk.DESTRUCTIVE)
                .echo("files.archive", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "files.delete"}]}""", """
                {"steps": [{"id": "s2", "tool": "files.archive"}]}""");

        RunOutcome outcome = agent(brain, tools)
                .gatePolicy(RiskPolicy.builder().onDestructive(Verdict.DENY).build())
                .build()
                .run(Goal.of("Clean up"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(tools.calls).containsExactly("files.archive{}");
        assertThat(brain.prompts().get(1)).contains("s1 files.delete -> DENIED", "do not plan it again");
    }

    @Test
    void privateGoalNeverReachesAnOpenWorldTool() {
        RecordingTools tools = new RecordingTools().echo("web.post", ToolRisk.SIDE_EFFECTING.withOpenWorld());
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "web.post", "arguments": {"text": "my diary"}}]}""");

        RunOutcome outcome = agent(brain, tools).maxReplans(0).build()
                .run(Goal.builder("Share my diary").tag(Goal.PRIVATE).build());

        assertThat(tools.calls).isEmpty();
        assertThat(outcome.steps().get(0).gate().reason()).contains("private", "reaches beyond this machine");
    }

    @Test
    void approvedStepRunsAfterAHumanSaysYes() {
        RecordingTools tools = new RecordingTools().echo("mail.send", ToolRisk.DESTRUCTIVE);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "mail.send", "arguments": {"text": "hello"}}]}""");
        Agent agent = agent(brain, tools).build();

        RunHandle run = agent.start(Goal.of("Send the mail"));
        ApprovalRequest request = awaitPending(agent);
        assertThat(tools.calls).as("nothing runs before approval").isEmpty();
        assertThat(request.call().arguments()).containsEntry("text", "hello");
        assertThat(request.tool().name()).isEqualTo("mail.send");
        assertThat(agent.approvals().approve(request.id(), "ok by test")).isTrue();
        RunOutcome outcome = run.await();

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(tools.calls).containsExactly("mail.send{text=hello}");
        assertThat(listener.types()).containsSubsequence(Type.APPROVAL_REQUESTED, Type.APPROVAL_GRANTED,
                Type.STEP_STARTED);
        assertThat(agent.approvals().pending()).isEmpty();
        assertThat(agent.approvals().approve(request.id(), "again")).as("answered once only").isFalse();
        assertThat(agent.memory().recall(new dev.aios.api.MemoryQuery("user approved mail.send", 5,
                java.util.Set.of(dev.aios.api.MemoryLayer.LONG_TERM), java.util.Map.of("kind", "preference"))))
                .singleElement()
                .satisfies(hit -> assertThat(hit.record().text())
                        .isEqualTo("The user approved mail.send for the goal: Send the mail (ok by test)"));
    }

    @Test
    void deniedByAHumanTheToolNeverRuns() {
        RecordingTools tools = new RecordingTools().echo("mail.send", ToolRisk.DESTRUCTIVE);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "mail.send"}]}""");
        Agent agent = agent(brain, tools).maxReplans(0).build();

        RunHandle run = agent.start(Goal.of("Send the mail"));
        agent.approvals().deny(awaitPending(agent).id(), "not today");
        RunOutcome outcome = run.await();

        assertThat(tools.calls).isEmpty();
        assertThat(outcome.steps().get(0).status()).isEqualTo(StepRecord.Status.DENIED);
        assertThat(outcome.steps().get(0).detail()).contains("not today");
    }

    @Test
    void unansweredApprovalTimesOutWhileOtherStepsGoOn() {
        RecordingTools tools = new RecordingTools()
                .echo("mail.send", ToolRisk.DESTRUCTIVE)
                .echo("notes.read", ToolRisk.READ_ONLY);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "send", "tool": "mail.send"}, {"id": "read", "tool": "notes.read"}]}""");

        RunOutcome outcome = agent(brain, tools).approvalTimeout(Duration.ofMillis(300)).maxReplans(0).build()
                .run(Goal.of("Send and read"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(tools.calls).containsExactly("notes.read{}");
        assertThat(outcome.steps()).extracting(StepRecord::status) // in the order they ended
                .containsExactly(StepRecord.Status.SUCCEEDED, StepRecord.Status.APPROVAL_TIMED_OUT);
        assertThat(listener.types()).contains(Type.APPROVAL_TIMED_OUT);
        assertThat(outcome.answer()).contains("notes.read:");
    }

    @Test
    void stepBudgetEndsTheRunWithAPartialResult() {
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "a", "arguments": {"text": "1"}},
                           {"id": "s2", "tool": "a", "arguments": {"text": "2"}, "dependsOn": ["s1"]},
                           {"id": "s3", "tool": "a", "arguments": {"text": "3"}, "dependsOn": ["s2"]}]}""");

        RunOutcome outcome = agent(brain, tools).build()
                .run(Goal.builder("three steps").budget(Budget.defaults().withMaxSteps(2)).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(outcome.exhausted()).isEqualTo(Budget.Kind.STEPS);
        assertThat(tools.calls).containsExactly("a{text=1}", "a{text=2}");
        assertThat(outcome.answer()).contains("Partial result", "a:1", "a:2");
        assertThat(outcome.detail()).contains("step budget", "2 steps");
        assertThat(listener.types()).contains(Type.BUDGET_EXHAUSTED);
    }

    @Test
    void tokenBudgetStopsFurtherModelCalls() {
        RecordingTools tools = new RecordingTools()
                .tool("flaky", ToolRisk.SIDE_EFFECTING, args -> ToolResult.failure("nope"));
        String plan = """
                {"steps": [{"id": "s1", "tool": "flaky"}]}""";
        ScriptedChatModel brain = ScriptedChatModel.replying(plan, plan, plan).tokensPerCall(900, 100);

        RunOutcome outcome = agent(brain, tools).maxReplans(5).build()
                .run(Goal.builder("retry forever").budget(Budget.defaults().withMaxTokens(1800)).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(outcome.exhausted()).isEqualTo(Budget.Kind.TOKENS);
        assertThat(brain.requests()).hasSize(2); // the third call was never made
        // Each call's output was capped to what the budget had left (1800, then 1800 - 1000, less the input
        // estimate); the total still passes 1800 only because this scripted provider reports 900 input tokens
        // for any prompt, and input, unlike output, cannot be capped.
        assertThat(brain.requests().get(0).parameters().maxOutputTokens()).isNotNull().isLessThan(1800);
        assertThat(brain.requests().get(1).parameters().maxOutputTokens()).isNotNull().isLessThan(800);
        assertThat(outcome.usage().totalTokens()).isEqualTo(2000);
        assertThat(outcome.detail()).contains("2000 of 1800");
    }

    @Test
    void costBudgetCountsTheBrainsPrices() {
        RecordingTools tools = new RecordingTools()
                .tool("flaky", ToolRisk.SIDE_EFFECTING, args -> ToolResult.failure("nope"));
        String plan = """
                {"steps": [{"id": "s1", "tool": "flaky"}]}""";
        ScriptedChatModel model = ScriptedChatModel.replying(plan, plan, plan).tokensPerCall(1_000_000, 0);
        Brain cloud = new Brain("cloud", model, new BrainProfile("test", BrainProfile.Location.CLOUD,
                new BigDecimal("2.50"), new BigDecimal("10"), 128_000, EnumSet.noneOf(BrainProfile.Capability.class),
                Duration.ofSeconds(2)));

        RunOutcome outcome = Agent.builder().brain(cloud).tools(tools.registry()).maxReplans(5).build()
                .run(Goal.builder("spend")
                        .budget(Budget.defaults().withMaxCost(new BigDecimal("4.00")).withMaxTokens(100_000_000))
                        .build());

        assertThat(outcome.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(outcome.exhausted()).isEqualTo(Budget.Kind.COST);
        assertThat(outcome.usage().cost()).isEqualByComparingTo("5.00");
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void privateGoalIsNotSentToACloudBrain() {
        ScriptedChatModel model = ScriptedChatModel.replying("{}");
        Brain cloud = new Brain("cloud", model, new BrainProfile("test", BrainProfile.Location.CLOUD,
                BigDecimal.ONE, BigDecimal.ONE, 128_000, EnumSet.noneOf(BrainProfile.Capability.class),
                Duration.ofSeconds(2)));

        RunOutcome outcome = Agent.builder().brain(cloud).build()
                .run(Goal.builder("my medical records").tag(Goal.PRIVATE).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.detail()).contains("cloud: runs in the cloud and the data is private");
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void wallTimeBudgetInterruptsASlowTool() {
        AtomicBoolean interrupted = new AtomicBoolean();
        RecordingTools tools = new RecordingTools().tool("slow", ToolRisk.READ_ONLY, args -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return ToolResult.success("late");
        });
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "slow"}]}""");

        long start = System.nanoTime();
        RunOutcome outcome = agent(brain, tools).build()
                .run(Goal.builder("wait").budget(Budget.defaults().withMaxWallTime(Duration.ofMillis(300))).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(outcome.exhausted()).isEqualTo(Budget.Kind.WALL_TIME);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.steps().get(0).status()).isEqualTo(StepRecord.Status.CANCELLED);
        awaitTrue(interrupted);
    }

    @Test
    void toolTimeoutFailsTheCallWithoutEndingTheRun() {
        RecordingTools tools = new RecordingTools()
                .tool("hang", ToolRisk.SIDE_EFFECTING, args -> {
                    Thread.sleep(20_000);
                    return ToolResult.success("late");
                })
                .echo("fast", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "hang"}]}""", """
                {"steps": [{"id": "s2", "tool": "fast"}]}""");

        RunOutcome outcome = agent(brain, tools).toolTimeout(Duration.ofMillis(200)).build().run(Goal.of("go"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.steps().get(0).detail()).contains("did not answer within PT0.2S");
    }

    @Test
    void cancelStopsARunningGoalFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        RecordingTools tools = new RecordingTools()
                .tool("block", ToolRisk.READ_ONLY, args -> {
                    started.countDown();
                    try {
                        Thread.sleep(20_000);
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        throw e;
                    }
                    return ToolResult.success("never");
                })
                .echo("after", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "block"}, {"id": "s2", "tool": "after", "dependsOn": ["s1"]}]}""");
        Agent agent = agent(brain, tools).build();

        RunHandle run = agent.start(Goal.of("block"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        RunOutcome outcome = run.await(Duration.ofSeconds(5));

        assertThat(outcome.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(outcome.exhausted()).isNull();
        assertThat(tools.callsTo("after")).isZero();
        assertThat(outcome.steps()).extracting(StepRecord::status)
                .containsExactly(StepRecord.Status.CANCELLED, StepRecord.Status.SKIPPED);
        assertThat(listener.types()).contains(Type.RUN_CANCELLED);
        awaitTrue(interrupted);
    }

    @Test
    void malformedPlanIsSentBackForRepairAndNeverHalfExecuted() {
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying(
                "I think you should call a",                                                   // no JSON
                """
                {"steps": [{"id": "s1", "tool": "a"}, {"id": "s2", "tool": "nope"}]}""",       // unknown tool
                """
                {"steps": [{"id": "s1", "tool": "a", "arguments": {"text": "fixed"}}]}""");

        RunOutcome outcome = agent(brain, tools).build().run(Goal.of("go"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(tools.calls).containsExactly("a{text=fixed}");
        assertThat(listener.ofType(Type.PLAN_REJECTED)).extracting(e -> e.message())
                .satisfiesExactly(
                        m -> assertThat(m).contains("no JSON object"),
                        m -> assertThat(m).contains("\"nope\", which does not exist"));
        assertThat(brain.prompts().get(2)).contains("That plan was rejected", "which does not exist");
    }

    @Test
    void brainThatNeverGivesAValidPlanFailsTheRunWithoutCallingTools() {
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying(
                "{\"steps\": [{\"id\": \"s1\", \"tool\": \"a\", \"dependsOn\": [\"s2\"]}, {\"id\": \"s2\", \"tool\": \"a\", \"dependsOn\": [\"s1\"]}]}",
                "{\"steps\": []}",
                "{\"steps\": [{\"id\": \"s1\", \"tool\": \"a\"",
                "never asked");

        RunOutcome outcome = agent(brain, tools).maxPlanRepairs(2).build().run(Goal.of("go"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.detail()).contains("no valid plan in 3 attempts");
        assertThat(tools.calls).isEmpty();
        assertThat(brain.remaining()).isEqualTo(1);
        assertThat(listener.ofType(Type.PLAN_REJECTED)).extracting(e -> e.message())
                .satisfiesExactly(
                        m -> assertThat(m).contains("cycle"),
                        m -> assertThat(m).contains("non-empty \"steps\""),
                        m -> assertThat(m).contains("never closed"));
    }

    @Test
    void missingRequiredArgumentIsAPlanErrorNotAToolCall() {
        InProcessToolRegistry tools = InProcessToolRegistry.builder()
                .tool(new dev.aios.api.ToolDescriptor("files.read", "read a file",
                        "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}",
                        ToolRisk.READ_ONLY), args -> ToolResult.success("content of " + args.get("path")))
                .build();
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "files.read", "arguments": {}}]}""", """
                {"steps": [{"id": "s1", "tool": "files.read", "arguments": {"path": "a.txt"}}]}""");

        RunOutcome outcome = Agent.builder().brain(Brain.local("b", brain)).tools(tools).listener(listener).build()
                .run(Goal.of("read a.txt"));

        assertThat(outcome.answer()).isEqualTo("content of a.txt");
        assertThat(listener.ofType(Type.PLAN_REJECTED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("needs the argument \"path\""));
    }

    private static ApprovalRequest awaitPending(Agent agent) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            List<ApprovalRequest> pending = agent.approvals().pending();
            if (!pending.isEmpty()) {
                return pending.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no approval request was parked within 5 s");
    }

    private static void awaitTrue(AtomicBoolean flag) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!flag.get() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertThat(flag).as("the tool's thread was interrupted").isTrue();
    }
}
