package dev.aios.memory.internal;

import dev.aios.api.text.Vectors;
import dev.aios.memory.RetrievalMode;
import dev.aios.memory.RetrievalSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;

/**
 * One hybrid recall over an index: BM25 candidates and nearest-neighbour candidates, each
 * completed with the other signal's exact score, normalised, fused by weight, grouped by record,
 * then adjusted for time cues (a question that asks when favours memories that say when), for how
 * well each session turn's whole session matches, and for freshness and importance.
 */
final class HybridSearch {
    private HybridSearch() {}

    /**
     * One ranked record.
     *
     * @param doc the best-matching document (chunk) of the record
     * @param lexical BM25 score over the best candidate's, in [0, 1]
     * @param cosine cosine similarity to the query, or NaN when not computed
     * @param freshness 1 for now, halving every half-life
     */
    record Scored(String recordId, int doc, double lexical, double cosine, double freshness, double importance,
            double score) {}

    private static final Set<String> SCORE_FIELDS = Set.of(IndexSchema.RECORD_ID, IndexSchema.AT, IndexSchema.IMPORTANCE, IndexSchema.KEY,
            IndexSchema.CUE, IndexSchema.meta(IndexSchema.SESSION_KEY));

    /**
     * The most distinct query terms a lexical query keeps. Three fields are searched per term, and
     * {@link IndexSearcher#getMaxClauseCount()} (1,024 by default) bounds the clauses of a whole
     * query, filters included: 3 x 128 leaves room for the filters and the hybrid completion query.
     */
    static final int MAX_QUERY_TERMS = 128;

