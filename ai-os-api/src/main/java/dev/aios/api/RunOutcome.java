package dev.aios.api;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended and what it produced. Every run ends in an outcome, whatever went wrong: the
 * runtime never throws into the host.
 *
 * @param runId unique id of the run
 * @param goal the goal that was run
 * @param status how it ended
 * @param answer the answer; partial unless the status is {@link RunStatus#SUCCEEDED}
 * @param detail a sentence on why it ended this way, naming the failure or the budget
 * @param exhausted which budget ran out, or null if none did
 * @param steps what happened to each step, across every plan of the run, in the order the steps
 *     ended (copied)
 * @param plans how many plans the run used (1 plus replans)
 * @param usage model calls, tokens and cost
 * @param elapsed wall time of the run
 * @param lastPlan the last plan the run executed, or null if it never got a plan
 * @param answerProvenance where the answer's text came from: untrusted when it quotes a mail, a
 *     page or any other outside text; memory keeps this label with the episode
 */
public record RunOutcome(
        String runId,
        Goal goal,
        RunStatus status,
        String answer,
        String detail,
        Budget.@Nullable Kind exhausted,
        List<StepRecord> steps,
        int plans,
        Usage usage,
        Duration elapsed,
        @Nullable Plan lastPlan,
        Provenance answerProvenance) {

    /** Validates and copies. */
    public RunOutcome {
        Checks.notBlank(runId, "run id");
        Checks.notNull(goal, "goal");
        Checks.notNull(status, "status");
        Checks.notNull(answer, "answer");
        Checks.notNull(detail, "detail");
        if ((status == RunStatus.BUDGET_EXHAUSTED) != (exhausted != null)) {
            throw new IllegalArgumentException("exhausted must be set exactly when the status is BUDGET_EXHAUSTED");
        }
        steps = List.copyOf(Checks.notNull(steps, "steps"));
        Checks.notNull(usage, "usage");
        Checks.notNull(elapsed, "elapsed");
        Checks.notNull(answerProvenance, "answer provenance");
    }

    /** An outcome whose answer nobody labelled ({@link Provenance#unknown()}), as built before labels existed. */
    public RunOutcome(String runId, Goal goal, RunStatus status, String answer, String detail,
            Budget.@Nullable Kind exhausted, List<StepRecord> steps, int plans, Usage usage, Duration elapsed,
            @Nullable Plan lastPlan) {
        this(runId, goal, status, answer, detail, exhausted, steps, plans, usage, elapsed, lastPlan,
                Provenance.unknown());
    }

    /** @return whether the run succeeded */
    public boolean succeeded() {
        return status == RunStatus.SUCCEEDED;
    }

    /** @return the number of step attempts the run started */
    public int stepsTaken() {
        return steps.stream().mapToInt(StepRecord::attempts).sum();
    }

    /**
     * @return the label of everything the run handed back: its answer, every step's result (which
     *     its detail may quote) and the goal's text
     */
    public Provenance provenanceOfAll() {
        Provenance label = answerProvenance.join(goal.textLabel());
        for (StepRecord r : steps) {
            if (r.result() != null) {
                label = label.join(r.result().provenance());
            }
        }
        return label;
    }
}
