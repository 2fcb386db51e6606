package dev.aios.routing;

import dev.aios.api.BrainAnswer;
import dev.aios.api.AnswerVerdict;
import static dev.aios.routing.Fixtures.cheapCloud;
import static dev.aios.routing.Fixtures.local;
import static dev.aios.routing.Fixtures.strongCloud;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.BrainRequest;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.routing.Fixtures.FakeModel;
import dev.aios.runtime.Agent;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.InProcessToolRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CascadeTest {

    @Test
    void escalatedRequestsStepUpOneBrainPerRejection() {
        // Equal priors for the two cheaper brains: the free one wins the first try.
        LearnedBrainRouter router = Fixtures.router().brain(local("local", FakeModel.replying("a")), 0.8)
                .brain(cheapCloud("cheap", FakeModel.replying("b")), 0.8)
                .brain(strongCloud("strong", FakeModel.replying("c")), 0.85).build();
        String prompt = "List three colours";
        assertThat(router.route(new BrainRequest("plan", Fixtures.chat(prompt), Set.of(), false, 0)).name())
                .isEqualTo("local");
        assertThat(router.route(new BrainRequest("plan", Fixtures.chat(prompt), Set.of(), false, 1)).name())
                .isEqualTo("cheap");
        assertThat(router.route(new BrainRequest("plan", Fixtures.chat(prompt), Set.of(), false, 2)).name())
                .isEqualTo("strong");
        assertThat(router.route(new BrainRequest("plan", Fixtures.chat(prompt), Set.of(), false, 5)).name())
                .isEqualTo("strong");
    }

    @Test
    void agentRunEscalatesFromAWeakBrainsMalformedPlanToTheStrongBrainAndRecordsBoth() {
        String plan = "{\"steps\":[{\"id\":\"s1\",\"tool\":\"clock.today\",\"arguments\":{}}]}";
        ScriptedChatModel weak = ScriptedChatModel.answering(request -> "I think you should check the clock.");
        ScriptedChatModel strong = ScriptedChatModel.answering(request -> plan);
        LearnedBrainRouter router = Fixtures.router(local("weak", weak), strongCloud("strong", strong)).build();
        Agent agent = Agent.builder()
                .brainRouter(router)
                .tools(InProcessToolRegistry.builder()
                        .tool("clock.today", "Today's date", ToolRisk.READ_ONLY, args -> ToolResult.success("2026-03-01"))
                        .build())
                .learners(List.of())
                .build();

        RunOutcome outcome = agent.run(Goal.of("What is the date today?"));

        assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
        assertThat(weak.requests()).hasSize(1);
        assertThat(strong.requests()).hasSize(1);
        RoutingReport report = router.report();
        assertThat(report.brain("weak").rejected()).isEqualTo(1);
        assertThat(report.brain("strong").escalations()).isEqualTo(1);
        assertThat(report.brain("strong").accepted()).isEqualTo(1);
    }

    @Test
    void aRejectionLowersTheRejectedBrainsEstimateForSimilarPrompts() {
        Brain weak = local("weak", FakeModel.replying("nonsense"));
        LearnedBrainRouter router = Fixtures.router(weak, strongCloud("strong", FakeModel.replying("ok"))).build();
        BrainRequest request = Fixtures.request("Integrate x^2 sin(x) dx");
        float[] embedding = router.embed("Integrate x^2 sin(x) dx");
        double before = router.acceptanceEstimate(router.brains().get(0), request, embedding);
        BrainAnswer answer = router.chat(request);
        assertThat(answer.brain()).isEqualTo("weak");
        router.recordOutcome(answer.ticket(), AnswerVerdict.REJECTED);
        double after = router.acceptanceEstimate(router.brains().get(0), request, embedding);
        assertThat(after).isLessThan(before);
    }
}
