package dev.aios.runtime;

import dev.aios.api.RunStatus;
import dev.aios.api.Usage;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A run as its journal records it, listed by {@link Agent#runs()}: what it was asked, where it
 * stands, and what it has spent.
 *
 * @param runId the run's id
 * @param goal the goal's text (a private goal's too: this is the host's view, never a prompt's)
 * @param state where the run stands
 * @param status how it ended, or null while it has not
 * @param stepsDone how many steps have an outcome in the journal
 * @param spent the model usage the journal records
 * @param startedAt when the run began
 * @param updatedAt when its last entry was written
 */
public record RunSummary(String runId, String goal, State state, @Nullable RunStatus status, int stepsDone,
        Usage spent, Instant startedAt, Instant updatedAt) {

    /** Where a run stands. */
    public enum State {
        /** Running in this process. */
        RUNNING,
        /** A step waits for a person's approval (in this process, or to be resumed when it is answered). */
        WAITING_FOR_APPROVAL,
        /** Not finished and not running here: its process stopped or crashed; {@link Agent#resume} goes on with it. */
        INTERRUPTED,
        /** Ended; {@link #status()} says how. */
        FINISHED
    }

    /** Validates. */
    public RunSummary {
        Objects.requireNonNull(runId, "runId must not be null");
        Objects.requireNonNull(goal, "goal must not be null");
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(spent, "spent must not be null");
        Objects.requireNonNull(startedAt, "startedAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
        if ((state == State.FINISHED) != (status != null)) {
            throw new IllegalArgumentException("a finished run, and only one, has a status: " + state + "/" + status);
        }
    }
}
