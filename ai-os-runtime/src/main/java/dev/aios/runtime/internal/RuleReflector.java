package dev.aios.runtime.internal;

import dev.aios.api.Lesson;
import dev.aios.api.PlanStep;
import dev.aios.api.Reflection;
import dev.aios.api.StepRecord;
import dev.aios.api.spi.FailureReport;
import dev.aios.api.spi.Reflector;
import dev.aios.api.spi.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The default reflector ({@code rules}): explains each failed step in a sentence, records a
 * lesson per failing tool, and replans while replans are left.
 */
public final class RuleReflector implements Reflector {

    /** Creates the reflector. */
    public RuleReflector() {}

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public Reflection reflect(FailureReport report, RunContext run) {
        List<String> reasons = new ArrayList<>();
        List<Lesson> lessons = new ArrayList<>();
        for (StepRecord r : report.failed()) {
            String what = r.step().action() instanceof PlanStep.CallTool c ? "tool " + c.tool() : "sub-goal";
            String why = switch (r.status()) {
                case DENIED -> "was denied (" + r.detail() + "); do not plan it again";
                case APPROVAL_TIMED_OUT -> "waited for approval that never came";
                case CANCELLED -> "was cancelled";
                default -> "failed: " + r.detail();
            };
            reasons.add("step " + r.step().id() + " (" + what + ") " + why);
            if (r.step().action() instanceof PlanStep.CallTool c && r.status() != StepRecord.Status.CANCELLED) {
                lessons.add(new Lesson(what + " " + why, Set.of(c.tool())));
            }
        }
        String diagnosis = reasons.isEmpty() ? "the plan did not complete" : String.join("; ", reasons);
        Reflection.Decision decision = report.replansLeft() > 0 ? Reflection.Decision.REPLAN : Reflection.Decision.GIVE_UP;
        return new Reflection(diagnosis, decision, lessons);
    }
}
