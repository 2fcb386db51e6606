package dev.aios.memory.internal;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.memory.RecallRequest;
import dev.aios.memory.RetrievalMode;
import dev.aios.memory.RetrievalSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.jspecify.annotations.Nullable;

/**
 * Reads memories back: a recall reads a time phrase out of the question ("last week"), embeds
 * it, runs {@link HybridSearch} over the persistent layers within the layer, metadata and time
 * filters, adds the working layer's matches, and says for each hit why it matched. Also the
 * plain reads: a fact's history and a session's turns in write order.
 */
public final class MemoryRecall {
    private final MemoryIndex index;
    private final DocumentCodec codec;
    private final UnitEmbedder embedder;
    private final WorkingMemory working;
    private final Analyzer indexAnalyzer;
    private final Analyzer queryAnalyzer;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param clock the clock for recency and time phrases
     * @param zone the time zone that "today" and "last week" are read in
     */
    public MemoryRecall(MemoryIndex index, DocumentCodec codec, UnitEmbedder embedder, WorkingMemory working,
            Analyzer indexAnalyzer, Analyzer queryAnalyzer, Clock clock, ZoneId zone) {
        this.index = index;
        this.codec = codec;
        this.embedder = embedder;
        this.working = working;
        this.indexAnalyzer = indexAnalyzer;
        this.queryAnalyzer = queryAnalyzer;
        this.clock = clock;
        this.zone = zone;
    }

