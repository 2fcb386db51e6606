package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Source;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes records, whole, from the working layer and the index: by id, session, time range,
 * metadata or words. Every deletion also takes the records derived from those it deletes (whose
 * provenance cites {@code memory:<id>}), transitively, in the same index operation and commit, so
 * no crash leaves a derived record behind once a deletion has returned. A deleted record is gone
 * from disk after the next commit (the index purges segments that still hold it).
 */
public final class Forgetting {
    private static final Logger log = LoggerFactory.getLogger(Forgetting.class);

    /** Whether a deletion also takes the records derived from what it deletes. */
    private enum Derived {
        /** Agent memories: what was learned from a forgotten record goes with it. */
        INCLUDED,
        /** Adapters' own entries, which LangChain4j callers delete one by one. */
        EXCLUDED
    }

    /**
     * What a deletion removed.
     *
     * @param matched the records the deletion named (by id, session, time, metadata or words)
     * @param derived the records deleted because they were derived from those, in any layer
     */
    private record Deleted(Set<String> matched, Set<String> derived) {
        int count() {
            return matched.size() + derived.size();
        }
    }

    private final MemoryIndex index;
    private final WorkingMemory working;
    private final SessionWindows sessions;
    private final Analyzer indexAnalyzer;

    /** @param indexAnalyzer the analyser the records' text was indexed with, to match words the same way */
    public Forgetting(MemoryIndex index, WorkingMemory working, SessionWindows sessions, Analyzer indexAnalyzer) {
        this.index = index;
        this.working = working;
        this.sessions = sessions;
        this.indexAnalyzer = indexAnalyzer;
    }

    /**
     * Deletes record {@code id} and every record derived from it, transitively.
     *
     * @return whether record {@code id} existed in any layer
     */
    public boolean byId(String id) {
        Objects.requireNonNull(id, "id must not be null");
        return deleteWhere(new TermQuery(new Term(IndexSchema.RECORD_ID, id)), r -> r.id().equals(id), Derived.INCLUDED)
                .matched().contains(id);
    }

    /** @return how many records of session {@code session}, and records derived from them, were deleted */
    public int bySession(String session) {
        return deleteWhere(new TermQuery(new Term(IndexSchema.meta(IndexSchema.SESSION_KEY), session)),
                r -> session.equals(r.metadata().get(IndexSchema.SESSION_KEY)), Derived.INCLUDED).count();
    }

