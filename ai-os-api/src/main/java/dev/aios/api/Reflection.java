package dev.aios.api;

import java.util.List;

/**
 * A reflector's diagnosis of what went wrong in a run, and what to do next.
 *
 * @param diagnosis what failed and why, in words; shown to the planner when replanning
 * @param decision replan or give up
 * @param lessons what later runs should know (copied)
 */
public record Reflection(String diagnosis, Decision decision, List<Lesson> lessons) {

    /** What the run does after reflecting. */
    public enum Decision {
        /** Ask the planner for a new plan that works around the failure. */
        REPLAN,
        /** End the run as failed, with the results so far. */
        GIVE_UP
    }

    /** Validates and copies. */
    public Reflection {
        Checks.notBlank(diagnosis, "diagnosis");
        Checks.notNull(decision, "decision");
        lessons = List.copyOf(Checks.notNull(lessons, "lessons"));
    }
}
