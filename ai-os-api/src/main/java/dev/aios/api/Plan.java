package dev.aios.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A plan for a goal: steps that form a directed acyclic graph through
 * {@link PlanStep#dependsOn()}. Construction checks the graph, so a plan that exists is one the
 * runtime can execute: ids are unique, every dependency names a step of the plan, there is no
 * cycle, and every {@code {{stepId}}} reference in an argument names a step this one depends on,
 * directly or not.
 *
 * @param steps the steps, in the order the planner gave them (copied)
 * @param answer how to phrase the final answer: text in which {@code {{stepId}}} is replaced by
 *     that step's result; null to answer with the results of the steps nothing depends on
 * @param rationale why this plan, in words (may be empty)
 */
public record Plan(List<PlanStep> steps, @Nullable String answer, String rationale) {

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\{\\{([^{}]+)}}");

    /** Validates the step graph. */
    public Plan {
        steps = List.copyOf(Checks.notNull(steps, "plan steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        Checks.notNull(rationale, "plan rationale");
        Map<String, PlanStep> byId = new LinkedHashMap<>();
        for (PlanStep step : steps) {
            if (byId.put(step.id(), step) != null) {
                throw new IllegalArgumentException("two steps have the id '" + step.id() + "'");
            }
        }
        for (PlanStep step : steps) {
            for (String dep : step.dependsOn()) {
                if (!byId.containsKey(dep)) {
                    throw new IllegalArgumentException(
                            "step " + step.id() + " depends on '" + dep + "', which is not a step of the plan "
                                    + byId.keySet());
                }
            }
        }
        checkAcyclic(byId);
        for (PlanStep step : steps) {
            Set<String> ancestors = ancestors(step.id(), byId);
            for (String ref : references(step)) {
                if (!ancestors.contains(ref)) {
                    throw new IllegalArgumentException("step " + step.id() + " uses {{" + ref
                            + "}} but does not depend on a step with that id");
                }
            }
        }
        if (answer != null) {
            for (String ref : referencesIn(answer)) {
                if (!byId.containsKey(ref)) {
                    throw new IllegalArgumentException(
                            "the answer uses {{" + ref + "}}, which is not a step of the plan " + byId.keySet());
                }
            }
        }
    }

    /** @return a plan of the given steps, answered by the results of its last steps */
    public static Plan of(PlanStep... steps) {
        return new Plan(List.of(steps), null, "");
    }

    /** @return the step with {@code id}, or null */
    public @Nullable PlanStep step(String id) {
        for (PlanStep step : steps) {
            if (step.id().equals(id)) {
                return step;
            }
        }
        return null;
    }

    /** @return the ids named by {@code {{id}}} references in {@code text}, in order */
    public static List<String> referencesIn(String text) {
        return REFERENCE.matcher(text).results().map(m -> m.group(1).trim()).toList();
    }

    private static Set<String> references(PlanStep step) {
        Set<String> refs = new HashSet<>();
        if (step.action() instanceof PlanStep.CallTool call) {
            collect(call.arguments(), refs);
        } else if (step.action() instanceof PlanStep.SubGoal sub) {
            refs.addAll(referencesIn(sub.goal()));
        }
        return refs;
    }

    private static void collect(@Nullable Object value, Set<String> refs) {
        if (value instanceof String s) {
            refs.addAll(referencesIn(s));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, refs));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, refs));
        }
    }

    private static Set<String> ancestors(String id, Map<String, PlanStep> byId) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(byId.get(id).dependsOn());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(byId.get(next).dependsOn());
            }
        }
        return seen;
    }

    private static void checkAcyclic(Map<String, PlanStep> byId) {
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String id : byId.keySet()) {
            visit(id, byId, state, new ArrayDeque<>());
        }
    }

    private static void visit(String id, Map<String, PlanStep> byId, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        path.addLast(id);
        if (s != null) {
            throw new IllegalArgumentException("the plan's dependencies form a cycle: " + String.join(" -> ", path));
        }
        state.put(id, 1);
        for (String dep : byId.get(id).dependsOn()) {
            visit(dep, byId, state, path);
        }
        state.put(id, 2);
        path.removeLast();
    }
}
