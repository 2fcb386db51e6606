package dev.aios.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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

    /**
     * The most steps a plan may have. Real plans have tens; the cap bounds what one brain reply
     * can cost to validate (see {@link #checkReferences}) and to hold in memory.
     */
    public static final int MAX_STEPS = 50_000;

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\{\\{([^{}]+)}}");

    /** Validates the step graph. */
    public Plan {
        steps = List.copyOf(Checks.notNull(steps, "plan steps"));
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one step");
        }
        if (steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a plan may have at most " + MAX_STEPS + " steps, this one has "
                    + steps.size() + ": split the goal into sub-goals, each planned on its own");
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
        List<String> order = topologicalOrder(byId);
        checkReferences(steps, byId, order);
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

    /**
     * Checks that every {@code {{ref}}} of a step names one of its ancestors, in O((N + E) * ceil(K / 64))
     * time and O(N) memory: N steps, E dependency edges, K distinct steps that some step refers to.
     * Each pass carries 64 of those targets as bits of one {@code long} per step, OR-ed along the
     * edges in topological order; a chain or a fan of 30,000 steps where each refers to one
     * ancestor takes milliseconds (walking each step's ancestors afresh took seconds, quadratic).
     * The first failing step, in plan order, is reported.
     */
    private static void checkReferences(List<PlanStep> steps, Map<String, PlanStep> byId, List<String> order) {
        Map<String, Integer> index = new HashMap<>();
        for (PlanStep step : steps) {
            index.put(step.id(), index.size());
        }
        List<Set<String>> refs = new ArrayList<>(steps.size());
        Map<String, Integer> target = new LinkedHashMap<>(); // referenced step id -> bit number
        int firstBad = Integer.MAX_VALUE;
        String badRef = null;
        for (int i = 0; i < steps.size(); i++) {
            Set<String> stepRefs = references(steps.get(i));
            refs.add(stepRefs);
            for (String ref : stepRefs) {
                if (!byId.containsKey(ref) || ref.equals(steps.get(i).id())) {
                    if (i < firstBad) {
                        firstBad = i;
                        badRef = ref;
                    }
                } else {
                    target.putIfAbsent(ref, target.size());
                }
            }
        }
        int[][] deps = new int[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            deps[i] = steps.get(i).dependsOn().stream().mapToInt(index::get).toArray();
        }
        int[] topo = order.stream().mapToInt(index::get).toArray();
        // Each check (target bit, step) as one long, sorted so that each pass meets only its own.
        long[] checks = new long[refs.stream().mapToInt(Set::size).sum()];
        int count = 0;
        for (int i = 0; i < Math.min(firstBad, steps.size()); i++) {
            for (String ref : refs.get(i)) {
                Integer bit = target.get(ref);
                if (bit != null) {
                    checks[count++] = ((long) bit << 32) | i;
                }
            }
        }
        Arrays.sort(checks, 0, count);
        List<String> targets = new ArrayList<>(target.keySet());
        long[] ancestorBits = new long[steps.size()];
        long[] ownBit = new long[steps.size()];
        int check = 0;
        for (int base = 0; base < targets.size(); base += 64) {
            int limit = Math.min(base + 64, targets.size());
            for (int b = base; b < limit; b++) {
                ownBit[index.get(targets.get(b))] = 1L << (b - base);
            }
            for (int s : topo) { // dependencies first
                long bits = 0;
                for (int d : deps[s]) {
                    bits |= ancestorBits[d] | ownBit[d];
                }
                ancestorBits[s] = bits;
            }
            for (; check < count && (int) (checks[check] >>> 32) < limit; check++) {
                int bit = (int) (checks[check] >>> 32);
                int step = (int) checks[check];
                if ((ancestorBits[step] & (1L << (bit - base))) == 0 && step < firstBad) {
                    firstBad = step;
                    badRef = targets.get(bit);
                }
            }
            for (int b = base; b < limit; b++) {
                ownBit[index.get(targets.get(b))] = 0;
            }
        }
        if (badRef != null) {
            throw new IllegalArgumentException("step " + steps.get(firstBad).id() + " uses {{" + badRef
                    + "}} but does not depend on a step with that id");
        }
    }

    /**
     * @return the step ids, each after every step it depends on
     * @throws IllegalArgumentException naming the cycle, if there is one
     */
    private static List<String> topologicalOrder(Map<String, PlanStep> byId) {
        // Depth-first with an explicit stack: a chain of tens of thousands of steps must not
        // overflow the thread's stack. 1 = on the current path, 2 = done.
        Map<String, Integer> state = new HashMap<>();
        List<String> order = new ArrayList<>(byId.size());
        for (String root : byId.keySet()) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            path.addLast(root);
            pending.addLast(byId.get(root).dependsOn().iterator());
            state.put(root, 1);
            while (!path.isEmpty()) {
                Iterator<String> next = pending.peekLast();
                if (!next.hasNext()) {
                    String done = path.removeLast();
                    pending.removeLast();
                    state.put(done, 2);
                    order.add(done);
                    continue;
                }
                String dep = next.next();
                Integer s = state.get(dep);
                if (s != null && s == 2) {
                    continue;
                }
                path.addLast(dep);
                if (s != null) {
                    throw new IllegalArgumentException(
                            "the plan's dependencies form a cycle: " + String.join(" -> ", path));
                }
                state.put(dep, 1);
                pending.addLast(byId.get(dep).dependsOn().iterator());
            }
        }
        return order;
    }
}
