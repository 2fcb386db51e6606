package dev.aios.api;

/** How a run of a goal ended. */
public enum RunStatus {
    /** Every step succeeded and passed verification; the answer is complete. */
    SUCCEEDED,
    /** The run gave up: a failure it could not plan around, or a plan it could not obtain. */
    FAILED,
    /** A budget ran out; {@link RunOutcome#exhausted()} says which; the answer is partial. */
    BUDGET_EXHAUSTED,
    /** The host cancelled the run; the answer is partial. */
    CANCELLED
}
