package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentEvent.Type;
import dev.aios.api.Brain;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.testing.ScriptedChatModel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop end to end, driven by a scripted brain: plans, dependencies, retries, replans. */
class AgentLoopTest {
    private final RecordingListener listener = new RecordingListener();

    private Agent.Builder agent(ScriptedChatModel brain, RecordingTools tools) {
        return tools.agent(brain, listener);
    }

    @Test
    void runsMultiStepPlanRespectingDependenciesAndPassingResults() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        RecordingTools tools = new RecordingTools()
                .tool("mail.read", ToolRisk.READ_ONLY, args -> {
                    bothStarted.countDown();
                    // only returns once the independent calendar step runs too: proves concurrency
                    assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
                    return ToolResult.success("3 unread");
                })
                .tool("calendar.today", ToolRisk.READ_ONLY, args -> {
                    bothStarted.countDown();
                    assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
                    return ToolResult.success("2 meetings");
                })
                .echo("notes.write", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                Here is the plan:
                ```json
                {"steps": [
                  {"id": "mail", "tool": "mail.read", "arguments": {}},
                  {"id": "cal", "tool": "calendar.today", "arguments": {}},
                  {"id": "note", "tool": "notes.write", "arguments": {"text": "{{mail}} and {{cal}}"},
                   "dependsOn": ["mail", "cal"], "expect": {"contains": "unread"}}
                 ],
                 "answer": "Briefing: {{note}}"}
                ```""");

        // the two readers' output is declared trusted, so it may flow into the side-effecting note
        RunOutcome outcome = agent(brain, tools)
                .flowPolicy(FlowPolicy.builder().trustOutputOf("mail.read").trustOutputOf("calendar.today").build())
                .build().run(Goal.of("Brief me"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.answer()).isEqualTo("Briefing: notes.write:3 unread and 2 meetings");
        assertThat(tools.calls).hasSize(3).last().isEqualTo("notes.write{text=3 unread and 2 meetings}");
        assertThat(outcome.steps()).extracting(StepRecord::status).containsOnly(StepRecord.Status.SUCCEEDED);
        assertThat(outcome.stepsTaken()).isEqualTo(3);
        assertThat(outcome.plans()).isEqualTo(1);
        assertThat(outcome.usage().modelCalls()).isEqualTo(1);
        assertThat(outcome.usage().totalTokens()).isPositive();
        assertThat(brain.prompts().get(0)).contains("Goal: Brief me", "mail.read [read_only]", "notes.write [side_effecting]");
        assertThat(listener.types()).startsWith(Type.RUN_STARTED, Type.PERCEIVED, Type.PLAN_CREATED)
                .contains(Type.STEP_ALLOWED, Type.STEP_STARTED, Type.STEP_SUCCEEDED, Type.LEARNED)
                .endsWith(Type.RUN_FINISHED);
        assertThat(listener.ofType(Type.STEP_SUCCEEDED)).hasSize(3);
    }

    @Test
    void identicalCallsInParallelStepsFireOnce() {
        AtomicInteger fired = new AtomicInteger();
        RecordingTools tools = new RecordingTools().tool("tracker.create", ToolRisk.SIDE_EFFECTING, args -> {
            fired.incrementAndGet();
            Thread.sleep(300); // long enough that the other step asks for the same call meanwhile
            return ToolResult.success("T-1");
        });
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "a", "tool": "tracker.create", "arguments": {"title": "Login bug"}},
                           {"id": "b", "tool": "tracker.create", "arguments": {"title": "Login bug"}}]}""");

