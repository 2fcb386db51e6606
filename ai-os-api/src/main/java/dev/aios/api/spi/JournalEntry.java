package dev.aios.api.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a {@link RunJournal}: what kind of fact it is, when it was written, and its body.
 * The body is a JSON object written and read by the runtime; a journal stores it as it is and
 * never interprets it (only its length and its bytes matter to storage).
 *
 * @param kind what the entry records
 * @param body the entry's JSON text, not blank
 * @param at when the entry was written
 */
public record JournalEntry(Kind kind, String body, Instant at) {

    /** What an entry records, in the order a run usually writes them. */
    public enum Kind {
        /** The run began: its goal, budget and tags. Always the first entry of a run. */
        RUN_STARTED,
        /** A plan the planner gave (from a brain, a skill or code), so a resumed run does not plan again. */
        PLAN,
        /** A reflector's decision after a failed plan. */
        REFLECTION,
        /** A step is about to call a tool: written, and durable, before the call. Carries the idempotency key. */
        STEP_INTENT,
        /** How a step ended: its result, or why it did not run. */
        STEP_OUTCOME,
        /** A step waits for a person's approval. */
        APPROVAL_REQUESTED,
        /** A person (or the clock) answered an approval request. */
        APPROVAL_DECIDED,
        /** What the run has spent so far: model usage, steps, time. */
        BUDGET,
        /** The run's learners recorded it (written once, so a resumed run does not learn twice). */
        LEARNED,
        /** The run ended: its status, answer and detail. Always the last entry of a run. */
        RUN_FINISHED
    }

    /** Validates. */
    public JournalEntry {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(body, "body must not be null");
        Objects.requireNonNull(at, "at must not be null");
        if (body.isBlank()) {
            throw new IllegalArgumentException("a journal entry's body must not be blank (kind " + kind + ")");
        }
    }

    /** @return an entry of {@code kind} with {@code body}, written now */
    public static JournalEntry of(Kind kind, String body) {
        return new JournalEntry(kind, body, Instant.now());
    }
}
