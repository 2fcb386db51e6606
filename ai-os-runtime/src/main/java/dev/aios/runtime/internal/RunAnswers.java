package dev.aios.runtime.internal;

import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.StepRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assembles what a run hands back: the answer of a plan that succeeded, or the partial result of one that did not. */
final class RunAnswers {
    private RunAnswers() {}

    /**
     * @return the plan's own answer with its step references filled; without one, the result of
     *     the plan's only final step, or each final step's result on a line of its own
     */
    static String answer(Plan plan, List<StepRecord> records) {
        Map<String, String> results = new HashMap<>();
        records.forEach(r -> results.put(r.step().id(), r.result() == null ? "" : r.result().text()));
        if (plan.answer() != null) {
            return StepReferences.fill(plan.answer(), results);
        }
        Set<String> needed = new HashSet<>();
        plan.steps().forEach(s -> needed.addAll(s.dependsOn()));
        List<PlanStep> sinks = plan.steps().stream().filter(s -> !needed.contains(s.id())).toList();
        if (sinks.size() == 1) {
            return results.get(sinks.get(0).id());
        }
        StringBuilder out = new StringBuilder();
        for (PlanStep sink : sinks) {
            out.append(sink.id()).append(": ").append(results.get(sink.id())).append('\n');
        }
        return out.toString().strip();
    }

    /** @return the results of the steps that succeeded, as a list; empty when none did */
    static String partial(List<StepRecord> history) {
        List<StepRecord> done = history.stream().filter(StepRecord::succeeded).toList();
        if (done.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Partial result; completed steps:\n");
        for (StepRecord r : done) {
            out.append("- ").append(r.step().id()).append(": ")
                    .append(r.result() == null ? "" : Excerpt.of(r.result().text(), 500)).append('\n');
        }
        return out.toString().strip();
    }

    /** @return a one-line summary of {@code plan} for events: its steps and the tool each calls */
    static String describe(Plan plan) {
        return plan.steps().size() + " steps: " + String.join(", ",
                plan.steps().stream().map(s -> s.id() + (s.action() instanceof PlanStep.CallTool c
                        ? "=" + c.tool() : "=sub-goal")).toList());
    }
}