    /** @return at most {@code request.k()} memories, best first, ranked by {@code retrieval} */
    public List<MemoryHit> recall(RecallRequest request, RetrievalSettings retrieval) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(retrieval, "retrieval must not be null");
        TextChecks.validUnicode(request.text(), "query text");
        Instant now = clock.instant();
        String text = request.text();
        Instant from = request.from();
        Instant to = request.to();
        String windowPhrase = null;
        if (from == null && to == null && request.readTimePhrases()) {
            Optional<TimeWindows.Window> w = TimeWindows.find(text, now, zone);
            if (w.isPresent()) {
                from = w.get().from();
                to = w.get().to();
                windowPhrase = w.get().phrase();
                text = text.replaceAll("(?i)" + Pattern.quote(windowPhrase), " ");
            }
        }
        Window window = new Window(from, to, windowPhrase);
        final String queryText = text;
        Set<MemoryLayer> persistentLayers = new HashSet<>(request.layers());
        persistentLayers.remove(MemoryLayer.WORKING);
        boolean wantsVector = request.mode() != RetrievalMode.LEXICAL && !queryText.isBlank();
        float[] queryVector = wantsVector ? embedder.embed(List.of(queryText)).get(0) : null;
        Set<String> queryTerms = Analysis.terms(queryAnalyzer, IndexSchema.TEXT, queryText);
        return index.locked(() -> {
            List<MemoryHit> hits = new ArrayList<>();
            if (!persistentLayers.isEmpty()) {
                hits.addAll(recallPersistent(request, retrieval, persistentLayers, queryText, queryVector, queryTerms,
                        window, now));
            }
            if (request.layers().contains(MemoryLayer.WORKING)) {
                for (MemoryHit h : working.recall(queryTerms, request.filters(), retrieval.importanceWeight())) {
                    if (window.contains(h.record().at())) {
                        hits.add(h);
                    }
                }
            }
            hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
            return hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : List.copyOf(hits);
        });
    }

    /** The time bounds of a recall, and the phrase they were read from, if any. */
    private record Window(@Nullable Instant from, @Nullable Instant to, @Nullable String phrase) {
        boolean contains(Instant at) {
            return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }
    }

    private List<MemoryHit> recallPersistent(RecallRequest request, RetrievalSettings retrieval, Set<MemoryLayer> layers,
            String text, float @Nullable [] queryVector, Set<String> queryTerms, Window window, Instant now)
            throws IOException {
        Query filter = filter(layers, request.filters(), window, request.includeSuperseded());
        RetrievalSettings rs = retrieval.withCandidates(Math.max(retrieval.candidates(), request.k()));
        return index.search(s -> {
            Query lexical = text.isBlank() ? null : HybridSearch.lexicalQuery(s.getIndexReader(), queryAnalyzer, text, rs);
            List<HybridSearch.Scored> ranked;
            if (lexical == null && queryVector == null) {
                ranked = newest(s, filter, request.k(), now, rs);
            } else {
                double timeBonus = TimeCues.asksWhen(request.text()) ? rs.timeBoost() : 0;
                ranked = HybridSearch.search(s, filter, lexical, queryVector, request.mode(), rs, now, timeBonus);
            }
            List<MemoryHit> out = new ArrayList<>();
            for (HybridSearch.Scored sc : ranked.subList(0, Math.min(request.k(), ranked.size()))) {
                TopDocs head = s.search(new TermQuery(new Term(IndexSchema.KEY, sc.recordId())), 1);
                if (head.scoreDocs.length == 0) {
                    continue;
                }
                MemoryRecord record = DocumentCodec.readShallow(s.storedFields().document(head.scoreDocs[0].doc)).toRecord();
                out.add(new MemoryHit(record, sc.score(), why(sc, record, queryTerms, window.phrase(), now, rs)));
            }
            return out;
        });
    }

    /** Ranks by freshness and importance alone, for a recall with no words to search by. */
    private static List<HybridSearch.Scored> newest(IndexSearcher s, Query filter, int k, Instant now, RetrievalSettings rs)
            throws IOException {
        Query heads = new BooleanQuery.Builder().add(filter, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER).build();
        TopDocs top = s.search(heads, k, new Sort(new SortField(IndexSchema.AT, SortField.Type.LONG, true),
                new SortField(IndexSchema.SEQ, SortField.Type.LONG, true)));
        List<HybridSearch.Scored> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Entry e = DocumentCodec.readShallow(s.storedFields().document(sd.doc));
            double age = Math.max(0, now.toEpochMilli() - e.at().toEpochMilli());
            double fresh = Math.pow(0.5, age / rs.recencyHalfLife().toMillis());
            out.add(new HybridSearch.Scored(e.id(), sd.doc, 0, Double.NaN, fresh, e.importance(),
                    fresh + rs.importanceWeight() * e.importance()));
        }
        return out;
    }

    private String why(HybridSearch.Scored sc, MemoryRecord record, Set<String> queryTerms, @Nullable String phrase,
            Instant now, RetrievalSettings rs) {
        List<String> parts = new ArrayList<>();
        Set<String> own = Analysis.terms(indexAnalyzer, IndexSchema.TEXT, record.text());
        List<String> shared = queryTerms.stream().filter(own::contains).toList();
        if (!shared.isEmpty()) {
            parts.add("words: " + String.join(", ", shared));
        } else if (sc.lexical() > 0) {
            parts.add("words in neighbouring turns or metadata");
        }
        if (!Double.isNaN(sc.cosine())) {
            parts.add(String.format(Locale.ROOT, "meaning %.2f", sc.cosine()));
        }
        if (phrase != null) {
            parts.add("within '" + phrase + "'");
        }
        if (rs.recencyWeight() > 0 || parts.isEmpty()) {
            parts.add("from " + HybridSearch.ago(record.at(), now));
        }
        if (rs.importanceWeight() > 0 && record.importance() >= 0.5) {
            parts.add("importance " + record.importance());
        }
        return String.join("; ", parts);
    }

    private static Query filter(Set<MemoryLayer> layers, Map<String, String> filters, Window window,
            boolean includeSuperseded) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_MEMORY)), BooleanClause.Occur.FILTER);
        if (layers.size() < MemoryLayer.values().length - 1) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (MemoryLayer l : layers) {
                any.add(new TermQuery(new Term(IndexSchema.LAYER, l.name())), BooleanClause.Occur.SHOULD);
            }
            b.add(any.build(), BooleanClause.Occur.FILTER);
        }
        filters.forEach((k, v) -> b.add(new TermQuery(new Term(IndexSchema.meta(k), v)), BooleanClause.Occur.FILTER));
        if (window.from() != null || window.to() != null) {
            long lo = window.from() == null ? Long.MIN_VALUE : window.from().toEpochMilli();
            long hi = window.to() == null ? Long.MAX_VALUE : window.to().toEpochMilli() - 1;
            Query range = LongPoint.newRangeQuery(IndexSchema.AT, lo, hi);
            if (window.phrase() != null) {
                // "today" in a goal bounds what happened, not what is known: facts and lessons stay recallable
                range = new BooleanQuery.Builder().add(range, BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(IndexSchema.LAYER, MemoryLayer.LONG_TERM.name())), BooleanClause.Occur.SHOULD)
                        .build();
            }
            b.add(range, BooleanClause.Occur.FILTER);
        }
        if (!includeSuperseded) {
            b.add(new TermQuery(new Term(IndexSchema.SUPERSEDED, "true")), BooleanClause.Occur.MUST_NOT);
        }
        return b.build();
    }

    /** @return every version of fact {@code factKey}, oldest first */
    public List<MemoryRecord> history(String factKey) {
        return index.locked(() -> index.search(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.meta(IndexSchema.FACT_KEY), factKey)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = s.search(q, 10_000, new Sort(new SortField(IndexSchema.AT, SortField.Type.LONG),
                    new SortField(IndexSchema.SEQ, SortField.Type.LONG)));
            List<MemoryRecord> out = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(DocumentCodec.readShallow(s.storedFields().document(sd.doc)).toRecord());
            }
            return out;
        }));
    }

    /** @return the turns of session {@code session}, in write order, without vectors */
    public List<Entry> sessionTurns(String session) {
        Query q = new TermQuery(new Term(IndexSchema.meta(IndexSchema.SESSION_KEY), session));
        return index.locked(() -> index.search(s -> {
            Query all = new BooleanQuery.Builder().add(q, BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.LAYER, MemoryLayer.SESSION.name())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.HEAD, "1")), BooleanClause.Occur.FILTER).build();
            List<Entry> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(all, 100_000, new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG))).scoreDocs) {
                out.add(DocumentCodec.readShallow(s.storedFields().document(sd.doc)));
            }
            return out;
        }));
    }

    /** @return the entry of record {@code id}, vectors included, or null when there is none */
    public @Nullable Entry read(String id, int chunkChars) {
        return index.locked(() -> index.search(s -> codec.read(s, id, chunkChars)));
    }
}
