package dev.aios.sensors;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link Memory} that counts writes per id, so tests can see duplicates. */
final class FakeMemory implements Memory {
    final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    volatile boolean failing;

    @Override
    public void remember(MemoryRecord record) {
        if (failing) {
            throw new IllegalStateException("disk full (simulated)");
        }
        records.put(record.id(), record);
        writes.computeIfAbsent(record.id(), k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        return List.of();
    }

    @Override
    public boolean forget(String id) {
        return records.remove(id) != null;
    }

    int writesOf(String id) {
        AtomicInteger count = writes.get(id);
        return count == null ? 0 : count.get();
    }

    int totalWrites() {
        return writes.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
