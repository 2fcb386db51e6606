package dev.aios.runtime;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Source;
import dev.aios.api.text.Words;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Memory} that lives as long as the process: records in a concurrent map, recall by
 * shared words weighted by importance. The agent's default when no persistent store is given,
 * and a convenience for tests; ai-os-memory provides the persistent Lucene store. Records keep
 * their metadata, and so their {@link MemoryRecord#provenance() labels}, as given; forgetting a
 * record forgets the records derived from it.
 */
public final class InProcessMemory implements Memory {
    /** Words shorter than this (articles, "of", "to") match too much to count as shared. */
    private static final int MIN_WORD_LENGTH = 3;

    private final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();
    /** Orders writes and forgets, so no record derived from a forgotten one is written in between. */
    private final Object writes = new Object();

    /** Creates an empty memory. */
    public InProcessMemory() {}

    /** Stores {@code record}, replacing any with the same id. */
    @Override
    public void remember(MemoryRecord record) {
        Objects.requireNonNull(record, "record must not be null");
        synchronized (writes) {
            records.put(record.id(), record);
        }
    }

    /** @return the records sharing words of three letters or more with the query, best first */
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

    /**
     * Deletes record {@code id} and the records derived from it, transitively: those whose
     * provenance cites {@code memory:id}, then those citing them. Each record is visited once, so
     * records citing each other in a cycle are all deleted and the walk ends.
     *
     * @return whether record {@code id} existed
     */
    @Override
    public boolean forget(String id) {
        Objects.requireNonNull(id, "id must not be null");
        synchronized (writes) {
            if (!records.containsKey(id)) {
                return false;
            }
            // one pass builds who-cites-whom; the walk then follows it
            Map<String, List<String>> derivedFrom = new HashMap<>();
            for (MemoryRecord r : records.values()) {
                for (Source s : r.provenance().sources()) {
                    if (s.kind() == Source.Kind.MEMORY) {
                        derivedFrom.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(r.id());
                    }
                }
            }
            Set<String> gone = new LinkedHashSet<>(List.of(id));
            Deque<String> todo = new ArrayDeque<>(gone);
            while (!todo.isEmpty()) {
                for (String child : derivedFrom.getOrDefault(todo.poll(), List.of())) {
                    if (gone.add(child)) {
                        todo.add(child);
                    }
                }
            }
            records.keySet().removeAll(gone);
            return true;
        }
    }

    /** Drops the working-layer records of run {@code runId}; @return how many */
    @Override
    public int endRun(String runId) {
        synchronized (writes) {
            int before = records.size();
            records.values().removeIf(r -> r.layer() == MemoryLayer.WORKING && runId.equals(r.metadata().get("run")));
            return before - records.size();
        }
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
