package dev.aios.routing;

import static dev.aios.routing.Fixtures.cheapCloud;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.request;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile.Capability;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
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
        Brain first = router.route(request("Prove that there are infinitely many primes"));
        assertThat(first.name()).isEqualTo("strong");
        first.model().chat(Fixtures.chat("Prove that there are infinitely many primes")); // 100k*10 + 10k*30 = $1.30
        assertThat(router.report().spentToday()).isEqualByComparingTo("1.30");

        assertThat(router.route(request("Prove that the square root of 2 is irrational")).name()).isEqualTo("local");

        now.set(Instant.parse("2026-03-02T00:00:01Z"));
        assertThat(router.route(request("Prove that the square root of 3 is irrational")).name()).isEqualTo("strong");
        assertThat(router.report().spentToday()).isEqualByComparingTo("0");
    }

    @Test
    void runBudgetRulesOutPaidBrainsForThatRunOnly() {
        FakeModel strongModel = FakeModel.replying("costly").tokens(100_000, 10_000);
        Brain costly = strongCloud("strong", strongModel);
        LearnedBrainRouter router = Fixtures.router(local, costly).threshold(RoutingThreshold.qualityPerCost(0))
                .runBudget(new BigDecimal("1.00")).build();
        String primes = "Prove that there are infinitely many primes";
        BrainRequest asked = inRun(primes, "run-1");
        Brain first = router.route(asked);
        assertThat(first.name()).isEqualTo("strong");
        first.model().chat(asked.chat()); // $1.30, all of it run-1's (the call is known by its request)
        assertThat(router.route(inRun("Prove that the square root of 2 is irrational", "run-1")).name())
                .isEqualTo("local");
        assertThat(router.route(inRun("Prove that the square root of 3 is irrational", "run-2")).name())
                .isEqualTo("strong");

        LearnedBrainRouter paidOnly = Fixtures.router(costly).runBudget(new BigDecimal("1.00")).build();
        BrainRequest nine = inRun(primes, "run-9");
        paidOnly.route(nine).model().chat(nine.chat());
        assertThatThrownBy(() -> paidOnly.route(inRun("Prove Fermat's little theorem", "run-9")))
                .hasMessageContaining("run run-9 has spent its budget of 1.00");
    }

    private static BrainRequest inRun(String prompt, String runId) {
        return new BrainRequest("answer", Fixtures.chat(prompt), Set.of(), false, 0, runId);
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
