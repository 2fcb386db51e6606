package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Deletes records, whole, from the working layer and the index: by id, session, time range,
 * metadata or words. A deleted record is gone from disk after the next commit (the index purges
 * segments that still hold it).
 */
public final class Forgetting {
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

    /** @return whether record {@code id} existed in any layer */
    public boolean byId(String id) {
        Objects.requireNonNull(id, "id must not be null");
        boolean inWorking = working.remove(id);
        return deleteWhere(new TermQuery(new Term(IndexSchema.RECORD_ID, id)), r -> false) > 0 || inWorking;
    }

    /** @return how many records of session {@code session} were deleted */
    public int bySession(String session) {
        return deleteWhere(new TermQuery(new Term(IndexSchema.meta(IndexSchema.SESSION_KEY), session)),
                r -> session.equals(r.metadata().get(IndexSchema.SESSION_KEY)));
    }

    /** @return how many records whose time is in [from, to) were deleted */
    public int between(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw AiOsException.permanent("time range is empty: from " + from + " is not before to " + to);
        }
        return deleteWhere(LongPoint.newRangeQuery(IndexSchema.AT, from.toEpochMilli(), to.toEpochMilli() - 1),
                r -> !r.at().isBefore(from) && r.at().isBefore(to));
    }

    /** @return how many records carrying all of these metadata values were deleted */
    public int where(Map<String, String> filters) {
        if (filters.isEmpty()) {
            throw AiOsException.permanent("forgetWhere needs at least one filter; to delete everything, delete the store");
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        filters.forEach((k, v) -> b.add(new TermQuery(new Term(IndexSchema.meta(k), v)), BooleanClause.Occur.FILTER));
        return deleteWhere(b.build(),
                r -> filters.entrySet().stream().allMatch(e -> e.getValue().equals(r.metadata().get(e.getKey()))));
    }

    /** @return how many records whose text holds all the words of {@code words} (after stemming) were deleted */
    public int matching(String words) {
        Query q = new QueryBuilder(indexAnalyzer).createBooleanQuery(IndexSchema.TEXT, words, BooleanClause.Occur.MUST);
        if (q == null) {
            throw AiOsException.permanent("'" + words + "' has no searchable words (only stop words or punctuation); "
                    + "name what to forget more precisely");
        }
        Set<String> terms = Analysis.terms(indexAnalyzer, IndexSchema.TEXT, words);
        return deleteWhere(q, r -> Analysis.terms(indexAnalyzer, IndexSchema.TEXT, r.text()).containsAll(terms));
    }

    /** Deletes the indexed records matching {@code q} (adapters' entries included); @return how many */
    public int indexed(Query q) {
        return deleteWhere(q, r -> false);
    }

    private int deleteWhere(Query q, Predicate<MemoryRecord> workingMatch) {
        int fromWorking = working.removeIf(workingMatch);
        return fromWorking + index.locked(() -> {
            long seqNo;
            int n;
            synchronized (index.writeOrder()) {
                // match whole records: a query may hit only some chunks of a long one
                Set<String> ids = index.searchLatest(s -> {
                    Set<String> found = new HashSet<>();
                    for (ScoreDoc sd : s.search(q, Integer.MAX_VALUE).scoreDocs) {
                        found.add(s.storedFields().document(sd.doc, Set.of(IndexSchema.RECORD_ID)).get(IndexSchema.RECORD_ID));
                    }
                    return found;
                });
                if (ids.isEmpty()) {
                    return 0;
                }
                seqNo = index.delete(ids);
                n = ids.size();
                sessions.invalidate();
            }
            index.durable(seqNo);
            return n;
        });
    }
}
