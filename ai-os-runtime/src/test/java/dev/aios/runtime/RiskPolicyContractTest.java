package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.GateDecision;
import dev.aios.api.GateDecision.Verdict;
import dev.aios.api.spi.GatePolicy;
import dev.aios.testing.GatePolicyContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The default gate, as a host gets it without configuring it, honours the gate contract. */
class RiskPolicyContractTest extends GatePolicyContract {

    @Override
    protected GatePolicy policy() {
        return RiskPolicy.defaults();
    }

    @Test
    void theContractCatchesAPolicyThatAllowsDestructiveToolsByDefault() {
        GatePolicyContract allowAll = new GatePolicyContract() {
            @Override
            protected GatePolicy policy() {
                return RiskPolicy.builder().onDestructive(Verdict.ALLOW).build();
            }
        };

        assertThatThrownBy(allowAll::neverAllowsADestructiveToolUnaskedUnderItsDefaults)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("was allowed without a human");
    }

    @Test
    void theContractCatchesAPolicyWhoseVerdictFlipsForTheSameCall() {
        AtomicInteger calls = new AtomicInteger();
        GatePolicyContract flipping = new GatePolicyContract() {
            @Override
            protected GatePolicy policy() {
                return new GatePolicy() {
                    @Override
                    public String name() {
                        return "flipping";
                    }

                    @Override
                    public GateDecision decide(dev.aios.api.spi.GateRequest request) {
                        return calls.incrementAndGet() % 2 == 0 ? GateDecision.ask("even") : GateDecision.deny("odd");
                    }
                };
            }
        };

        assertThatThrownBy(flipping::givesTheSameVerdictForTheSameCall).isInstanceOf(AssertionError.class);
    }
}
