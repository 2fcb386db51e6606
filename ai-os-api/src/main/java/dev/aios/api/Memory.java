package dev.aios.api;

import java.util.List;

/**
 * An agent's layered memory: the runtime recalls from it when perceiving, and learners write
 * episodes and lessons to it. The embedded default is a Lucene store on local disk
 * (ai-os-memory); the runtime ships a small in-process one for tests and samples.
 *
 * <p>Implementations must be safe for concurrent use. A write that returns is durable as far as
 * the implementation promises (the persistent store: on disk).
 */
public interface Memory extends AutoCloseable {

    /** Stores a record, replacing any with the same id. */
    void remember(MemoryRecord record);

    /** @return at most {@code query.k()} records, best first */
    List<MemoryHit> recall(MemoryQuery query);

    /**
     * Deletes the record with {@code id}, and every record derived from it: each record whose
     * {@link MemoryRecord#provenance()} lists {@link Source#memory(String) memory:id} among its
     * sources, and in turn the records derived from those. A skill learned from a preference goes
     * when the preference goes.
     *
     * @return whether the record existed
     */
    boolean forget(String id);

    /**
     * Drops the {@link MemoryLayer#WORKING} records of a run that has ended (those whose metadata
     * {@code run} is {@code runId}). The runtime calls it when each run ends; the default keeps
     * nothing to drop.
     *
     * @return how many records were dropped
     */
    default int endRun(String runId) {
        return 0;
    }

    /** Releases files and threads; the default does nothing. */
    @Override
    default void close() {}
}