    /** @return how many records whose time is in [from, to), and records derived from them, were deleted */
    public int between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw AiOsException.permanent("time range is empty: from " + from + " is not before to " + to);
        }
        return deleteWhere(LongPoint.newRangeQuery(IndexSchema.AT, from.toEpochMilli(), to.toEpochMilli() - 1),
                r -> !r.at().isBefore(from) && r.at().isBefore(to), Derived.INCLUDED).count();
    }

    /** @return how many records carrying all of these metadata values, and records derived from them, were deleted */
    public int where(Map<String, String> filters) {
        if (filters.isEmpty()) {
            throw AiOsException.permanent("forgetWhere needs at least one filter; to delete everything, delete the store");
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        filters.forEach((k, v) -> b.add(new TermQuery(new Term(IndexSchema.meta(k), v)), BooleanClause.Occur.FILTER));
        return deleteWhere(b.build(),
                r -> filters.entrySet().stream().allMatch(e -> e.getValue().equals(r.metadata().get(e.getKey()))),
                Derived.INCLUDED).count();
    }

    /**
     * @return how many records whose text holds all the words of {@code words} (after stemming), and
     *     records derived from them, were deleted
     */
    public int matching(String words) {
        Query q = new QueryBuilder(indexAnalyzer).createBooleanQuery(IndexSchema.TEXT, words, BooleanClause.Occur.MUST);
        if (q == null) {
            throw AiOsException.permanent("'" + words + "' has no searchable words (only stop words or punctuation); "
                    + "name what to forget more precisely");
        }
        Set<String> terms = Analysis.terms(indexAnalyzer, IndexSchema.TEXT, words);
        return deleteWhere(q, r -> Analysis.terms(indexAnalyzer, IndexSchema.TEXT, r.text()).containsAll(terms),
                Derived.INCLUDED).count();
    }

    /** Deletes the indexed records matching {@code q} (adapters' entries included); @return how many */
    public int indexed(Query q) {
        return deleteWhere(q, r -> false, Derived.EXCLUDED).count();
    }

    private Deleted deleteWhere(Query q, Predicate<MemoryRecord> workingMatch, Derived derived) {
        return index.locked(() -> {
            long seqNo = -1;
            Deleted deleted;
            Set<String> persistent = new HashSet<>();
            Set<String> inWorking;
            // under the write order, so no record derived from these is written between finding and deleting
            synchronized (index.writeOrder()) {
                Set<String> matched = new HashSet<>();
                Set<String> fromThem = new HashSet<>();
                inWorking = new HashSet<>(working.idsWhere(workingMatch));
                index.searchLatest(s -> {
                    persistent.addAll(recordIds(s, q));
                    matched.addAll(persistent);
                    matched.addAll(inWorking);
                    if (derived == Derived.INCLUDED) {
                        derivedFrom(s, matched, fromThem, persistent, inWorking);
                    }
                    return null;
                });
                deleted = new Deleted(matched, fromThem);
                if (!persistent.isEmpty()) {
                    // one delete of every id: the commit holds all of them or none
                    seqNo = index.delete(persistent);
                    sessions.invalidate();
                }
            }
            if (seqNo >= 0) {
                index.durable(seqNo);
            }
            // after the durable delete: a failed one leaves the working layer as it was too
            working.removeAll(inWorking);
            if (!deleted.derived().isEmpty()) {
                log.debug("forgot {} record(s) derived from {}", deleted.derived().size(), deleted.matched());
            }
            return deleted;
        });
    }

    /**
     * Finds, breadth first, every record derived from {@code roots}: indexed ones by a term query on
     * {@link IndexSchema#SOURCE}, working ones by their labels. Each id is visited once, so a cycle
     * of records citing each other ends.
     *
     * @param out receives the derived ids not among {@code roots}
     * @param persistent receives the indexed ones among them
     * @param inWorking receives the working-layer ones among them
     */
    private void derivedFrom(IndexSearcher s, Set<String> roots, Set<String> out, Set<String> persistent,
            Set<String> inWorking) throws IOException {
        Set<String> seen = new HashSet<>(roots);
        Set<String> frontier = new HashSet<>(roots);
        while (!frontier.isEmpty()) {
            List<BytesRef> cited = frontier.stream().map(id -> new BytesRef(Source.memory(id).toString())).toList();
            Set<Source> citedSources = frontier.stream().map(Source::memory).collect(Collectors.toSet());
            Set<String> next = new HashSet<>();
            for (String id : recordIds(s, new TermInSetQuery(IndexSchema.SOURCE, cited))) {
                if (seen.add(id)) {
                    next.add(id);
                    persistent.add(id);
                }
            }
            for (String id : working.idsWhere(r -> !Collections.disjoint(r.provenance().sources(), citedSources))) {
                if (seen.add(id)) {
                    next.add(id);
                }
                inWorking.add(id);
            }
            out.addAll(next);
            frontier = next;
        }
    }

    /** @return the ids of the records with a document matching {@code q}: a query may hit only some chunks */
    private static Set<String> recordIds(IndexSearcher s, Query q) throws IOException {
        Set<String> found = new HashSet<>();
        for (ScoreDoc sd : s.search(q, Integer.MAX_VALUE).scoreDocs) {
            found.add(s.storedFields().document(sd.doc, Set.of(IndexSchema.RECORD_ID)).get(IndexSchema.RECORD_ID));
        }
        return found;
    }
}
