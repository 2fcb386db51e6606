package dev.aios.toolpacks;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A tiny real {@link Memory} for tests: records in a map, recalled by the words they share with the query. */
final class MapMemory implements Memory {
    final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();

    @Override
    public void remember(MemoryRecord record) {
        records.put(record.id(), record);
    }

    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        List<MemoryHit> hits = new ArrayList<>();
        for (MemoryRecord r : records.values()) {
            long shared = List.of(query.text().toLowerCase(Locale.ROOT).split("\\W+")).stream()
                    .filter(w -> !w.isEmpty() && r.text().toLowerCase(Locale.ROOT).contains(w)).count();
            if (shared > 0 && query.layers().contains(r.layer())) {
                hits.add(new MemoryHit(r, shared, "words x" + shared));
            }
        }
        hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
        return hits.subList(0, Math.min(query.k(), hits.size()));
    }

    @Override
    public boolean forget(String id) {
        return records.remove(id) != null;
    }
}
