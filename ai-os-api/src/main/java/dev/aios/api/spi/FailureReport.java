package dev.aios.api.spi;

import dev.aios.api.Plan;
import dev.aios.api.StepRecord;
import java.util.List;

/**
 * What the reflector is asked about: the plan that failed, its steps that failed, every step of
 * the run so far, and how many replans the run still allows.
 *
 * @param plan the plan that failed
 * @param failed the steps of that plan that failed, were denied, or timed out waiting (copied)
 * @param history every step of the run so far, this plan's included (copied)
 * @param replansLeft how many more plans the run may make
 */
public record FailureReport(Plan plan, List<StepRecord> failed, List<StepRecord> history, int replansLeft) {

    /** Copies. */
    public FailureReport {
        java.util.Objects.requireNonNull(plan, "plan must not be null");
        failed = List.copyOf(failed);
        history = List.copyOf(history);
    }
}
