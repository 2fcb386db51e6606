package dev.aios.runtime.internal;

import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;
import java.util.List;
import java.util.Locale;

/**
 * What the privileged stages (planner, reflector) may see of a run's steps: a step's result and
 * everything that quotes it (its detail, its verification's reason) are shown only when trusted.
 * An untrusted result is replaced by a handle: its size, its provenance and the {@code {{id}}} a
 * later step can pass it on with. So a mail that says "ignore your instructions" never reaches a
 * prompt that decides what the agent does.
 */
final class PlannerView {
    private PlannerView() {}

    static List<StepRecord> of(List<StepRecord> records) {
        return records.stream().map(PlannerView::of).toList();
    }

    /** @return whether the planner's view of {@code r} leaves out its result and what quotes it */
    static boolean withholds(StepRecord r) {
        return r.result() != null && !r.result().provenance().isTrusted();
    }

    static StepRecord of(StepRecord r) {
        if (!withholds(r)) {
            return r;
        }
        ToolResult result = r.result();
        String handle = "[withheld: " + result.text().length() + " characters " + result.provenance().summary()
                + (r.succeeded() ? "; a later step may pass it on as {{" + r.step().id() + "}}]" : "]");
        Verification verification = r.verification() == null ? null
                : new Verification(r.verification().passed(), r.verification().passed()
                        ? "passed its expectation" : "did not pass its expectation (the reason quotes untrusted text)");
        String detail = r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " (details withheld: they quote text " + result.provenance().summary() + ")";
        return new StepRecord(r.step(), r.status(), r.attempts(),
                r.gate() == null ? null : new dev.aios.api.GateDecision(r.gate().verdict(), "withheld with the result"),
                new ToolResult(handle, result.error(), result.provenance()), verification, detail);
    }
}
