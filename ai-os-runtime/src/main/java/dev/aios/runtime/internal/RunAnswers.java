package dev.aios.runtime.internal;

import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.Provenance;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assembles what a run hands back: the answer of a plan that succeeded, or the partial result of one that did not. */
final class RunAnswers {
    private RunAnswers() {}

    /** An answer and its label. */
    record Labelled(String text, Provenance label) {}

    /**
     * @param literal the label of the plan's own text
     * @return the plan's own answer with its step references filled; without one, the result of
     *     the plan's only final step, or each final step's result on a line of its own; labelled
     *     by what it quotes
     */
    static Labelled answer(Plan plan, List<StepRecord> records, Provenance literal, dev.aios.api.Goal goal) {
        Map<String, ToolResult> results = StepReferences.withContext(goal);
        records.forEach(r -> results.put(r.step().id(), r.result() == null
                ? ToolResult.success("").withProvenance(literal) : r.result()));
        if (plan.answer() != null) {
            return new Labelled(StepReferences.fill(plan.answer(), results),
                    StepReferences.label(plan.answer(), results, literal));
        }
        Set<String> needed = new HashSet<>();
        plan.steps().forEach(s -> needed.addAll(s.dependsOn()));
        List<PlanStep> sinks = plan.steps().stream().filter(s -> !needed.contains(s.id())).toList();
        if (sinks.size() == 1) {
            ToolResult only = results.get(sinks.get(0).id());
            return new Labelled(only.text(), only.provenance());
        }
        StringBuilder out = new StringBuilder();
        Provenance label = literal;
        for (PlanStep sink : sinks) {
            ToolResult r = results.get(sink.id());
            out.append(sink.id()).append(": ").append(r.text()).append('\n');
            label = label.join(r.provenance());
        }
        return new Labelled(out.toString().strip(), label);
    }

    /** @return the results of the steps that succeeded, as a list (empty when none did), labelled by them */
    static Labelled partial(List<StepRecord> history, Provenance literal) {
        List<StepRecord> done = history.stream().filter(StepRecord::succeeded).toList();
        if (done.isEmpty()) {
            return new Labelled("", literal);
        }
        StringBuilder out = new StringBuilder("Partial result; completed steps:\n");
        Provenance label = literal;
        for (StepRecord r : done) {
            out.append("- ").append(r.step().id()).append(": ")
                    .append(r.result() == null ? "" : Excerpt.of(r.result().text(), 500)).append('\n');
            if (r.result() != null) {
                label = label.join(r.result().provenance());
            }
        }
        return new Labelled(out.toString().strip(), label);
    }

    /** @return a one-line summary of {@code plan} for events: its steps and the tool each calls */
    static String describe(Plan plan) {
        return plan.steps().size() + " steps: " + String.join(", ",
                plan.steps().stream().map(s -> s.id() + (s.action() instanceof PlanStep.CallTool c
                        ? "=" + c.tool() : "=sub-goal")).toList());
    }
}
