package dev.aios.api.spi;

import dev.aios.api.Reflection;
import dev.aios.api.StepRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything a planner gets: the perception, and when replanning, what happened so far and the
 * reflector's diagnosis.
 *
 * @param perception the goal and its context
 * @param history steps of earlier plans of this run and how they ended (empty on the first plan);
 *     steps that succeeded must not be repeated
 * @param reflection the diagnosis of the last failure, or null on the first plan
 */
public record PlanningRequest(Perception perception, List<StepRecord> history, @Nullable Reflection reflection) {

    /** Copies. */
    public PlanningRequest {
        java.util.Objects.requireNonNull(perception, "perception must not be null");
        history = List.copyOf(history);
    }

    /** @return whether this is a replan after a failure */
    public boolean isReplan() {
        return reflection != null;
    }
}
