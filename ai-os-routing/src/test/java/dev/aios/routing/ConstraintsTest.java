package dev.aios.routing;

import static dev.aios.routing.Fixtures.cheapCloud;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.request;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest.Allowance;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile.Capability;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    private final Brain local = local("local", FakeModel.replying("local answer"));
    private final Brain cheap = cheapCloud("cheap", FakeModel.replying("cheap answer"));
    private final Brain strong = strongCloud("strong", FakeModel.replying("strong answer"));

    @Test
    void privateRequestsStayOnLocalBrainsEvenWhenEscalated() {
        LearnedBrainRouter router = Fixtures.router(cheap, strong, local).build();
        for (int escalation = 0; escalation < 3; escalation++) {
            BrainRequest request = new BrainRequest("plan", Fixtures.chat("Summarise my medical notes"), Set.of(),
                    true, escalation);
            assertThat(router.route(request).name()).isEqualTo("local");
        }
    }

    @Test
    void privateRequestWithNoLocalBrainFailsNamingEachBrain() {
        LearnedBrainRouter router = Fixtures.router(cheap, strong).build();
        BrainRequest request = new BrainRequest("plan", Fixtures.chat("my diary"), Set.of(), true);
        assertThatThrownBy(() -> router.route(request))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("cheap: runs in the cloud and the data is private")
                .hasMessageContaining("strong: runs in the cloud and the data is private")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).isFalse());
    }

    @Test
    void neededCapabilityGoesOnlyToBrainsThatHaveIt() {
        LearnedBrainRouter router = Fixtures.router(local, cheap, strong).build();
        BrainRequest vision = new BrainRequest("look", Fixtures.chat("What is in this picture?"),
                Set.of(Capability.VISION), false);
        assertThat(router.route(vision).name()).isEqualTo("strong");
        BrainRequest code = new BrainRequest("code", Fixtures.chat("write code"), Set.of(Capability.CODE), false);
        assertThatThrownBy(() -> router.route(code)).hasMessageContaining("local: lacks [CODE]")
                .hasMessageContaining("strong: lacks [CODE]");
    }

    @Test
    void longPromptSkipsBrainsWhoseContextWindowIsTooSmall() {
        LearnedBrainRouter router = Fixtures.router(local, cheap, strong).build();
        String longPrompt = "word ".repeat(8_000 * 4 / 5 * 2); // ~16k tokens by the 4-characters rule
        BrainRequest request = request(longPrompt);
        assertThat(router.route(request).name()).isIn("cheap", "strong");
        String huge = "word ".repeat(40_000 * 4 / 5 * 2); // ~80k tokens: only the 128k brain holds it
        assertThat(router.route(request(huge)).name()).isEqualTo("strong");
    }

    @Test
    void dailyBudgetRulesOutPaidBrainsUntilTheNextDay() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        FakeModel strongModel = FakeModel.replying("costly").tokens(100_000, 10_000);
        Brain costly = strongCloud("strong", strongModel);
        LearnedBrainRouter router = Fixtures.router(local, costly).clock(clock)
                .threshold(RoutingThreshold.qualityPerCost(0)) // always buy the best estimate while allowed
                .dailyBudget(new BigDecimal("1.00")).build();
        BrainAnswer first = router.chat(request("Prove that there are infinitely many primes"));
        assertThat(first.brain()).isEqualTo("strong"); // 100k*10 + 10k*30 = $1.30
        assertThat(first.usage().cost()).isEqualByComparingTo("1.30");
        assertThat(router.report().spentToday()).isEqualByComparingTo("1.30");

        assertThat(router.route(request("Prove that the square root of 2 is irrational")).name()).isEqualTo("local");

        now.set(Instant.parse("2026-03-02T00:00:01Z"));
        assertThat(router.route(request("Prove that the square root of 3 is irrational")).name()).isEqualTo("strong");
        assertThat(router.report().spentToday()).isEqualByComparingTo("0");
    }

    @Test
    void aRequestsAllowanceRulesOutBrainsItCannotPayForAndOnlyForThatRequest() {
        Brain costly = strongCloud("strong", FakeModel.replying("costly").tokens(100_000, 10_000));
        LearnedBrainRouter router = Fixtures.router(local, costly).threshold(RoutingThreshold.qualityPerCost(0)).build();
        String primes = "Prove that there are infinitely many primes";
        // ~12 input tokens at $10/M cost $0.00012: an allowance of $0.0001 cannot pay even for the prompt.
        BrainRequest spent = request(primes).withAllowance(new Allowance(1_000_000, new BigDecimal("0.0001")));
        BrainRequest rich = request(primes).withAllowance(new Allowance(1_000_000, new BigDecimal("10")));
        assertThat(router.route(spent).name()).isEqualTo("local");
        assertThat(router.route(rich).name()).isEqualTo("strong");
        assertThat(router.chat(spent).brain()).isEqualTo("local");

        LearnedBrainRouter paidOnly = Fixtures.router(costly).build();
        assertThatThrownBy(() -> paidOnly.chat(spent))
                .isInstanceOf(BudgetExhaustedException.class)
                .hasMessageContaining("strong: the allowance left (1000000 tokens, 0.0001 in cost) cannot pay");
    }

    @Test
    void theAllowanceCapsMaxOutputTokensOnWhicheverBrainAnswers() {
        List<Integer> sentCaps = new CopyOnWriteArrayList<>();
        FakeModel failing = new FakeModel(r -> {
            sentCaps.add(r.parameters().maxOutputTokens());
            throw new dev.langchain4j.exception.AuthenticationException("bad key");
        });
        FakeModel answering = new FakeModel(r -> {
            sentCaps.add(r.parameters().maxOutputTokens());
            return "short answer";
        }).tokens(12, 30);
        LearnedBrainRouter router = Fixtures.router(cheapCloud("cheap", failing), strongCloud("strong", answering))
                .build();
        BrainRequest request = request("Explain quicksort").withAllowance(new Allowance(1500, new BigDecimal("10")));
        int in = request.estimatedInputTokens();

        BrainAnswer answer = router.chat(request);

        // Both the chosen brain and the fallback were asked for no more than the tokens left.
        assertThat(answer.brain()).isEqualTo("strong");
        assertThat(sentCaps).containsExactly(1500 - in, 1500 - in);
        BrainRequest tight = request("Explain quicksort").withAllowance(new Allowance(400, new BigDecimal("10")));
        sentCaps.clear();
        BrainAnswer capped = router.chat(tight);
        assertThat(sentCaps).containsExactly(400 - in, 400 - in);
        assertThat(capped.usage().totalTokens()).isLessThanOrEqualTo(400);
        // A cost allowance caps too: $0.0006 left on the $30/M strong brain buys at most 20 output tokens, less the input.
        BrainRequest poor = request("Explain quicksort").withAllowance(new Allowance(1_000_000, new BigDecimal("0.0006")));
        sentCaps.clear();
        router.chat(poor);
        assertThat(sentCaps).last().satisfies(cap -> assertThat(cap).isPositive().isLessThanOrEqualTo(20));
    }

    @Test
    void perCallCostCapRulesOutBrainsTooDearForTheRequest() {
        LearnedBrainRouter router = Fixtures.router(cheap, strong).threshold(RoutingThreshold.qualityPerCost(0))
                .maxCostPerCall(new BigDecimal("0.01")).build();
        // 1000 output tokens at $30/M = $0.03 > $0.01: the strong brain is too dear, the cheap one fits.
        assertThat(router.route(request("Explain quicksort")).name()).isEqualTo("cheap");
    }

    @Test
    void builderNamesTheInvalidOption() {
        assertThatThrownBy(() -> LearnedBrainRouter.builder().build()).hasMessageContaining("no brains");
        assertThatThrownBy(() -> Fixtures.router(local, local).build())
                .hasMessageContaining("two brains are named 'local'");
        assertThatThrownBy(() -> Fixtures.router(local).exploration(0.9).build())
                .hasMessageContaining("exploration must be between 0 and 0.5, was 0.9");
        assertThatThrownBy(() -> Fixtures.router(local).saveEvery(0).build())
                .hasMessageContaining("saveEvery must be >= 1");
        assertThatThrownBy(() -> RoutingThreshold.strongShare(1.5)).hasMessageContaining("strongShare must be between");
        assertThatThrownBy(() -> Resilience.defaults().withMaxRetries(-1)).hasMessageContaining("maxRetries");
        assertThatThrownBy(() -> Fixtures.router(local).dailyBudget(new BigDecimal("-1")).build())
                .hasMessageContaining("dailyBudget must be >= 0");
        assertThatThrownBy(() -> Resilience.defaults().withCallTimeout(Duration.ZERO))
                .hasMessageContaining("callTimeout must be positive");
    }
}
