package dev.aios.api;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one plan step in a run.
 *
 * @param step the step as planned
 * @param status how it ended
 * @param attempts how many times its action was started (0 if it never ran)
 * @param gate the gate's decision, or null if the step never reached the gate
 * @param result the last result, or null if the action never ran
 * @param verification the verifier's verdict, or null if there was no result to verify
 * @param detail a sentence on how it ended, for people
 */
public record StepRecord(
        PlanStep step,
        Status status,
        int attempts,
        @Nullable GateDecision gate,
        @Nullable ToolResult result,
        @Nullable Verification verification,
        String detail) {

    /** How a step ended. */
    public enum Status {
        /** Ran and passed verification. */
        SUCCEEDED,
        /** Ran (perhaps several times) and failed, or failed verification. */
        FAILED,
        /** The gate or a human refused it. */
        DENIED,
        /** The gate asked a human, who did not answer in time. */
        APPROVAL_TIMED_OUT,
        /** Never ran: a step it depends on did not succeed, or the run ended first. */
        SKIPPED,
        /** Was running when the run was cancelled or ran out of budget. */
        CANCELLED,
        /** Not run again: an identical call already succeeded earlier in this run. */
        REUSED
    }

    /** Validates. */
    public StepRecord {
        Checks.notNull(step, "step");
        Checks.notNull(status, "status");
        Checks.notNull(detail, "detail");
    }

    /** @return whether the step's result can be used (it succeeded, now or earlier in the run) */
    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.REUSED;
    }
}
