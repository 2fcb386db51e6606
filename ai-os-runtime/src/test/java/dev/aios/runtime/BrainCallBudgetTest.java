package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainRouter;
import dev.aios.api.BrainTicket;
import dev.aios.api.Budget;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolRisk;
import dev.aios.api.Usage;
import dev.aios.testing.ScriptedChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run's brain calls carry what the run may still spend, and each call is charged once, as the router reports it. */
@Timeout(30)
class BrainCallBudgetTest {
    private static final String ONE_STEP_PLAN = """
            {"steps": [{"id": "s1", "tool": "a"}]}""";

    private final RecordingTools tools = new RecordingTools().echo("a", ToolRisk.READ_ONLY);

    @Test
    void tokensLeftInTheBudgetCapTheOutputTheBrainMayWrite() {
        ScriptedChatModel model = ScriptedChatModel.replying(ONE_STEP_PLAN).tokensPerCall(100, 20);

        RunOutcome outcome = tools.agent(model, new RecordingListener()).build()
                .run(Goal.builder("go").budget(Budget.defaults().withMaxTokens(1000)).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        ChatRequest received = model.requests().get(0);
        int input = new BrainRequest("plan", received, Set.of(), false).estimatedInputTokens();
        assertThat(received.parameters().maxOutputTokens())
                .isEqualTo(1000 - input)
                .isLessThan(BrainRequest.DEFAULT_OUTPUT_TOKENS);
    }

    @Test
    void costLeftInTheBudgetCapsTheOutputAndTheCallIsChargedOnce() {
        ScriptedChatModel model = ScriptedChatModel.replying(ONE_STEP_PLAN).tokensPerCall(100, 50);
        // Input is free and output costs 10 per million tokens: 0.005 buys exactly 500 output tokens.
        Brain cloud = new Brain("cloud", model, new BrainProfile("test", BrainProfile.Location.CLOUD,
                BigDecimal.ZERO, new BigDecimal("10"), 128_000, EnumSet.noneOf(BrainProfile.Capability.class),
                Duration.ofSeconds(2)));

        RunOutcome outcome = Agent.builder().brain(cloud).tools(tools.registry()).build()
                .run(Goal.builder("go").budget(Budget.defaults().withMaxCost(new BigDecimal("0.005"))).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(model.requests()).singleElement()
                .satisfies(r -> assertThat(r.parameters().maxOutputTokens()).isEqualTo(500));
        assertThat(outcome.usage().modelCalls()).isEqualTo(1);
        assertThat(outcome.usage().totalTokens()).isEqualTo(150);
        assertThat(outcome.usage().cost()).isEqualByComparingTo("0.0005"); // 50 output tokens at 10 per million
    }

    @Test
    void aPricedBrainUnderTheDefaultUnlimitedCostBudgetAnswers() {
        ScriptedChatModel model = ScriptedChatModel.replying(ONE_STEP_PLAN).tokensPerCall(100, 50);
        Brain cloud = new Brain("cloud", model, new BrainProfile("test", BrainProfile.Location.CLOUD,
                new BigDecimal("2.50"), new BigDecimal("10"), 128_000, EnumSet.noneOf(BrainProfile.Capability.class),
                Duration.ofSeconds(2)));

        RunOutcome outcome = Agent.builder().brain(cloud).tools(tools.registry()).build().run(Goal.of("go"));

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        // The default budget is roomy: a request that set no cap goes out uncapped (a cap above a model's own
        // output limit is an error at some providers).
        assertThat(model.requests()).singleElement()
                .satisfies(r -> assertThat(r.parameters().maxOutputTokens()).isNull());
    }

    @Test
    void wallTimeBudgetInterruptsASlowBrain() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScriptedChatModel slow = ScriptedChatModel.answering(request -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return ONE_STEP_PLAN;
        });

        RunOutcome outcome = tools.agent(slow, new RecordingListener()).build()
                .run(Goal.builder("go").budget(Budget.defaults().withMaxWallTime(Duration.ofMillis(300))).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.BUDGET_EXHAUSTED);
        assertThat(outcome.exhausted()).isEqualTo(Budget.Kind.WALL_TIME);
        assertThat(outcome.elapsed()).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the brain's thread was interrupted").isTrue();
        assertThat(outcome.usage().modelCalls()).isZero(); // an unanswered call is not charged
    }

    @Test
    void theRunChargesTheUsageTheRouterReportsAndEstimatesNothingItself() {
        ScriptedChatModel model = ScriptedChatModel.replying(ONE_STEP_PLAN).tokensPerCall(100, 20);
        Brain brain = Brain.local("scripted", model);
        Usage reported = new Usage(1, 7, 3, new BigDecimal("0.42"));
        List<BrainRequest> requests = new CopyOnWriteArrayList<>();
        BrainRouter router = new BrainRouter() {
            @Override
            public List<Brain> brains() {
                return List.of(brain);
            }

            @Override
            public Brain route(BrainRequest request) {
                return brain;
            }

            @Override
            public BrainAnswer chat(BrainRequest request) {
                requests.add(request);
                return new BrainAnswer(model.chat(request.chatFor(brain.profile())), brain.name(), reported,
                        new BrainTicket(brain.name(), request.purpose()));
            }
        };

        RunOutcome outcome = Agent.builder().brainRouter(router).tools(tools.registry()).build()
                .run(Goal.builder("go").budget(Budget.defaults().withMaxTokens(5000)).build());

        assertThat(outcome.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(outcome.usage()).isEqualTo(reported);
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.allowance()).isNotNull();
            assertThat(r.allowance().tokens()).isEqualTo(5000);
            assertThat(r.runId()).isEqualTo(outcome.runId());
        });
    }
}
