package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.GateDecision;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.Goal;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRisk;
import dev.aios.api.spi.Extensions;
import dev.aios.api.spi.GatePolicy;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.NamedExtension;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.Reflector;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.Verifier;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's defaults are found by name through ServiceLoader; the risk policy's rules. */
class ExtensionsAndPolicyTest {

    @Test
    void everyStageDefaultIsFoundByName() {
        assertThat(Extensions.named(Planner.class, "brain")).isNotNull();
        assertThat(Extensions.named(GatePolicy.class, "risk")).isInstanceOf(RiskPolicy.class);
        assertThat(Extensions.named(Verifier.class, "rules")).isNotNull();
        assertThat(Extensions.named(Reflector.class, "rules")).isNotNull();
        assertThat(Extensions.all(Learner.class)).extracting(NamedExtension::name).contains("episodes");
        Agent agent = Agent.builder().planner("brain").gatePolicy("risk").verifier("rules").reflector("rules").build();
        assertThat(agent).isNotNull();
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        assertThatThrownBy(() -> Agent.builder().planner("gpt-planner"))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("no Planner named 'gpt-planner' on the class path; available: [brain]")
                .hasMessageContaining("META-INF/services/dev.aios.api.spi.Planner");
    }

    @Test
    void builderRejectsConflictingAndInvalidOptions() {
        assertThatThrownBy(() -> Agent.builder()
                        .brain(dev.aios.api.Brain.local("a", dev.aios.testing.ScriptedChatModel.replying()))
                        .brainRouter(dev.aios.api.BrainRouter.cheapestFit(java.util.List.of(
                                dev.aios.api.Brain.local("b", dev.aios.testing.ScriptedChatModel.replying()))))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("either brain(...) or brainRouter(...)");
        assertThatThrownBy(() -> Agent.builder().maxReplans(-1)).hasMessage("maxReplans must be >= 0, was -1");
        assertThatThrownBy(() -> Agent.builder().toolTimeout(java.time.Duration.ZERO))
                .hasMessage("toolTimeout must be positive, was PT0S");
    }

    @Test
    void riskPolicyDecidesByToolRuleThenPrivacyThenRiskLevel() {
        RiskPolicy policy = RiskPolicy.builder()
                .onSideEffecting(Verdict.ASK)
                .tool("tracker.create", Verdict.ALLOW)
                .build();
        RunContext normal = context(Goal.of("g"));
        RunContext secret = context(Goal.builder("g").tag(Goal.PRIVATE).build());

        assertThat(decide(policy, "files.read", ToolRisk.READ_ONLY, normal).verdict()).isEqualTo(Verdict.ALLOW);
        assertThat(decide(policy, "files.write", ToolRisk.SIDE_EFFECTING, normal).verdict()).isEqualTo(Verdict.ASK);
        assertThat(decide(policy, "tracker.create", ToolRisk.SIDE_EFFECTING, normal))
                .isEqualTo(GateDecision.allow("risk policy: rule for tool tracker.create says ALLOW"));
        assertThat(decide(policy, "files.rm", ToolRisk.DESTRUCTIVE, normal).reason())
                .isEqualTo("risk policy: files.rm is destructive, and such tools get ASK");
        assertThat(decide(policy, "web.search", ToolRisk.READ_ONLY.withOpenWorld(), secret).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(decide(policy, "web.search", ToolRisk.READ_ONLY.withOpenWorld(), normal).verdict())
                .isEqualTo(Verdict.ALLOW);
        assertThat(decide(RiskPolicy.defaults(), "x", ToolRisk.SIDE_EFFECTING, normal).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    private static GateDecision decide(RiskPolicy policy, String tool, ToolRisk risk, RunContext run) {
        return policy.decide(new dev.aios.api.spi.GateRequest(new ToolCall("c1", tool, Map.of()),
                new ToolDescriptor(tool, "", ToolDescriptor.NO_ARGUMENTS, risk), Map.of(), run));
    }

    static RunContext context(Goal goal) {
        return (RunContext) java.lang.reflect.Proxy.newProxyInstance(RunContext.class.getClassLoader(),
                new Class<?>[] {RunContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("goal")) {
                        return goal;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
