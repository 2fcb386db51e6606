package dev.aios.runtime.internal;

import dev.aios.api.BrainRequest;
import dev.aios.api.Budget;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.Usage;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What a run (and its sub-goal runs, which share it) has spent against its {@link Budget}, and
 * whether it was cancelled. Checks happen before work starts: a model call starts only while
 * tokens and cost are under their limits, a step only while steps are.
 */
final class RunBudget {
    private final Budget limits;
    private final long startNanos;
    private final long deadlineNanos;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicReference<Usage> usage = new AtomicReference<>(Usage.NONE);
    private volatile boolean cancelled;

    RunBudget(Budget limits) {
        this(limits, null);
    }

    /**
     * A budget that goes on from what an earlier life of the run spent: its usage and steps, and
     * the wall time it ran (the time the run was not running, between a crash and its resume,
     * does not count).
     */
    RunBudget(Budget limits, RunJournaling.@Nullable Spent earlier) {
        this.limits = limits;
        long ran = earlier == null ? 0 : Math.max(0, earlier.elapsedNanos());
        this.startNanos = System.nanoTime() - ran;
        long wall = limits.maxWallTime().toNanos();
        this.deadlineNanos = startNanos + Math.max(1, wall);
        if (earlier != null) {
            usage.set(earlier.usage());
            steps.set(earlier.steps());
        }
    }

    Budget limits() {
        return limits;
    }

    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    Usage usage() {
        return usage.get();
    }

    /**
     * @return what model calls may still spend: the tokens and cost left under the limits (never
     *     negative). Concurrent steps each see the same allowance, so together they may overrun it
     *     by up to one call each; {@link #checkBeforeModelCall} stops the next call after that.
     */
    BrainRequest.Allowance allowance() {
        Usage used = usage.get();
        return new BrainRequest.Allowance(Math.max(0, limits.maxTokens() - used.totalTokens()),
                limits.maxCost().subtract(used.cost()).max(BigDecimal.ZERO));
    }

    void charge(Usage more) {
        usage.accumulateAndGet(more, Usage::plus);
    }

    /** Throws if the run was cancelled or its wall time is spent. */
    void checkAlive() {
        if (cancelled) {
            throw new RunCancelledException();
        }
        if (remainingNanos() <= 0) {
            throw wallTimeExhausted();
        }
    }

    /** Counts one step attempt; throws if that is one more than allowed. */
    void chargeStep() {
        checkAlive();
        int n = steps.incrementAndGet();
        if (n > limits.maxSteps()) {
            steps.decrementAndGet();
            throw new BudgetExhaustedException(Budget.Kind.STEPS,
                    "step budget spent: the run may start " + limits.maxSteps() + " steps and needed more");
        }
    }

    int stepsStarted() {
        return steps.get();
    }

    /** Throws if a model call may not start. */
    void checkBeforeModelCall() {
        checkAlive();
        Usage used = usage.get();
        if (used.totalTokens() >= limits.maxTokens()) {
            throw new BudgetExhaustedException(Budget.Kind.TOKENS, "token budget spent: " + used.totalTokens()
                    + " of " + limits.maxTokens() + " model tokens used");
        }
        if (used.cost().signum() > 0 && used.cost().compareTo(limits.maxCost()) >= 0) {
            throw new BudgetExhaustedException(Budget.Kind.COST, "cost budget spent: " + used.cost().toPlainString()
                    + " of " + limits.maxCost().toPlainString() + " spent on model calls");
        }
    }

    BudgetExhaustedException wallTimeExhausted() {
        return new BudgetExhaustedException(Budget.Kind.WALL_TIME,
                "wall-time budget spent: the run may take " + limits.maxWallTime());
    }
}