    /**
     * The lexical query for {@code text}. A text of at most {@link #MAX_QUERY_TERMS} words is
     * searched word for word. A longer one (a pasted page, a long goal) is searched by its
     * {@link #MAX_QUERY_TERMS} most informative terms, as Lucene's MoreLikeThis picks them: terms no
     * record holds are dropped (they score nothing), the rest ranked by count in the text times
     * BM25's inverse document frequency, each searched once, boosted by its count.
     *
     * @param reader the index, for the document frequencies of a long text's terms
     * @return the query, or null when no word of it is searchable
     */
    static @Nullable Query lexicalQuery(IndexReader reader, Analyzer queryAnalyzer, String text, RetrievalSettings s)
            throws IOException {
        Map<String, Integer> counts = Analysis.termCounts(queryAnalyzer, IndexSchema.TEXT, text);
        int tokens = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (tokens <= MAX_QUERY_TERMS) {
            return wordForWord(queryAnalyzer, text, s);
        }
        Map<String, Integer> kept = mostInformative(reader, counts);
        if (kept.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(termsQuery(IndexSchema.TEXT, kept), BooleanClause.Occur.SHOULD);
        if (s.contextBoost() > 0) {
            b.add(new BoostQuery(termsQuery(IndexSchema.CONTEXT, kept), (float) s.contextBoost()), BooleanClause.Occur.SHOULD);
        }
        if (s.metadataBoost() > 0) {
            b.add(new BoostQuery(termsQuery(IndexSchema.META_TEXT, kept), (float) s.metadataBoost()),
                    BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    private static @Nullable Query wordForWord(Analyzer queryAnalyzer, String text, RetrievalSettings s) {
        QueryBuilder qb = new QueryBuilder(queryAnalyzer);
        Query own = qb.createBooleanQuery(IndexSchema.TEXT, text);
        if (own == null) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(own, BooleanClause.Occur.SHOULD);
        if (s.contextBoost() > 0) {
            Query ctx = qb.createBooleanQuery(IndexSchema.CONTEXT, text);
            if (ctx != null) {
                b.add(new BoostQuery(ctx, (float) s.contextBoost()), BooleanClause.Occur.SHOULD);
            }
        }
        if (s.metadataBoost() > 0) {
            Query meta = qb.createBooleanQuery(IndexSchema.META_TEXT, text);
            if (meta != null) {
                b.add(new BoostQuery(meta, (float) s.metadataBoost()), BooleanClause.Occur.SHOULD);
            }
        }
        return b.build();
    }

    /** @return at most {@link #MAX_QUERY_TERMS} of {@code counts}' terms that some record holds, by count x idf */
    private static Map<String, Integer> mostInformative(IndexReader reader, Map<String, Integer> counts)
            throws IOException {
        int docs = Math.max(1, reader.numDocs());
        record Weighted(String term, int count, double weight) {}
        List<Weighted> present = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            // the rarest field counts: a word only in metadata or a neighbouring turn is still a match
            int df = 0;
            for (String field : List.of(IndexSchema.TEXT, IndexSchema.CONTEXT, IndexSchema.META_TEXT)) {
                int f = reader.docFreq(new Term(field, e.getKey()));
                df = f == 0 ? df : df == 0 ? f : Math.min(df, f);
            }
            if (df > 0) {
                double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
                present.add(new Weighted(e.getKey(), e.getValue(), e.getValue() * idf));
            }
        }
        present.sort(Comparator.comparingDouble(Weighted::weight).reversed().thenComparing(Weighted::term));
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (Weighted w : present.subList(0, Math.min(MAX_QUERY_TERMS, present.size()))) {
            kept.put(w.term(), w.count());
        }
        return kept;
    }

    private static Query termsQuery(String field, Map<String, Integer> terms) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        terms.forEach((term, count) -> {
            Query q = new TermQuery(new Term(field, term));
            b.add(count > 1 ? new BoostQuery(q, count) : q, BooleanClause.Occur.SHOULD);
        });
        return b.build();
    }

    /** How many of a session's best-matching turns make up its score: a few, so a long session is not favoured for length. */
    static final int SESSION_TURNS = 3;

    /**
     * @param timeBonus added to the content score of a chunk that says when something happened (0
     *     unless the question asks when)
     * @return every candidate record, best first
     */
    static List<Scored> search(IndexSearcher searcher, Query filter, @Nullable Query lexical, float @Nullable [] queryVector,
            RetrievalMode mode, RetrievalSettings s, Instant now, double timeBonus) throws IOException {
        int n = s.candidates();
        Map<Integer, double[]> cand = new LinkedHashMap<>(); // doc -> {bm25, cosine}
        boolean useLexical = mode != RetrievalMode.VECTOR && lexical != null;
        boolean useVector = mode != RetrievalMode.LEXICAL && queryVector != null;
        if (useLexical) {
            TopDocs top = searcher.search(filtered(lexical, filter), n);
            for (ScoreDoc sd : top.scoreDocs) {
                cand.put(sd.doc, new double[] {sd.score, Double.NaN});
            }
        }
        if (useVector) {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, queryVector, n, filter), n);
            for (ScoreDoc sd : top.scoreDocs) {
                // DOT_PRODUCT scores are (1 + cos) / 2
                cand.computeIfAbsent(sd.doc, d -> new double[] {mode == RetrievalMode.HYBRID ? Double.NaN : 0, Double.NaN})[1] =
                        2.0 * sd.score - 1.0;
            }
        }
        if (cand.isEmpty()) {
            return List.of();
        }
        StoredFields stored = searcher.storedFields();
        Map<Integer, Document> docs = new HashMap<>();
        for (int doc : cand.keySet()) {
            docs.put(doc, stored.document(doc, SCORE_FIELDS));
        }
        if (mode == RetrievalMode.HYBRID) {
            complete(searcher, stored, cand, docs, lexical, filter, queryVector);
        }
        double maxLex = 0;
        double minCos = Double.POSITIVE_INFINITY;
        double maxCos = Double.NEGATIVE_INFINITY;
        for (double[] v : cand.values()) {
            maxLex = Math.max(maxLex, v[0]);
            if (!Double.isNaN(v[1])) {
                minCos = Math.min(minCos, v[1]);
                maxCos = Math.max(maxCos, v[1]);
            }
        }
        Map<String, Scored> best = new HashMap<>();
        Map<String, Double> bestContent = new HashMap<>();
        Map<String, String> sessions = new HashMap<>();
        double halfLifeMs = s.recencyHalfLife().toMillis();
        for (Map.Entry<Integer, double[]> e : cand.entrySet()) {
            double[] v = e.getValue();
            double lexN = maxLex > 0 && !Double.isNaN(v[0]) ? v[0] / maxLex : 0;
            double cos = v[1];
            double content = switch (mode) {
                case LEXICAL -> lexN;
                case VECTOR -> Double.isNaN(cos) ? 0 : cos;
                case HYBRID -> {
                    double vecN = Double.isNaN(cos) ? 0 : maxCos > minCos ? (cos - minCos) / (maxCos - minCos) : 1;
                    yield s.lexicalWeight() * lexN + s.vectorWeight() * vecN;
                }
            };
            Document d = docs.get(e.getKey());
            if (timeBonus > 0 && TimeCues.TIME.equals(d.get(IndexSchema.CUE))) {
                content += timeBonus;
            }
            long at = d.getField(IndexSchema.AT).numericValue().longValue();
            double importance = d.getField(IndexSchema.IMPORTANCE).numericValue().doubleValue();
            double age = Math.max(0, now.toEpochMilli() - at);
            double freshness = Math.pow(0.5, age / halfLifeMs);
            double score = content + s.recencyWeight() * freshness + s.importanceWeight() * importance;
            String rid = d.get(IndexSchema.RECORD_ID);
            Scored candidate = new Scored(rid, e.getKey(), lexN, cos, freshness, importance, score);
            if (best.merge(rid, candidate, (a, b) -> a.score() >= b.score() ? a : b) == candidate) {
                bestContent.put(rid, content);
            }
            String session = d.get(IndexSchema.meta(IndexSchema.SESSION_KEY));
            // a record of no session is a session of its own, so facts and events are not left behind turns
            sessions.put(rid, session != null ? "s:" + session : "r:" + rid);
        }
        if (s.sessionBoost() > 0) {
            addSessionScores(best, bestContent, sessions, s.sessionBoost());
        }
        List<Scored> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::recordId));
        return out;
    }

    /**
     * Adds to each record {@code boost} times its session's score: the summed content scores of the
     * session's {@link #SESSION_TURNS} best candidates, over the best session's. A question whose
     * answer is spread over a conversation (or asked in other words than it was told) then still
     * finds the turns of the session that talked about it most. A record of no session counts as a
     * session of one, so it gains at most a third of what a session with three matching turns gains.
     *
     * @param sessions record id to its group: {@code s:} and the session, or {@code r:} and the record id
     */
    private static void addSessionScores(Map<String, Scored> best, Map<String, Double> content, Map<String, String> sessions,
            double boost) {
        Map<String, List<Double>> bySession = new HashMap<>();
        sessions.forEach((rid, session) -> bySession.computeIfAbsent(session, k -> new ArrayList<>()).add(content.get(rid)));
        Map<String, Double> sessionScore = new HashMap<>();
        double max = 0;
        for (Map.Entry<String, List<Double>> e : bySession.entrySet()) {
            List<Double> scores = e.getValue();
            scores.sort(Comparator.reverseOrder());
            double sum = 0;
            for (double v : scores.subList(0, Math.min(SESSION_TURNS, scores.size()))) {
                sum += v;
            }
            sessionScore.put(e.getKey(), sum);
            max = Math.max(max, sum);
        }
        if (max <= 0) {
            return;
        }
        for (Map.Entry<String, String> e : sessions.entrySet()) {
            Scored sc = best.get(e.getKey());
            double add = boost * sessionScore.get(e.getValue()) / max;
            best.put(e.getKey(), new Scored(sc.recordId(), sc.doc(), sc.lexical(), sc.cosine(), sc.freshness(), sc.importance(),
                    sc.score() + add));
        }
    }

    /** Gives every candidate both signals: cosine from its stored vector, BM25 by re-running the words on it. */
    private static void complete(IndexSearcher searcher, StoredFields stored, Map<Integer, double[]> cand,
            Map<Integer, Document> docs, @Nullable Query lexical, Query filter, float @Nullable [] queryVector)
            throws IOException {
        List<BytesRef> missingLex = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : cand.entrySet()) {
            double[] v = e.getValue();
            if (Double.isNaN(v[1]) && queryVector != null) {
                BytesRef bytes = stored.document(e.getKey(), Set.of(IndexSchema.VECTOR_BYTES)).getBinaryValue(IndexSchema.VECTOR_BYTES);
                if (bytes != null) {
                    // both are unit vectors: their dot product is their cosine
                    v[1] = Vectors.dot(queryVector, DocumentCodec.fromBytes(bytes));
                }
            }
            if (Double.isNaN(v[0])) {
                v[0] = 0;
                missingLex.add(new BytesRef(docs.get(e.getKey()).get(IndexSchema.KEY)));
            }
        }
        if (lexical != null && !missingLex.isEmpty()) {
            Query restricted = new BooleanQuery.Builder()
                    .add(lexical, BooleanClause.Occur.MUST)
                    .add(filter, BooleanClause.Occur.FILTER)
                    .add(new TermInSetQuery(IndexSchema.KEY, missingLex), BooleanClause.Occur.FILTER)
                    .build();
            for (ScoreDoc sd : searcher.search(restricted, missingLex.size()).scoreDocs) {
                double[] v = cand.get(sd.doc);
                if (v != null) {
                    v[0] = sd.score;
                }
            }
        }
    }

    private static Query filtered(Query q, Query filter) {
        return new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    /** @return how long ago {@code at} was, in words, for a recall's "why" */
    static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative()) {
            return "in the future";
        }
        if (d.toDays() >= 2) {
            return d.toDays() + " days ago";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours ago";
        }
        return d.toMinutes() + " minutes ago";
    }
}
