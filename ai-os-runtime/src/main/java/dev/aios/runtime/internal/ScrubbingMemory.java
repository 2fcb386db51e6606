package dev.aios.runtime.internal;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's memory as the runtime uses it: every record is {@link Secrets#scrub scrubbed} of
 * secrets (text and metadata values) before it is written, whichever learner, step or host wrote
 * it, because memory outlives the run and is recalled into later prompts. Reads, forgetting and
 * closing go straight to the memory it wraps.
 */
final class ScrubbingMemory implements Memory {
    private final Memory memory;

    private ScrubbingMemory(Memory memory) {
        this.memory = memory;
    }

    /**
     * @param memory the memory to write through
     * @return {@code memory} scrubbing its writes; {@code memory} itself when it already does
     */
    static Memory wrap(Memory memory) {
        Objects.requireNonNull(memory, "memory must not be null");
        return memory instanceof ScrubbingMemory ? memory : new ScrubbingMemory(memory);
    }

    /**
     * @param record any record
     * @return {@code record} itself when it holds no secret, else a copy with its text and metadata
     *     values scrubbed (the id is kept: it is what a later write replaces)
     */
    static MemoryRecord scrub(MemoryRecord record) {
        String text = Secrets.scrub(record.text());
        Map<String, String> metadata = new LinkedHashMap<>();
        boolean changed = !text.equals(record.text());
        for (Map.Entry<String, String> e : record.metadata().entrySet()) {
            String value = Secrets.scrub(e.getValue());
            changed |= !value.equals(e.getValue());
            metadata.put(e.getKey(), value);
        }
        return changed ? new MemoryRecord(record.id(), record.layer(), text, record.at(), record.importance(), metadata)
                : record;
    }

    @Override
    public void remember(MemoryRecord record) {
        memory.remember(scrub(record));
    }

    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        return memory.recall(query);
    }

    @Override
    public boolean forget(String id) {
        return memory.forget(id);
    }

    @Override
    public int endRun(String runId) {
        return memory.endRun(runId);
    }

    @Override
    public void close() {
        memory.close();
    }

    @Override
    public String toString() {
        return memory.toString();
    }
}
