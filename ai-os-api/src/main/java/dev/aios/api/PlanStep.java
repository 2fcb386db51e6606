package dev.aios.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link Plan}: an {@link Action} (a tool call or a sub-goal), the steps it must
 * wait for, and what its result must show.
 *
 * <p>String arguments may refer to the result of a step this one depends on with
 * {@code {{stepId}}}; the runtime substitutes the result's text before the gate sees the call.
 *
 * @param id unique id within the plan, such as {@code s1}
 * @param description what the step is for, in words
 * @param action what the step does
 * @param dependsOn ids of steps that must succeed first (copied)
 * @param expectation what the result must show
 */
public record PlanStep(String id, String description, Action action, List<String> dependsOn, Expectation expectation) {

    /** What a step does: call a tool, or pursue a sub-goal with a plan of its own. */
    public sealed interface Action permits CallTool, SubGoal {}

    /**
     * Call the tool {@code tool} with {@code arguments}.
     *
     * @param tool registry name of the tool
     * @param arguments the arguments object (copied)
     */
    public record CallTool(String tool, Map<String, Object> arguments) implements Action {
        /** Validates and copies. */
        public CallTool {
            Checks.notBlank(tool, "tool");
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(arguments, "arguments")));
        }
    }

    /**
     * Achieve {@code goal} as a nested run that shares this run's budget; its answer becomes the
     * step's result.
     *
     * @param goal the sub-goal, in words
     */
    public record SubGoal(String goal) implements Action {
        /** Validates. */
        public SubGoal {
            Checks.notBlank(goal, "sub-goal");
        }
    }

    /** Validates and copies. */
    public PlanStep {
        Checks.notBlank(id, "step id");
        Checks.notNull(description, "description of step " + id);
        Checks.notNull(action, "action of step " + id);
        dependsOn = List.copyOf(Checks.notNull(dependsOn, "dependsOn of step " + id));
        if (dependsOn.contains(id)) {
            throw new IllegalArgumentException("step " + id + " depends on itself");
        }
        Checks.notNull(expectation, "expectation of step " + id);
    }

    /** @return a step that calls {@code tool} with no dependencies and no expectation */
    public static PlanStep call(String id, String tool, Map<String, Object> arguments) {
        return new PlanStep(id, "", new CallTool(tool, arguments), List.of(), Expectation.none());
    }

    /** @return a copy that depends on the given steps */
    public PlanStep after(String... stepIds) {
        return new PlanStep(id, description, action, List.of(stepIds), expectation);
    }

    /** @return a copy with the given expectation */
    public PlanStep expecting(Expectation value) {
        return new PlanStep(id, description, action, dependsOn, value);
    }
}
