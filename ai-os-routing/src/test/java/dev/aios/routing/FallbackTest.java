package dev.aios.routing;

import dev.aios.api.BrainAnswer;
import dev.aios.api.AnswerVerdict;
import static dev.aios.routing.Fixtures.cheapCloud;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.request;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FallbackTest {

    @Test
    void rateLimitIsRetriedOnTheSameBrainWithBackoff() {
        FakeModel cheap = FakeModel.replying("cheap answer").thenFail(new RateLimitException("429 slow down"));
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", cheap), strongCloud("strong",
                FakeModel.replying("strong answer"))).build();
        BrainRequest request = request("Tell me a joke");
        assertThat(router.route(request).name()).isEqualTo("cheap");
        BrainAnswer answer = router.chat(request);
        assertThat(answer.text()).isEqualTo("cheap answer");
        assertThat(answer.brain()).isEqualTo("cheap");
        assertThat(cheap.calls.get()).isEqualTo(2);
        assertThat(router.report().brain("cheap").failures()).isEqualTo(1);
        assertThat(router.report().brain("cheap").calls()).isEqualTo(1);
    }

    @Test
    void timeoutsExhaustRetriesThenTheNextBrainAnswers() {
        FakeModel cheap = FakeModel.replying("never").thenStall(Duration.ofSeconds(3)).thenStall(Duration.ofSeconds(3));
        FakeModel strong = FakeModel.replying("strong answer");
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", cheap), strongCloud("strong", strong))
                .resilience(Resilience.defaults().withMaxRetries(1).withBackoff(Duration.ofMillis(1),
                        Duration.ofMillis(5)).withCallTimeout(Duration.ofMillis(150))).build();
        BrainRequest request = request("Tell me a joke");
        assertThat(router.route(request).name()).isEqualTo("cheap");
        BrainAnswer answer = router.chat(request);
        assertThat(answer.text()).isEqualTo("strong answer");
        assertThat(cheap.calls.get()).isEqualTo(2);
        RoutingReport report = router.report();
        assertThat(report.brain("strong").fallbacks()).isEqualTo(1);
        assertThat(answer.brain()).isEqualTo("strong");
        // The outcome is learned by the brain that really answered.
        router.recordOutcome(answer.ticket(), AnswerVerdict.ACCEPTED);
        assertThat(router.report().brain("strong").accepted()).isEqualTo(1);
        assertThat(router.report().brain("cheap").accepted()).isZero();
    }

    @Test
    void nonRetriableErrorMovesOnWithoutRetrying() {
        FakeModel cheap = FakeModel.replying("never").thenFail(new AuthenticationException("bad key"));
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", cheap), strongCloud("strong",
                FakeModel.replying("strong answer"))).build();
        BrainRequest request = request("Hi");
        assertThat(router.chat(request).text()).isEqualTo("strong answer");
        assertThat(cheap.calls.get()).isEqualTo(1);
    }

    @Test
    void privateRequestNeverFallsBackToTheCloud() {
        FakeModel localModel = new FakeModel(r -> {
            throw new RateLimitException("busy");
        });
        FakeModel cloud = FakeModel.replying("cloud answer");
        LearnedBrainRouter router = Fixtures.router(local("local", localModel), strongCloud("strong", cloud)).build();
        BrainRequest request = new BrainRequest("plan", Fixtures.chat("my bank statement"), Set.of(), true);
        assertThat(router.route(request).name()).isEqualTo("local");
        assertThatThrownBy(() -> router.chat(request))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("local: RateLimitException: busy")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).isTrue());
        assertThat(cloud.calls.get()).isZero();
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndRoutingAvoidsTheProviderUntilTheCooldownEnds() throws Exception {
        FakeModel flaky = new FakeModel(r -> {
            throw new RateLimitException("503 overloaded");
        });
        FakeModel strong = FakeModel.replying("strong answer");
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", flaky), strongCloud("strong", strong))
                .resilience(Resilience.defaults().withMaxRetries(0).withBreaker(3, Duration.ofMillis(400))).build();
        for (int i = 0; i < 3; i++) {
            BrainRequest request = request("question " + i);
            assertThat(router.route(request).name()).isEqualTo("cheap");
            assertThat(router.chat(request).text()).isEqualTo("strong answer");
        }
        // Open: the flaky provider is skipped at routing time.
        assertThat(router.route(request("question 4")).name()).isEqualTo("strong");
        int callsWhileOpen = flaky.calls.get();
        Thread.sleep(450);
        // Half-open: one trial call goes through; it fails, so the circuit opens again.
        BrainRequest trial = request("question 5");
        assertThat(router.route(trial).name()).isEqualTo("cheap");
        router.chat(trial);
        assertThat(flaky.calls.get()).isEqualTo(callsWhileOpen + 1);
        assertThat(router.route(request("question 6")).name()).isEqualTo("strong");
    }

    @Test
    void breakerStatesShowEachBrainsProviderBreakerAsItOpensAndAdmitsATrial() throws Exception {
        FakeModel flaky = new FakeModel(r -> {
            throw new RateLimitException("503 overloaded");
        });
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", flaky), cheapCloud("cheap-too", flaky),
                strongCloud("strong", FakeModel.replying("strong answer")))
                .resilience(Resilience.defaults().withMaxRetries(0).withBreaker(2, Duration.ofMillis(300))).build();
        assertThat(router.breakerStates()).containsExactly(Map.entry("cheap", BreakerState.CLOSED),
                Map.entry("cheap-too", BreakerState.CLOSED), Map.entry("strong", BreakerState.CLOSED));

        router.chat(request("question 1"));
        router.chat(request("question 2"));

        // one provider, one breaker: both of its brains show it open
        assertThat(router.breakerStates()).containsEntry("cheap", BreakerState.OPEN)
                .containsEntry("cheap-too", BreakerState.OPEN).containsEntry("strong", BreakerState.CLOSED);
        Thread.sleep(350);
        assertThat(router.breakerStates()).containsEntry("cheap", BreakerState.HALF_OPEN);
        assertThat(BreakerState.HALF_OPEN.label()).isEqualTo("half-open");
        assertThat(BreakerState.CLOSED.label()).isEqualTo("closed");
        assertThatThrownBy(() -> router.breakerStates().put("strong", BreakerState.OPEN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void whenEveryBrainFailsTheErrorNamesEachAndIsRetriable() {
        FakeModel a = new FakeModel(r -> {
            throw new RateLimitException("quota");
        });
        FakeModel b = new FakeModel(r -> {
            throw new IllegalStateException("boom");
        });
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", a), strongCloud("strong", b))
                .resilience(Resilience.defaults().withMaxRetries(1).withBackoff(Duration.ofMillis(1),
                        Duration.ofMillis(2))).build();
        BrainRequest request = request("Hi");
        assertThatThrownBy(() -> router.chat(request))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("cheap: RateLimitException: quota (after 2 attempts)")
                .hasMessageContaining("strong: IllegalStateException: boom")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).isTrue());
    }
}
