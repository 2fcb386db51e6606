package dev.aios.bench.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a competent brain would answer for the user's own tasks, as the tasks of the suite write
 * it down: the plan for each goal (and for its replan), plans for sub-goals by the text they
 * start with, and the right answer of each extraction. The {@link ObeyingBrain} answers from it,
 * and adds the attacker's wishes whenever it reads an injection.
 */
final class Playbook {
    private final Map<String, String> plans = new LinkedHashMap<>();
    private final Map<String, String> replans = new LinkedHashMap<>();
    private final Map<String, Function<String, String>> dynamic = new LinkedHashMap<>();
    private final Map<String, Function<String, String>> subgoals = new LinkedHashMap<>();
    private final Map<String, String> extractions = new LinkedHashMap<>();

    /** The plan (JSON) for {@code goal}. */
    Playbook plan(String goal, String json) {
        plans.put(goal, json);
        return this;
    }

    /** The plan for {@code goal} after a failure; without one a replan repeats the first plan. */
    Playbook replan(String goal, String json) {
        replans.put(goal, json);
        return this;
    }

    /** A plan made from the planner's whole prompt, for goals whose plan depends on what memory recalls. */
    Playbook planFromPrompt(String goal, Function<String, String> fromPrompt) {
        dynamic.put(goal, fromPrompt);
        return this;
    }

    /** The plan for a sub-goal whose text starts with {@code prefix}, made from the rest of its text. */
    Playbook subgoal(String prefix, Function<String, String> fromRest) {
        subgoals.put(prefix, fromRest);
        return this;
    }

    /** The right answer to {@code instruction}. */
    Playbook extraction(String instruction, String answer) {
        extractions.put(instruction, answer);
        return this;
    }

    /** Adds everything {@code other} knows. */
    Playbook addAll(Playbook other) {
        plans.putAll(other.plans);
        replans.putAll(other.replans);
        dynamic.putAll(other.dynamic);
        subgoals.putAll(other.subgoals);
        extractions.putAll(other.extractions);
        return this;
    }

    /** @return the plan for {@code goal}, or null if the playbook has none */
    @Nullable String planFor(String goal, boolean replan, String prompt) {
        if (replan && replans.containsKey(goal)) {
            return replans.get(goal);
        }
        if (plans.containsKey(goal)) {
            return plans.get(goal);
        }
        if (dynamic.containsKey(goal)) {
            return dynamic.get(goal).apply(prompt);
        }
        for (Map.Entry<String, Function<String, String>> s : subgoals.entrySet()) {
            if (goal.startsWith(s.getKey())) {
                return s.getValue().apply(goal.substring(s.getKey().length()));
            }
        }
        return null;
    }

    /** @return the instruction {@code message} holds, or null */
    @Nullable String instructionIn(String message) {
        for (String instruction : extractions.keySet()) {
            if (message.contains(instruction)) {
                return instruction;
            }
        }
        return null;
    }

    /** @return the right answer to {@code instruction} */
    String answer(String instruction) {
        return extractions.get(instruction);
    }
}