        RunOutcome outcome = agent(brain, tools).build().run(Goal.of("File the login bug"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(fired).as("the side effect ran once").hasValue(1);
        assertThat(outcome.steps()).extracting(StepRecord::status)
                .containsExactlyInAnyOrder(StepRecord.Status.SUCCEEDED, StepRecord.Status.REUSED);
        assertThat(outcome.steps()).allSatisfy(r -> assertThat(r.result().text()).isEqualTo("T-1"));
    }

    @Test
    void retriesIdempotentToolUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        RecordingTools tools = new RecordingTools().tool("weather.get", ToolRisk.READ_ONLY, args ->
                attempts.incrementAndGet() < 3 ? ToolResult.failure("503 busy") : ToolResult.success("sunny"));
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "weather.get", "arguments": {"city": "Oslo"}}]}""");

        RunOutcome outcome = agent(brain, tools).maxRetries(2).build().run(Goal.of("Weather?"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.answer()).isEqualTo("sunny");
        assertThat(outcome.steps().get(0).attempts()).isEqualTo(3);
        assertThat(tools.callsTo("weather.get")).isEqualTo(3);
        assertThat(listener.ofType(Type.STEP_RETRYING)).hasSize(2);
        assertThat(outcome.usage().modelCalls()).isEqualTo(1); // retries need no brain
    }

    @Test
    void stopsRetryingIdempotentToolAfterMaxRetries() {
        RecordingTools tools = new RecordingTools()
                .tool("weather.get", ToolRisk.READ_ONLY, args -> ToolResult.failure("503 busy"));
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "weather.get"}]}""");

        RunOutcome outcome = agent(brain, tools).maxRetries(1).maxReplans(0).build().run(Goal.of("Weather?"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(tools.callsTo("weather.get")).isEqualTo(2);
        assertThat(outcome.detail()).contains("weather.get", "503 busy", "no replans left");
    }

    @Test
    void neverRetriesSideEffectingToolAndReplansAroundTheFailure() {
        RecordingTools tools = new RecordingTools()
                .tool("tracker.create", ToolRisk.SIDE_EFFECTING, args -> ToolResult.failure("title too long"))
                .echo("tracker.create_short", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "tracker.create", "arguments": {"text": "a very long title"}}]}""", """
                {"steps": [{"id": "s2", "tool": "tracker.create_short", "arguments": {"text": "short"}}]}""");

        RunOutcome outcome = agent(brain, tools).build().run(Goal.of("File the bug"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.answer()).isEqualTo("tracker.create_short:short");
        assertThat(tools.callsTo("tracker.create")).isEqualTo(1);
        assertThat(outcome.plans()).isEqualTo(2);
        assertThat(outcome.steps()).extracting(StepRecord::status)
                .containsExactly(StepRecord.Status.FAILED, StepRecord.Status.SUCCEEDED);
        assertThat(listener.types()).contains(Type.STEP_FAILED, Type.REFLECTED, Type.REPLANNED)
                .doesNotContain(Type.STEP_RETRYING);
        // the replan prompt tells the brain what failed, but not the tool's words: a tool's text is untrusted
        assertThat(brain.prompts().get(1)).contains("This is a replan", "s1 tracker.create -> FAILED",
                "details withheld", "Diagnosis:").doesNotContain("title too long");
    }

    @Test
    void replanDoesNotFireASucceededSideEffectAgain() {
        RecordingTools tools = new RecordingTools()
                .echo("mail.send", ToolRisk.SIDE_EFFECTING)
                .tool("crm.update", ToolRisk.SIDE_EFFECTING, args -> ToolResult.failure("crm offline"))
                .echo("crm.update_later", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "send", "tool": "mail.send", "arguments": {"text": "hi Ann"}},
                           {"id": "crm", "tool": "crm.update", "dependsOn": ["send"]}]}""", """
                {"steps": [{"id": "send", "tool": "mail.send", "arguments": {"text": "hi Ann"}},
                           {"id": "later", "tool": "crm.update_later", "dependsOn": ["send"]}]}""");

        RunOutcome outcome = agent(brain, tools).build().run(Goal.of("Reply to Ann and log it"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(tools.callsTo("mail.send")).as("the mail went out once").isEqualTo(1);
        assertThat(outcome.steps()).extracting(StepRecord::status).containsExactly(StepRecord.Status.SUCCEEDED,
                StepRecord.Status.FAILED, StepRecord.Status.REUSED, StepRecord.Status.SUCCEEDED);
        assertThat(listener.ofType(Type.STEP_REUSED)).hasSize(1);
    }

    @Test
    void skipsDependentsOfAFailedStepButFinishesIndependentOnes() {
        RecordingTools tools = new RecordingTools()
                .tool("a", ToolRisk.SIDE_EFFECTING, args -> ToolResult.failure("broken"))
                .echo("b", ToolRisk.SIDE_EFFECTING)
                .echo("c", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "a", "tool": "a"}, {"id": "b", "tool": "b", "dependsOn": ["a"]},
                           {"id": "c", "tool": "c"}]}""");

        RunOutcome outcome = agent(brain, tools).maxReplans(0).build().run(Goal.of("abc"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(tools.callsTo("b")).isZero();
        assertThat(tools.callsTo("c")).isEqualTo(1);
        assertThat(outcome.steps()).filteredOn(r -> r.step().id().equals("b"))
                .singleElement().extracting(StepRecord::status).isEqualTo(StepRecord.Status.SKIPPED);
        assertThat(outcome.answer()).contains("Partial result", "c:");
    }

    @Test
    void runsSubGoalAsNestedRunSharingTheBudget() {
        RecordingTools tools = new RecordingTools().echo("search", ToolRisk.READ_ONLY);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "research", "subgoal": "find facts about Oslo"}],
                 "answer": "Found: {{research}}"}""", """
                {"steps": [{"id": "q", "tool": "search", "arguments": {"text": "Oslo"}}]}""");

        RunOutcome outcome = agent(brain, tools).build().run(Goal.of("Tell me about Oslo"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.answer()).isEqualTo("Found: search:Oslo");
        assertThat(outcome.usage().modelCalls()).isEqualTo(2);
        assertThat(brain.prompts().get(1)).contains("Goal: find facts about Oslo");
        assertThat(listener.events).extracting(AgentEvent::runId).anyMatch(id -> id.endsWith("/research"));
    }

    @Test
    void learnsTheEpisodeAndRecallsItOnTheNextRun() {
        InProcessMemory memory = new InProcessMemory();
        RecordingTools tools = new RecordingTools().echo("invoice.pay", ToolRisk.SIDE_EFFECTING);
        String plan = """
                {"steps": [{"id": "s1", "tool": "invoice.pay", "arguments": {"text": "ACME"}}]}""";
        ScriptedChatModel brain = ScriptedChatModel.replying(plan, plan);
        // the episode quotes invoice.pay's result: declared trusted here, so the planner may see the episode
        Agent agent = agent(brain, tools).memory(memory).skills(false)
                .flowPolicy(FlowPolicy.builder().trustOutputOf("invoice.pay").build()).build();

        agent.run(Goal.of("Pay the ACME invoice"));
        agent.run(Goal.of("Pay the ACME invoice again"));

        assertThat(memory.size()).isEqualTo(2);
        assertThat(brain.prompts().get(0)).doesNotContain("What memory recalls");
        assertThat(brain.prompts().get(1)).contains("What memory recalls", "Run of goal: Pay the ACME invoice",
                "SUCCEEDED");
    }

    @Test
    void showsThePlannerOnlyTheToolsThatMatterWhenThereAreMany() {
        RecordingTools tools = new RecordingTools();
        for (int i = 0; i < 40; i++) {
            tools.echo("filler" + i + ".noop", ToolRisk.READ_ONLY);
        }
        tools.echo("invoice.pay", ToolRisk.SIDE_EFFECTING);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "invoice.pay"}]}""");

        agent(brain, tools).toolsShown(5).build().run(Goal.of("pay the invoice"));

        String prompt = brain.prompts().get(0);
        assertThat(prompt).contains("- invoice.pay [");
        assertThat(prompt.lines().filter(l -> l.startsWith("- ") && l.contains(" [")).count()).isEqualTo(5);
        assertThat(listener.ofType(Type.PERCEIVED)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("5 of 42 tools shown")); // 41 + aios.extract
    }

    @Test
    void rejectedPlanEscalatesToAStrongerBrainAndTheRouterLearnsBoth() {
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.READ_ONLY);
        ScriptedChatModel weakModel = ScriptedChatModel.replying("not a plan");
        ScriptedChatModel strongModel = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "a"}]}""");
        Brain weak = Brain.local("weak", weakModel);
        Brain strong = Brain.local("strong", strongModel);
        java.util.List<String> verdicts = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> runIds = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.aios.api.BrainRouter router = new dev.aios.api.BrainRouter() {
            @Override
            public java.util.List<Brain> brains() {
                return java.util.List.of(weak, strong);
            }

            @Override
            public Brain route(dev.aios.api.BrainRequest request) {
                runIds.add(request.runId());
                return request.escalation() > 0 ? strong : weak;
            }

            @Override
            public void recordOutcome(dev.aios.api.BrainTicket ticket, dev.aios.api.AnswerVerdict verdict) {
                verdicts.add(ticket.brain() + ":" + ticket.purpose() + ":" + (verdict == dev.aios.api.AnswerVerdict.ACCEPTED));
            }
        };

        RunOutcome outcome = Agent.builder().brainRouter(router).tools(tools.registry()).build().run(Goal.of("go"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(weakModel.requests()).hasSize(1);
        assertThat(strongModel.requests()).hasSize(1);
        assertThat(verdicts).containsExactly("weak:plan:false", "strong:plan:true");
        assertThat(runIds).containsOnly(outcome.runId());
    }

    @Test
    void workingMemoryOfARunIsDroppedWhenItEnds() {
        InProcessMemory memory = new InProcessMemory();
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.READ_ONLY);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "a"}]}""");
        Agent agent = agent(brain, tools).memory(memory).skills(false).listener(event -> {
            if (event.type() == Type.RUN_STARTED) {
                memory.remember(new dev.aios.api.MemoryRecord("scratch-" + event.runId(),
                        dev.aios.api.MemoryLayer.WORKING, "scratch notes of this run", java.time.Instant.now(), 0.1,
                        java.util.Map.of("run", event.runId())));
            }
        }).build();

        agent.run(Goal.of("go"));

        assertThat(memory.recall(dev.aios.api.MemoryQuery.of("scratch notes", 5))).isEmpty();
        assertThat(memory.size()).as("only the episode is left").isEqualTo(1);
    }

    @Test
    void aFailingListenerDoesNotBreakTheRun() {
        RecordingTools tools = new RecordingTools().echo("a", ToolRisk.READ_ONLY);
        ScriptedChatModel brain = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "a"}]}""");
        Agent agent = agent(brain, tools).listener(event -> {
            throw new IllegalStateException("listener bug");
        }).build();

        assertThat(agent.run(Goal.of("go")).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void withoutABrainTheRunFailsWithAClearMessage() {
        RunOutcome outcome = Agent.builder().build().run(Goal.of("anything"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.detail()).contains("no brain configured", "Agent.builder().brain(");
    }
}
