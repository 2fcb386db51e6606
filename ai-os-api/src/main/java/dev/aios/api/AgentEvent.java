package dev.aios.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened in a run, as listeners see it: for logs, metrics and consoles.
 *
 * @param runId the run it belongs to
 * @param type what happened; {@link Type#stage()} says in which stage of the loop
 * @param at when
 * @param stepId the plan step it concerns, or null for run-level events
 * @param message a sentence for people (never contains secrets or tool arguments' values)
 */
public record AgentEvent(String runId, Type type, Instant at, @Nullable String stepId, String message) {

    /** The stages of the loop, in order. */
    public enum Stage {
        /** The run as a whole: start, end, budget, cancellation. */
        RUN,
        /** Gathering context: memory recall, tool catalogue. */
        PERCEIVE,
        /** Turning the goal into a plan. */
        PLAN,
        /** Deciding whether a step may run. */
        GATE,
        /** Calling the tool. */
        ACT,
        /** Checking the result against the expectation. */
        VERIFY,
        /** Diagnosing a failure and deciding to replan or give up. */
        REFLECT,
        /** Writing the episode and lessons to memory. */
        LEARN
    }

    /** What happened. */
    public enum Type {
        /** The run started. */
        RUN_STARTED(Stage.RUN),
        /** A run recorded in a journal goes on in this process after a crash or a restart. */
        RUN_RESUMED(Stage.RUN),
        /** Context was gathered. */
        PERCEIVED(Stage.PERCEIVE),
        /** The planner produced a valid plan. */
        PLAN_CREATED(Stage.PLAN),
        /** A learned skill supplied the plan, without a model call. */
        SKILL_REUSED(Stage.PLAN),
        /** The brain's plan was malformed and was sent back for repair. */
        PLAN_REJECTED(Stage.PLAN),
        /** The gate allowed a step. */
        STEP_ALLOWED(Stage.GATE),
        /** The gate, or a human, denied a step. */
        STEP_DENIED(Stage.GATE),
        /** A step was parked in the approval queue. */
        APPROVAL_REQUESTED(Stage.GATE),
        /** A human approved a parked step. */
        APPROVAL_GRANTED(Stage.GATE),
        /** Nobody answered a parked step in time. */
        APPROVAL_TIMED_OUT(Stage.GATE),
        /** A step's action started. */
        STEP_STARTED(Stage.ACT),
        /** A running step reported progress (an MCP progress notification, say). */
        STEP_PROGRESS(Stage.ACT),
        /** A step's action failed and will be tried again (idempotent tools only). */
        STEP_RETRYING(Stage.ACT),
        /** A step's action failed for good. */
        STEP_FAILED(Stage.ACT),
        /** A step was not run because an identical call already succeeded in this run. */
        STEP_REUSED(Stage.ACT),
        /** A step was skipped: a dependency failed or the run ended. */
        STEP_SKIPPED(Stage.ACT),
        /** A step's result passed verification. */
        STEP_SUCCEEDED(Stage.VERIFY),
        /** A step's result failed verification. */
        VERIFICATION_FAILED(Stage.VERIFY),
        /** The reflector diagnosed a failure. */
        REFLECTED(Stage.REFLECT),
        /** A new plan replaces the failed one. */
        REPLANNED(Stage.PLAN),
        /** A successful plan was stored as a skill for goals like this one. */
        SKILL_LEARNED(Stage.LEARN),
        /** A learner recorded the run. */
        LEARNED(Stage.LEARN),
        /** A budget ran out. */
        BUDGET_EXHAUSTED(Stage.RUN),
        /** The host cancelled the run. */
        RUN_CANCELLED(Stage.RUN),
        /** The run ended; the message gives the status. */
        RUN_FINISHED(Stage.RUN);

        private final Stage stage;

        Type(Stage stage) {
            this.stage = stage;
        }

        /** @return the stage of the loop this event belongs to */
        public Stage stage() {
            return stage;
        }
    }

    /** Validates. */
    public AgentEvent {
        Checks.notBlank(runId, "run id");
        Checks.notNull(type, "type");
        Checks.notNull(at, "at");
        Checks.notNull(message, "message");
    }
}
