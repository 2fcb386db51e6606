package dev.aios.api;

import java.util.List;

/**
 * Where steps wait for a human. The gate parks a step here when it answers
 * {@link GateDecision.Verdict#ASK}; a host application (or a console) lists what is pending and
 * answers. The waiting run goes on with its other steps meanwhile, and treats a request that is
 * not answered before it expires as denied.
 */
public interface ApprovalQueue {

    /** @return the requests waiting for an answer, oldest first */
    List<ApprovalRequest> pending();

    /**
     * Approves a pending request; the step runs.
     *
     * @param note who approved and why, for the record (may be empty)
     * @return false if no request with that id is pending (already answered, or expired)
     */
    boolean approve(String requestId, String note);

    /**
     * Denies a pending request; the step does not run and the run reflects on the denial.
     *
     * @param reason why, shown to the planner
     * @return false if no request with that id is pending (already answered, or expired)
     */
    boolean deny(String requestId, String reason);
}
