package dev.aios.runtime.internal;

import dev.aios.api.GateDecision;
import dev.aios.api.Provenance;
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

    /**
     * The gate's verdict, and the reason a planner may be shown: a host policy's reason can quote
     * the arguments it judged, so when any argument is untrusted only the flow policy's own reasons
     * (which name paths and sources, never values) and the host policy's name go to the planner.
     *
     * @param decision what the gate decided, with every reason (for events, logs and approvals)
     * @param plannerReason the reason as the step's record keeps it
     */
    record Verdict(GateDecision decision, String plannerReason) {}

    static Verdict decide(FlowPolicy flow, GatePolicy gate, GateRequest request) {
        GateDecision byFlow = flow.decide(request);
        GateDecision byGate = hostDecision(gate, request);
        GateDecision decision = byFlow.verdict() == GateDecision.Verdict.ALLOW
                ? byGate // nothing to add: the host's reason says why the call may run
                : GateDecision.strictest(List.of(byFlow, byGate));
        if (decision.verdict() == GateDecision.Verdict.ALLOW) {
            return new Verdict(decision, decision.reason());
        }
        Provenance data = request.joined();
        if (data.isTrusted()) {
            return new Verdict(decision, decision.reason());
        }
        String safe = byFlow.verdict() == decision.verdict()
                ? byFlow.reason()
                : "gate policy " + gate.name() + " said " + decision.verdict() + " (its reason is not shown to the planner:"
                        + " the call carried data " + data.summary() + ")";
        return new Verdict(decision, safe);
    }

    /** The host's decision; a policy that throws or answers null denies the call. */
    private static GateDecision hostDecision(GatePolicy gate, GateRequest request) {
        GateDecision byGate;
        try {
            byGate = gate.decide(request);
        } catch (RuntimeException e) {
            log.warn("run {}: gate policy {} failed on {}; the call is denied", request.run().runId(), gate.name(),
                    request.tool().name(), e);
            return GateDecision.deny("gate policy " + gate.name() + " failed (" + e.getClass().getSimpleName()
                    + "), so the call is denied");
        }
        return byGate != null ? byGate
                : GateDecision.deny("gate policy " + gate.name() + " gave no decision, so the call is denied");
    }
}
