package dev.aios.runtime;

import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run in progress, returned by {@link Agent#start}. Any thread may cancel it or wait for its
 * outcome; the outcome future never completes exceptionally.
 */
public final class RunHandle {
    private final String runId;
    private final Goal goal;
    private final CompletableFuture<RunOutcome> outcome;
    private final Runnable canceller;

    RunHandle(String runId, Goal goal, CompletableFuture<RunOutcome> outcome, Runnable canceller) {
        this.runId = runId;
        this.goal = goal;
        this.outcome = outcome;
        this.canceller = canceller;
    }

    /** @return the id of the run, as in its events and outcome */
    public String runId() {
        return runId;
    }

    /** @return the goal being run */
    public Goal goal() {
        return goal;
    }

    /**
     * Asks the run to stop: steps in flight are interrupted, no new step starts, and the outcome
     * becomes {@link dev.aios.api.RunStatus#CANCELLED} with what was done so far. Does nothing if
     * the run already ended.
     */
    public void cancel() {
        canceller.run();
    }

    /** @return whether the run has ended */
    public boolean isDone() {
        return outcome.isDone();
    }

    /** @return the outcome, completed when the run ends; never completes exceptionally */
    public CompletableFuture<RunOutcome> outcome() {
        return outcome;
    }

    /**
     * Waits for the run to end. If the waiting thread is interrupted, the run is cancelled and
     * its (cancelled) outcome returned.
     *
     * @return the outcome
     */
    public RunOutcome await() {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            cancel();
            RunOutcome cancelled = outcome.join();
            Thread.currentThread().interrupt();
            return cancelled;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run's outcome never fails; this is a bug", e);
        }
    }

    /**
     * Waits at most {@code timeout} for the run to end.
     *
     * @return the outcome
     * @throws TimeoutException if the run is still going; it goes on
     */
    public RunOutcome await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run's outcome never fails; this is a bug", e);
        }
    }
}
