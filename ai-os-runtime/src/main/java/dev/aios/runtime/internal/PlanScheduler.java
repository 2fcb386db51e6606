package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import dev.aios.api.StepRecord.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Schedules the steps of a run's plans: a step starts, on a virtual thread of its own, as soon as
 * every step it depends on has succeeded, and is skipped when one of them did not. The calling
 * thread only waits, bounded by the run's wall time; when the run ends mid-plan the running
 * steps are interrupted and the rest recorded as not run. Keeps the run's step history across
 * plans.
 */
final class PlanScheduler {
    /** How long a run that is ending waits for its interrupted steps to report. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final StepRunner steps;
    private final RunBudget budget;
    private final RunExecution run;
    private final List<Numbered> history = Collections.synchronizedList(new ArrayList<>());

    /** A step record and the number of the plan (1, 2, ...) it belongs to. */
    record Numbered(int plan, StepRecord record) {}

    PlanScheduler(StepRunner steps, RunBudget budget, RunExecution run) {
        this.steps = steps;
        this.budget = budget;
        this.run = run;
    }

    /** @return every step record of the run so far, across plans, in the order the steps ended */
    List<StepRecord> history() {
        synchronized (history) {
            return history.stream().map(Numbered::record).toList();
        }
    }

    /** @return {@link #history()} with the plan number of each record */
    List<Numbered> numberedHistory() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * Runs {@code plan}, the run's plan number {@code number}, to its end.
     *
     * @return one record per step, in the plan's order
     * @throws BudgetExhaustedException when a budget is spent, by a step or while waiting
     * @throws dev.aios.api.spi.JournalException when the run's journal failed: the run cannot go on durably
     * @throws RunCancelledException when the run is cancelled
     */
    List<StepRecord> execute(Plan plan, int number) {
        Map<String, StepRecord> done = new LinkedHashMap<>();
        Map<String, Future<StepRecord>> running = new HashMap<>();
        Map<String, ToolResult> results = StepReferences.withContext(run.goal());
        BlockingQueue<StepRecord> completed = new LinkedBlockingQueue<>();
        try {
            while (done.size() < plan.steps().size()) {
                int doneBefore = done.size();
                for (PlanStep step : plan.steps()) {
                    if (done.containsKey(step.id()) || running.containsKey(step.id())) {
                        continue;
                    }
                    String failedDependency = null;
                    boolean ready = true;
                    for (String dep : step.dependsOn()) {
                        StepRecord d = done.get(dep);
                        if (d == null) {
                            ready = false;
                        } else if (!d.succeeded()) {
                            failedDependency = dep;
                        }
                    }
                    if (failedDependency != null) {
                        record(done, skipped(step, "step " + failedDependency + " it depends on did not succeed"), number);
                    } else if (ready) {
                        running.put(step.id(), VirtualTasks.start("aios-step-" + step.id(), () -> {
                            StepRecord r = steps.run(step, results, number);
                            completed.add(r);
                            return r;
                        }));
                    }
                }
                if (done.size() == plan.steps().size()) {
                    break;
                }
                if (running.isEmpty() && done.size() > doneBefore) {
                    // A step skipped in this pass may be what a step listed before it depends on: look again
                    // rather than wait for a completion that cannot come.
                    continue;
                }
                long wait = budget.remainingNanos();
                if (wait <= 0) {
                    throw budget.wallTimeExhausted();
                }
                StepRecord r = completed.poll(wait, TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw budget.wallTimeExhausted();
                }
                running.remove(r.step().id());
                if (r.succeeded() && r.result() != null) {
                    results.put(r.step().id(), r.result());
                }
                record(done, r, number);
                RuntimeException fatal = steps.fatal();
                if (fatal != null) {
                    throw fatal;
                }
                budget.checkAlive();
            }
            List<StepRecord> ordered = new ArrayList<>();
            plan.steps().forEach(s -> ordered.add(done.get(s.id())));
            return ordered;
        } catch (InterruptedException e) {
            // Only the host cancels (RunExecution.cancel marks the budget first); an interrupt also comes when the
            // run stops its remaining steps after a budget ran out, which must stay BUDGET_EXHAUSTED.
            throw new RunCancelledException();
        } finally {
            if (done.size() < plan.steps().size()) {
                stopRemaining(plan, number, done, running, completed);
            }
        }
    }

    /** The run is ending mid-plan: interrupt running steps, collect how they ended, skip the rest. */
    private void stopRemaining(Plan plan, int number, Map<String, StepRecord> done, Map<String, Future<StepRecord>> running,
            BlockingQueue<StepRecord> completed) {
        boolean interrupted = Thread.interrupted();
        running.values().forEach(f -> f.cancel(true));
        long until = System.nanoTime() + STOP_GRACE_NANOS;
        while (!running.isEmpty()) {
            StepRecord r;
            try {
                r = completed.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
            if (r == null) {
                break;
            }
            running.remove(r.step().id());
            record(done, r, number);
        }
        for (PlanStep step : plan.steps()) {
            if (!done.containsKey(step.id())) {
                Status status = running.containsKey(step.id()) ? Status.CANCELLED : Status.SKIPPED;
                record(done, new StepRecord(step, status, 0, null, null, null, "the run ended before it finished"), number);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(Map<String, StepRecord> done, StepRecord r, int number) {
        done.put(r.step().id(), r);
        history.add(new Numbered(number, r));
        if (r.status() == Status.SKIPPED) {
            run.emit(AgentEvent.Type.STEP_SKIPPED, r.step().id(), r.detail());
        }
    }

    private static StepRecord skipped(PlanStep step, String why) {
        return new StepRecord(step, Status.SKIPPED, 0, null, null, null, why);
    }
}
