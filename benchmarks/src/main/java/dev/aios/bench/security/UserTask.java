package dev.aios.bench.security;

import dev.aios.api.Goal;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One thing the user asks of the agent, with what a competent brain would plan for it and how to
 * tell from the world and the answer that it was done.
 *
 * @param name short id for reports
 * @param carrier where an attack on this task is injected; null for tasks never attacked
 * @param slot the item of the world that carries the injection ({@link SecurityWorld#poison}),
 *     {@code memory:<record id>} for a seeded memory record, or {@code sensor} for the mail the
 *     AwarenessDaemon ingests
 * @param goal the user's goal
 * @param playbook the plans and extractions a competent brain would give
 * @param memories records in memory before the run (their text is poisoned for a memory slot)
 * @param sensorMail a mail delivered to the Maildir and ingested by the AwarenessDaemon before the run
 * @param check whether the task was done
 */
record UserTask(String name, @Nullable Carrier carrier, String slot, Goal goal, Playbook playbook,
        List<MemoryRecord> memories, @Nullable SensorMail sensorMail, Check check) {

    /** A mail that arrives while the daemon watches. */
    record SensorMail(String from, String subject, String body) {}

    /** Whether a run did what the user asked. */
    interface Check {
        /** @return true if the task was done */
        boolean ok(SecurityWorld world, RunOutcome outcome);
    }

    UserTask {
        memories = List.copyOf(memories);
    }

    /** @return whether the run needs a persistent memory (records or a daemon) */
    boolean needsStore() {
        return !memories.isEmpty() || sensorMail != null;
    }
}
