package dev.aios.runtime.internal;

import dev.aios.api.GateDecision;
import dev.aios.api.spi.GatePolicy;
import dev.aios.api.spi.GateRequest;
import dev.aios.runtime.FlowPolicy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate as the runtime applies it: the flow policy and the host's gate policy both decide, and
 * the stricter verdict wins. A gate policy that throws or answers null denies the call: a gate
 * that fails must not let the call through.
 */
final class FlowGate {
    private static final Logger log = LoggerFactory.getLogger(FlowGate.class);

    private FlowGate() {}

    static GateDecision decide(FlowPolicy flow, GatePolicy gate, GateRequest request) {
        GateDecision byFlow = flow.decide(request);
        GateDecision byGate;
        try {
            byGate = gate.decide(request);
        } catch (RuntimeException e) {
            log.warn("run {}: gate policy {} failed on {}; the call is denied", request.run().runId(), gate.name(),
                    request.tool().name(), e);
            byGate = GateDecision.deny("gate policy " + gate.name() + " failed (" + e.getClass().getSimpleName()
                    + "), so the call is denied");
        }
        if (byGate == null) {
            byGate = GateDecision.deny("gate policy " + gate.name() + " gave no decision, so the call is denied");
        }
        if (byFlow.verdict() == GateDecision.Verdict.ALLOW) {
            return byGate; // nothing to add: the host's reason says why the call may run
        }
        return GateDecision.strictest(List.of(byFlow, byGate));
    }
}
