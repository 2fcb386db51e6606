package dev.aios.routing;

import dev.aios.api.BrainAnswer;
import dev.aios.api.AnswerVerdict;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.request;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountingAndPersistenceTest {
    @TempDir
    Path dir;

    private final Brain weak = local("weak", FakeModel.replying("weak answer").tokens(1000, 200));
    private final Brain strong = strongCloud("strong", FakeModel.replying("strong answer").tokens(1000, 200));

    @Test
    void reportCountsCallsTokensCostLatencyEscalationsAndTheCostSaved() {
        LearnedBrainRouter router = Fixtures.router(weak, strong).build();
        for (int i = 0; i < 3; i++) {
            BrainAnswer answer = router.chat(request("Say hello number " + i));
            assertThat(answer.brain()).isEqualTo("weak");
            router.recordOutcome(answer.ticket(), AnswerVerdict.of(i != 0));
        }
        BrainRequest escalated = new BrainRequest("answer", Fixtures.chat("Say hello number 0"), Set.of(), false, 1);
        BrainAnswer up = router.chat(escalated);
        router.recordOutcome(up.ticket(), AnswerVerdict.ACCEPTED);
        // The answer carries the same usage the ledger entered: callers charge it, nobody counts twice.
        assertThat(up.brain()).isEqualTo("strong");
        assertThat(up.usage().inputTokens()).isEqualTo(1000);
        assertThat(up.usage().outputTokens()).isEqualTo(200);
        assertThat(up.usage().cost()).isEqualByComparingTo("0.016");

        RoutingReport report = router.report();
        BrainStats w = report.brain("weak");
        BrainStats s = report.brain("strong");
        assertThat(w.calls()).isEqualTo(3);
        assertThat(w.inputTokens()).isEqualTo(3000);
        assertThat(w.outputTokens()).isEqualTo(600);
        assertThat(w.cost()).isEqualByComparingTo("0");
        assertThat(w.accepted()).isEqualTo(2);
        assertThat(w.rejected()).isEqualTo(1);
        assertThat(w.totalLatency()).isPositive();
        assertThat(s.calls()).isEqualTo(1);
        assertThat(s.escalations()).isEqualTo(1);
        // One strong call: 1000 * $10/M + 200 * $30/M = $0.016; always-strong would pay 4 of them.
        assertThat(s.cost()).isEqualByComparingTo("0.016");
        assertThat(report.cost()).isEqualByComparingTo("0.016");
        assertThat(report.costIfStrongest()).isEqualByComparingTo("0.064");
        assertThat(report.costSaved()).isEqualByComparingTo("0.048");
    }

    @Test
    void learnedEstimatesAndLedgerSurviveARestart() throws Exception {
        Path state = dir.resolve("router.state");
        LearnedBrainRouter first = Fixtures.router(weak, strong).stateFile(state).build();
        BrainRequest request = request("Integrate x^2 from 0 to 1");
        float[] embedding = first.embed("Integrate x^2 from 0 to 1");
        for (int i = 0; i < 5; i++) {
            BrainAnswer answer = first.chat(request("Integrate x^2 from 0 to 1"));
            first.recordOutcome(answer.ticket(), AnswerVerdict.REJECTED);
        }
        double learned = first.acceptanceEstimate(first.brains().get(0), request, embedding);
        assertThat(Files.exists(state)).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary files left beside the state").containsExactly(state);
        }

        LearnedBrainRouter second = Fixtures.router(weak, strong).stateFile(state).build();
        assertThat(second.acceptanceEstimate(second.brains().get(0), request, embedding))
                .isCloseTo(learned, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(second.report().brain("weak").rejected()).isEqualTo(first.report().brain("weak").rejected());
        assertThat(second.report().brain("weak").calls()).isEqualTo(first.report().brain("weak").calls());
        assertThat(learned).as("below the 0.70 prior").isLessThan(0.7);
    }

    @Test
    void unreadableStateFileIsReportedNotOverwritten() throws Exception {
        Path state = dir.resolve("router.state");
        Files.writeString(state, "not a router state");
        assertThatThrownBy(() -> Fixtures.router(weak, strong).stateFile(state).build())
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("router.state is unreadable")
                .hasMessageContaining("Move it aside");
        assertThat(Files.readString(state)).isEqualTo("not a router state");
    }

    @Test
    void saveWithoutStateFileSaysHowToSetOne() {
        LearnedBrainRouter router = Fixtures.router(weak).build();
        assertThatThrownBy(router::save).hasMessageContaining("stateFile(path)");
    }
}
