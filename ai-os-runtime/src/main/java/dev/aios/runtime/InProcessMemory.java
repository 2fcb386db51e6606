package dev.aios.runtime;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.text.Words;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Memory} that lives as long as the process: records in a concurrent map, recall by
 * shared words weighted by importance. The agent's default when no persistent store is given,
 * and a convenience for tests; ai-os-memory provides the persistent Lucene store.
 */
public final class InProcessMemory implements Memory {
    /** Words shorter than this (articles, "of", "to") match too much to count as shared. */
    private static final int MIN_WORD_LENGTH = 3;

    private final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();

    /** Creates an empty memory. */
    public InProcessMemory() {}

    @Override
    public void remember(MemoryRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        Set<String> words = Words.distinct(query.text(), MIN_WORD_LENGTH);
        List<MemoryHit> hits = new ArrayList<>();
        for (MemoryRecord record : records.values()) {
            if (!query.layers().contains(record.layer()) || !matches(record, query.filters())) {
                continue;
            }
            Set<String> shared = Words.distinct(record.text(), MIN_WORD_LENGTH);
            shared.retainAll(words);
            if (shared.isEmpty() && !words.isEmpty()) {
                continue;
            }
            double score = shared.size() * (0.5 + record.importance());
            hits.add(new MemoryHit(record, score, "words: " + new java.util.TreeSet<>(shared)));
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed()
                .thenComparing(h -> h.record().at(), Comparator.reverseOrder()));
        return hits.size() > query.k() ? List.copyOf(hits.subList(0, query.k())) : List.copyOf(hits);
    }

    @Override
    public boolean forget(String id) {
        return records.remove(id) != null;
    }

    @Override
    public int endRun(String runId) {
        int before = records.size();
        records.values().removeIf(r -> r.layer() == dev.aios.api.MemoryLayer.WORKING
                && runId.equals(r.metadata().get("run")));
        return before - records.size();
    }

    /** @return how many records are stored */
    public int size() {
        return records.size();
    }

    private static boolean matches(MemoryRecord record, Map<String, String> filters) {
        for (Map.Entry<String, String> f : filters.entrySet()) {
            if (!f.getValue().equals(record.metadata().get(f.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
