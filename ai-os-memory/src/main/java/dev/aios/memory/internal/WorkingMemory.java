package dev.aios.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;

/**
 * The working layer: records of the current runs, in process only, bounded in count and idle
 * time, removed when their run ends. Never written to disk.
 */
public final class WorkingMemory {
    /** Metadata key naming the run a working record belongs to. */
    public static final String RUN_KEY = "run";

    private record Item(MemoryRecord record, Set<String> terms) {}

    private final Cache<String, Item> items;
    private final Analyzer indexAnalyzer;

    /**
     * @param maxRecords how many records to keep at most
     * @param idle how long an unused record is kept
     * @param indexAnalyzer the analyser persistent records are indexed with, so words match the same way
     */
    public WorkingMemory(long maxRecords, Duration idle, Analyzer indexAnalyzer) {
        this.items = Caffeine.newBuilder().maximumSize(maxRecords).expireAfterAccess(idle).build();
        this.indexAnalyzer = indexAnalyzer;
    }

    /** Keeps {@code record}, replacing any with the same id. */
    public void put(MemoryRecord record) {
        items.put(record.id(), new Item(record, Analysis.terms(indexAnalyzer, IndexSchema.TEXT, record.text())));
    }

    /** @return whether record {@code id} was held */
    public boolean remove(String id) {
        return items.asMap().remove(id) != null;
    }

    /** @return how many records of run {@code runId} were dropped */
    public int endRun(String runId) {
        int[] n = {0};
        items.asMap().values().removeIf(i -> {
            boolean match = runId.equals(i.record().metadata().get(RUN_KEY));
            n[0] += match ? 1 : 0;
            return match;
        });
        return n[0];
    }

    /** @return how many records matching {@code match} were dropped */
    public int removeIf(Predicate<MemoryRecord> match) {
        int[] n = {0};
        items.asMap().values().removeIf(i -> {
            boolean m = match.test(i.record());
            n[0] += m ? 1 : 0;
            return m;
        });
        return n[0];
    }

    /** @return the ids of the records matching {@code match}, which stay held */
    public Set<String> idsWhere(Predicate<MemoryRecord> match) {
        Set<String> out = new HashSet<>();
        for (Item item : items.asMap().values()) {
            if (match.test(item.record())) {
                out.add(item.record().id());
            }
        }
        return out;
    }

    /** Drops the records with these ids, those held. */
    public void removeAll(Collection<String> ids) {
        items.invalidateAll(ids);
    }

    /** @return about how many records are held now */
    public long size() {
        return items.estimatedSize();
    }

    /**
     * Scores working records by the share of the query's words they hold (they are few and
     * short-lived, so no index), plus importance.
     */
    public List<MemoryHit> recall(Set<String> queryTerms, Map<String, String> filters, double importanceWeight) {
        List<MemoryHit> out = new ArrayList<>();
        for (Item item : items.asMap().values()) {
            MemoryRecord r = item.record();
            if (!filters.entrySet().stream().allMatch(f -> f.getValue().equals(r.metadata().get(f.getKey())))) {
                continue;
            }
            List<String> shared = queryTerms.stream().filter(item.terms()::contains).toList();
            if (shared.isEmpty() && !queryTerms.isEmpty()) {
                continue;
            }
            double words = queryTerms.isEmpty() ? 0 : (double) shared.size() / queryTerms.size();
            // working memory is what the run is doing now: it counts as fully fresh
            double score = words + 0.05 + importanceWeight * r.importance();
            out.add(new MemoryHit(r, score, "working memory; words: " + shared));
        }
        return out;
    }
}
