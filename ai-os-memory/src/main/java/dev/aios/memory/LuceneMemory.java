package dev.aios.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.memory.internal.Analysis;
import dev.aios.memory.internal.Chunker;
import dev.aios.memory.internal.Consolidation;
import dev.aios.memory.internal.Documents;
import dev.aios.memory.internal.Entry;
import dev.aios.memory.internal.Fields;
import dev.aios.memory.internal.HybridSearch;
import dev.aios.memory.internal.TextChecks;
import dev.aios.memory.internal.TimeWindows;
import dev.aios.memory.internal.WorkingMemory;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.QueryBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's layered memory in one Lucene index on local disk: BM25 text, HNSW vectors
 * (optionally int8-quantized), metadata filters and time, with hybrid recall.
 *
 * <ul>
 *   <li>{@link MemoryLayer#WORKING}: kept in process only (bounded), dropped by {@link #endRun}.
 *   <li>{@link MemoryLayer#SESSION}: turns of a conversation (metadata {@code session}); each is
 *       indexed with the words of its neighbouring turns, so a question about an answer also finds
 *       the turn that asked for it.
 *   <li>{@link MemoryLayer#LONG_TERM}: facts; a record with metadata {@code fact} supersedes the
 *       current version of that fact, which stays in {@link #history(String)}.
 *   <li>{@link MemoryLayer#EPISODIC}: events and runs, time-ordered.
 * </ul>
 * Writes are durable when they return (see {@link CommitPolicy}); one process at a time may open a
 * store (a second gets a retriable {@link AiOsException}); readers see every acknowledged write.
 * Thread-safe.
 * {@snippet :
 * try (LuceneMemory memory = LuceneMemory.open(Path.of("memory"))) {
 *     memory.remember(new MemoryRecord("t1", MemoryLayer.SESSION, "I moved to Lisbon in May",
 *             Instant.now(), 0.5, Map.of("session", "2024-06-01")));
 *     List<MemoryHit> hits = memory.recall(MemoryQuery.of("where does the user live", 5));
 * }
 * }
 */
public final class LuceneMemory implements Memory {
    private static final Logger log = LoggerFactory.getLogger(LuceneMemory.class);

    private final Path path;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final EmbeddingModel embedder;
    private final int dimensions;
    private final Builder settings;
    private final Documents documents;
    private final Analyzer indexAnalyzer = Analysis.indexAnalyzer();
    private final Analyzer queryAnalyzer = Analysis.queryAnalyzer();
    private final WorkingMemory working;
    /** The last turns of recent sessions, so a new turn can update its predecessors' context. */
    private final Cache<String, Deque<TailItem>> sessionTails;
    private final AtomicLong nextSeq;
    /** Orders sequence numbers, session windows and superseding among writers. */
    private final Object writeLock = new Object();
    private final Object commitLock = new Object();
    private volatile long committedSeqNo;
    private final AtomicBoolean refreshNeeded = new AtomicBoolean();
    private final AtomicBoolean deletesPending = new AtomicBoolean();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;
    private final @Nullable ScheduledExecutorService committer;

    private record TailItem(Entry entry, int followers) {}

    private LuceneMemory(Builder b) {
        this.settings = b;
        this.path = b.path;
        this.embedder = b.embedder != null ? b.embedder : Embedders.defaultModel();
        this.documents = new Documents(b.searchableMetadata);
        this.working = new WorkingMemory(b.workingCapacity, b.workingIdle, indexAnalyzer);
        this.sessionTails = Caffeine.newBuilder().maximumSize(1_000).build();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw AiOsException.permanent("cannot create the memory directory " + path + ": " + e.getMessage()
                    + "; check that the path is writable", e);
        }
        FSDirectory dir = null;
        IndexWriter w = null;
        try {
            dir = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(codec(b.quantized))
                    .setCommitOnClose(true)
                    // forgetting must purge every segment holding a deleted record, however few
                    .setMergePolicy(new TieredMergePolicy().setForceMergeDeletesPctAllowed(0.0));
            w = new IndexWriter(dir, config);
            this.directory = dir;
            this.writer = w;
            this.searchers = new SearcherManager(w, null);
            this.dimensions = checkDimensions();
            this.nextSeq = new AtomicLong(maxSeq() + 1);
        } catch (LockObtainFailedException e) {
            closeQuietly(w, dir);
            throw AiOsException.retriable("the memory store " + path + " is already open (its write lock is held by "
                    + "another process or another LuceneMemory in this one); close that one first or use another path", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                 | NoSuchFileException e) {
            closeQuietly(w, dir);
            throw AiOsException.permanent("the memory store " + path + " is corrupt or unreadable (" + e.getMessage()
                    + "); it was left untouched: restore it from a backup, or move it away to start an empty one", e);
        } catch (IOException e) {
            closeQuietly(w, dir);
            throw AiOsException.retriable("cannot open the memory store " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(w, dir);
            throw e;
        }
        Optional<Duration> interval = b.commitPolicy.interval();
        if (interval.isPresent()) {
            committer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "aios-memory-commit " + path.getFileName());
                t.setDaemon(true);
                return t;
            });
            long ms = interval.get().toMillis();
            committer.scheduleWithFixedDelay(this::backgroundCommit, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            committer = null;
        }
        log.debug("opened memory store {} ({} dims, quantized {}, commit {})", path, dimensions, b.quantized, b.commitPolicy);
    }

    /** @return a store at {@code path} (created if absent) with every default; see {@link Builder} */
    public static LuceneMemory open(Path path) {
        return builder(path).build();
    }

    /** @return a builder for a store at {@code path} */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    // ---------------------------------------------------------------- writes

    /** Stores {@code record}, replacing any with the same id; durable when it returns (by default). */
    @Override
    public void remember(MemoryRecord record) {
        rememberAll(List.of(record));
    }

    /**
     * Stores many records with one embedding batch and one commit. Every record is checked first:
     * if one is invalid, none is stored.
     */
    public void rememberAll(List<MemoryRecord> records) {
        Objects.requireNonNull(records, "records must not be null");
        for (int i = 0; i < records.size(); i++) {
            validate(Objects.requireNonNull(records.get(i), () -> "records contains null"));
        }
        List<MemoryRecord> persistent = new ArrayList<>();
        for (MemoryRecord r : records) {
            if (r.layer() != MemoryLayer.WORKING) {
                persistent.add(r);
            }
        }
        List<List<String>> chunks = new ArrayList<>();
        List<String> allChunks = new ArrayList<>();
        for (MemoryRecord r : persistent) {
            List<String> c = Chunker.chunks(r.text(), settings.chunkChars);
            chunks.add(c);
            allChunks.addAll(c);
        }
        List<float[]> vectors = embed(allChunks);
        readLocked(() -> {
            for (MemoryRecord r : records) {
                if (r.layer() == MemoryLayer.WORKING) {
                    working.put(r);
                }
            }
            List<Entry> entries = new ArrayList<>();
            int v = 0;
            for (int i = 0; i < persistent.size(); i++) {
                MemoryRecord r = persistent.get(i);
                List<String> c = chunks.get(i);
                entries.add(new Entry(r.id(), Fields.KIND_MEMORY, r.layer(), r.text(), r.at(), r.importance(),
                        r.metadata(), c, List.copyOf(vectors.subList(v, v + c.size())), 0, "", ""));
                v += c.size();
            }
            if (!entries.isEmpty()) {
                durable(write(entries));
            }
            return null;
        });
    }

    /**
     * Stores {@code newer} as the current version of fact {@code factKey} (a long-term record);
     * the previous version stays, marked superseded, in {@link #history(String)}.
     */
    public void supersede(String factKey, MemoryRecord newer) {
        TextChecks.validUnicode(Objects.requireNonNull(factKey, "factKey must not be null"), "fact key");
        if (newer.layer() != MemoryLayer.LONG_TERM) {
            throw AiOsException.permanent("only long-term facts are superseded; " + newer.id() + " is " + newer.layer());
        }
        Map<String, String> meta = new LinkedHashMap<>(newer.metadata());
        meta.put(Fields.FACT_KEY, factKey);
        remember(new MemoryRecord(newer.id(), newer.layer(), newer.text(), newer.at(), newer.importance(), meta));
    }

    /** @return every version of fact {@code factKey}, oldest first; superseded ones carry {@code superseded.by} */
    public List<MemoryRecord> history(String factKey) {
        return readLocked(() -> {
            refresh();
            IndexSearcher s = searchers.acquire();
            try {
                Query q = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Fields.meta(Fields.FACT_KEY), factKey)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER)
                        .build();
                TopDocs top = s.search(q, 10_000, new Sort(new SortField(Fields.AT, SortField.Type.LONG),
                        new SortField(Fields.SEQ, SortField.Type.LONG)));
                List<MemoryRecord> out = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    out.add(Documents.readShallow(s.storedFields().document(sd.doc)).toRecord());
                }
                return out;
            } finally {
                searchers.release(s);
            }
        });
    }

    /**
     * Moves what matters from session {@code session} to long-term memory: with a summarizer
     * configured, the facts it lists; otherwise the sentences that state a fact or preference in
     * the first person, or come from records of importance 0.7 or more. Facts already known (same
     * or nearly the same text) are not stored twice.
     *
     * @return the long-term records written
     */
    public List<MemoryRecord> consolidate(String session) {
        List<Entry> turns = readLocked(() -> entriesWhere(new TermQuery(new Term(Fields.meta(Fields.SESSION_KEY), session)),
                MemoryLayer.SESSION));
        if (turns.isEmpty()) {
            return List.of();
        }
        List<MemoryRecord> facts = Consolidation.facts(turns, session, settings.summarizer, clock().instant());
        List<MemoryRecord> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MemoryRecord fact : facts) {
            if (!seen.add(fact.id())) {
                continue;
            }
            List<MemoryHit> near = recall(RecallRequest.builder(fact.text()).k(1).layers(MemoryLayer.LONG_TERM)
                    .mode(RetrievalMode.VECTOR).readTimePhrases(false).build());
            boolean known = false;
            if (!near.isEmpty()) {
                MemoryRecord other = near.get(0).record();
                List<float[]> pair = embed(List.of(fact.text(), other.text()));
                known = other.id().equals(fact.id()) || dot(pair.get(0), pair.get(1)) >= Consolidation.DUPLICATE_COSINE;
            }
            if (!known) {
                fresh.add(fact);
            }
        }
        rememberAll(fresh);
        return fresh;
    }

    // ---------------------------------------------------------------- recall

    /** Recalls with the defaults of {@link RecallRequest#of(MemoryQuery)}: hybrid, time phrases read. */
    @Override
    public List<MemoryHit> recall(MemoryQuery query) {
        return recall(RecallRequest.of(query));
    }

    /** @return at most {@code request.k()} memories, best first, each with its score and why it matched */
    public List<MemoryHit> recall(RecallRequest request) {
        return recall(request, settings.retrieval);
    }

    /**
     * Recalls ranking by {@code retrieval} instead of the store's settings, for one call (to
     * compare rankings on the same store).
     */
    public List<MemoryHit> recall(RecallRequest request, RetrievalSettings retrieval) {
        Objects.requireNonNull(request, "request must not be null");
        Objects.requireNonNull(retrieval, "retrieval must not be null");
        TextChecks.validUnicode(request.text(), "query text");
        Instant now = clock().instant();
        String text = request.text();
        Instant from = request.from();
        Instant to = request.to();
        String windowPhrase = null;
        if (from == null && to == null && request.readTimePhrases()) {
            Optional<TimeWindows.Window> w = TimeWindows.find(text, now, settings.zone);
            if (w.isPresent()) {
                from = w.get().from();
                to = w.get().to();
                windowPhrase = w.get().phrase();
                text = text.replaceAll("(?i)" + java.util.regex.Pattern.quote(windowPhrase), " ");
            }
        }
        final String queryText = text;
        final Instant f = from;
        final Instant t = to;
        final String phrase = windowPhrase;
        Set<MemoryLayer> persistentLayers = new HashSet<>(request.layers());
        persistentLayers.remove(MemoryLayer.WORKING);
        boolean wantsVector = request.mode() != RetrievalMode.LEXICAL && !queryText.isBlank();
        float[] queryVector = wantsVector ? embed(List.of(queryText)).get(0) : null;
        Set<String> queryTerms = Analysis.terms(queryAnalyzer, Fields.TEXT, queryText);
        return readLocked(() -> {
            List<MemoryHit> hits = new ArrayList<>();
            if (!persistentLayers.isEmpty()) {
                hits.addAll(recallPersistent(request, retrieval, persistentLayers, queryText, queryVector, queryTerms, f, t,
                        phrase, now));
            }
            if (request.layers().contains(MemoryLayer.WORKING)) {
                for (MemoryHit h : working.recall(queryTerms, request.filters(), retrieval.importanceWeight())) {
                    Instant at = h.record().at();
                    if ((f == null || !at.isBefore(f)) && (t == null || at.isBefore(t))) {
                        hits.add(h);
                    }
                }
            }
            hits.sort(Comparator.comparingDouble(MemoryHit::score).reversed());
            return hits.size() > request.k() ? List.copyOf(hits.subList(0, request.k())) : List.copyOf(hits);
        });
    }

    private List<MemoryHit> recallPersistent(RecallRequest request, RetrievalSettings retrieval, Set<MemoryLayer> layers,
            String text,
            float @Nullable [] queryVector, Set<String> queryTerms, @Nullable Instant from, @Nullable Instant to,
            @Nullable String phrase, Instant now) throws IOException {
        Query filter = filter(layers, request.filters(), from, to, request.includeSuperseded(), phrase != null);
        RetrievalSettings rs = retrieval.withCandidates(Math.max(retrieval.candidates(), request.k()));
        Query lexical = text.isBlank() ? null : HybridSearch.lexicalQuery(queryAnalyzer, text, rs);
        refresh();
        IndexSearcher s = searchers.acquire();
        try {
            List<HybridSearch.Scored> ranked;
            if (lexical == null && queryVector == null) {
                ranked = newest(s, filter, request.k(), now, rs);
            } else {
                ranked = HybridSearch.search(s, filter, lexical, queryVector, request.mode(), rs, now);
            }
            List<MemoryHit> out = new ArrayList<>();
            for (HybridSearch.Scored sc : ranked.subList(0, Math.min(request.k(), ranked.size()))) {
                TopDocs head = s.search(new TermQuery(new Term(Fields.KEY, sc.recordId())), 1);
                if (head.scoreDocs.length == 0) {
                    continue;
                }
                MemoryRecord record = Documents.readShallow(s.storedFields().document(head.scoreDocs[0].doc)).toRecord();
                out.add(new MemoryHit(record, sc.score(), why(sc, record, queryTerms, phrase, now, rs)));
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    private List<HybridSearch.Scored> newest(IndexSearcher s, Query filter, int k, Instant now, RetrievalSettings rs)
            throws IOException {
        Query heads = new BooleanQuery.Builder().add(filter, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER).build();
        TopDocs top = s.search(heads, k, new Sort(new SortField(Fields.AT, SortField.Type.LONG, true),
                new SortField(Fields.SEQ, SortField.Type.LONG, true)));
        List<HybridSearch.Scored> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            Entry e = Documents.readShallow(s.storedFields().document(sd.doc));
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
        Set<String> own = Analysis.terms(indexAnalyzer, Fields.TEXT, record.text());
        List<String> shared = queryTerms.stream().filter(own::contains).toList();
        if (!shared.isEmpty()) {
            parts.add("words: " + String.join(", ", shared));
        } else if (sc.lexical() > 0) {
            parts.add("words in neighbouring turns or metadata");
        }
        if (!Double.isNaN(sc.cosine())) {
            parts.add(String.format(java.util.Locale.ROOT, "meaning %.2f", sc.cosine()));
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

    private static Query filter(Set<MemoryLayer> layers, Map<String, String> filters, @Nullable Instant from,
            @Nullable Instant to, boolean includeSuperseded, boolean windowFromPhrase) {
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_MEMORY)), BooleanClause.Occur.FILTER);
        if (layers.size() < MemoryLayer.values().length - 1) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (MemoryLayer l : layers) {
                any.add(new TermQuery(new Term(Fields.LAYER, l.name())), BooleanClause.Occur.SHOULD);
            }
            b.add(any.build(), BooleanClause.Occur.FILTER);
        }
        filters.forEach((k, v) -> b.add(new TermQuery(new Term(Fields.meta(k), v)), BooleanClause.Occur.FILTER));
        if (from != null || to != null) {
            long lo = from == null ? Long.MIN_VALUE : from.toEpochMilli();
            long hi = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
            Query range = LongPoint.newRangeQuery(Fields.AT, lo, hi);
            if (windowFromPhrase) {
                // "today" in a goal bounds what happened, not what is known: facts and lessons stay recallable
                range = new BooleanQuery.Builder().add(range, BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(Fields.LAYER, MemoryLayer.LONG_TERM.name())), BooleanClause.Occur.SHOULD)
                        .build();
            }
            b.add(range, BooleanClause.Occur.FILTER);
        }
        if (!includeSuperseded) {
            b.add(new TermQuery(new Term(Fields.SUPERSEDED, "true")), BooleanClause.Occur.MUST_NOT);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- forgetting

    /** Deletes record {@code id} from every layer; gone from disk after the next commit. */
    @Override
    public boolean forget(String id) {
        Objects.requireNonNull(id, "id must not be null");
        boolean inWorking = working.remove(id);
        return deleteWhere(new TermQuery(new Term(Fields.RECORD_ID, id)), r -> false) > 0 || inWorking;
    }

    /** Deletes every record of session {@code session}, in every layer; @return how many */
    public int forgetSession(String session) {
        return deleteWhere(new TermQuery(new Term(Fields.meta(Fields.SESSION_KEY), session)),
                r -> session.equals(r.metadata().get(Fields.SESSION_KEY)));
    }

    /** Deletes every record whose time is in [from, to); @return how many */
    public int forgetBetween(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw AiOsException.permanent("time range is empty: from " + from + " is not before to " + to);
        }
        return deleteWhere(LongPoint.newRangeQuery(Fields.AT, from.toEpochMilli(), to.toEpochMilli() - 1),
                r -> !r.at().isBefore(from) && r.at().isBefore(to));
    }

    /** Deletes every record carrying all of these metadata values; @return how many */
    public int forgetWhere(Map<String, String> filters) {
        if (filters.isEmpty()) {
            throw AiOsException.permanent("forgetWhere needs at least one filter; to delete everything, delete the store");
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        filters.forEach((k, v) -> b.add(new TermQuery(new Term(Fields.meta(k), v)), BooleanClause.Occur.FILTER));
        return deleteWhere(b.build(),
                r -> filters.entrySet().stream().allMatch(e -> e.getValue().equals(r.metadata().get(e.getKey()))));
    }

    /** Deletes every record whose text holds all the words of {@code words} (after stemming); @return how many */
    public int forgetMatching(String words) {
        Query q = new QueryBuilder(indexAnalyzer).createBooleanQuery(Fields.TEXT, words, BooleanClause.Occur.MUST);
        if (q == null) {
            throw AiOsException.permanent("'" + words + "' has no searchable words (only stop words or punctuation); "
                    + "name what to forget more precisely");
        }
        Set<String> terms = Analysis.terms(indexAnalyzer, Fields.TEXT, words);
        return deleteWhere(q, r -> Analysis.terms(indexAnalyzer, Fields.TEXT, r.text()).containsAll(terms));
    }

    /** Drops the working memory of run {@code runId} (records with metadata {@code run}); @return how many */
    @Override
    public int endRun(String runId) {
        return working.endRun(runId);
    }

    private int deleteWhere(Query q, Predicate<MemoryRecord> workingMatch) {
        int fromWorking = working.removeIf(workingMatch);
        return fromWorking + readLocked(() -> {
            long seqNo;
            int n;
            synchronized (writeLock) {
                refreshNow();
                IndexSearcher s = searchers.acquire();
                Set<String> ids = new HashSet<>();
                try {
                    // match whole records: a query may hit only some chunks of a long one
                    for (ScoreDoc sd : s.search(q, Integer.MAX_VALUE).scoreDocs) {
                        ids.add(s.storedFields().document(sd.doc, Set.of(Fields.RECORD_ID)).get(Fields.RECORD_ID));
                    }
                } finally {
                    searchers.release(s);
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                seqNo = writer.deleteDocuments(ids.stream().map(id -> new Term(Fields.RECORD_ID, id)).toArray(Term[]::new));
                n = ids.size();
                sessionTails.invalidateAll();
                deletesPending.set(true);
                refreshNeeded.set(true);
            }
            durable(seqNo);
            return n;
        });
    }

    // ---------------------------------------------------------------- housekeeping

    /** @return how many records the persistent layers hold */
    public int size() {
        return readLocked(() -> {
            refresh();
            IndexSearcher s = searchers.acquire();
            try {
                return s.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                        .build());
            } finally {
                searchers.release(s);
            }
        });
    }

    /** @return how many records the working layer holds now */
    public long workingSize() {
        return working.size();
    }

    /** @return the dimension of the vectors this store holds */
    public int dimensions() {
        return dimensions;
    }

    /** @return the store's directory */
    public Path path() {
        return path;
    }

    /** Makes every write so far durable (and physically removes forgotten records). */
    public void commit() {
        readLocked(() -> {
            durable(Long.MAX_VALUE);
            return null;
        });
    }

    /** Commits and releases the index, its lock and threads. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (committer != null) {
                committer.shutdownNow();
            }
            try {
                commitNow();
                searchers.close();
                writer.close();
            } finally {
                directory.close();
            }
        } catch (IOException e) {
            throw AiOsException.permanent("closing the memory store " + path + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- package API for the adapters

    EmbeddingModel embedder() {
        return embedder;
    }

    /** Writes entries built by an adapter (kind other than memory); durable on return. */
    void writeRaw(List<Entry> entries) {
        readLocked(() -> {
            durable(write(entries));
            return null;
        });
    }

    @Nullable Entry read(String id) {
        return readLocked(() -> {
            refresh();
            IndexSearcher s = searchers.acquire();
            try {
                return documents.read(s, id, settings.chunkChars);
            } finally {
                searchers.release(s);
            }
        });
    }

    /** Runs {@code work} with a fresh searcher, for the adapters' own queries. */
    <T> T withSearcher(SearcherWork<T> work) {
        return readLocked(() -> {
            refresh();
            IndexSearcher s = searchers.acquire();
            try {
                return work.apply(s);
            } finally {
                searchers.release(s);
            }
        });
    }

    int deleteRaw(Query q) {
        return deleteWhere(q, r -> false);
    }

    List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> out = embedder.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> vectors = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            vectors.add(TextChecks.normalized(TextChecks.validVector(out.get(i).vector(), dimensions, "the embedding of text #" + i)));
        }
        return vectors;
    }

    /** Checks a caller-given vector and returns its unit-length copy. */
    float[] checkVector(float[] vector, String what) {
        return TextChecks.normalized(TextChecks.validVector(vector, dimensions, what));
    }

    Instant now() {
        return clock().instant();
    }

    interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    // ---------------------------------------------------------------- internals

    private Clock clock() {
        return settings.clock;
    }

    private void validate(MemoryRecord r) {
        TextChecks.validUnicode(r.id(), "memory id");
        if (r.id().length() > 512) {
            throw AiOsException.permanent("memory id is " + r.id().length() + " characters long; keep ids under 512");
        }
        if (r.text().length() > settings.maxTextChars) {
            throw AiOsException.permanent("memory " + r.id() + " has " + r.text().length() + " characters, over the limit of "
                    + settings.maxTextChars + "; split it into several records or raise maxTextChars");
        }
        TextChecks.validUnicode(r.text(), "text of memory " + r.id());
        for (Map.Entry<String, String> m : r.metadata().entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw AiOsException.permanent("metadata of memory " + r.id() + " holds a null key or value");
            }
            TextChecks.validUnicode(m.getKey(), "metadata key of memory " + r.id());
            TextChecks.validUnicode(m.getValue(), "metadata '" + m.getKey() + "' of memory " + r.id());
            if (m.getValue().length() > 8_000) {
                throw AiOsException.permanent("metadata '" + m.getKey() + "' of memory " + r.id()
                        + " is over 8000 characters; metadata is for short values: put long content in the text");
            }
        }
    }

    /** Indexes entries under the write lock: sequence numbers, session windows, superseded facts. */
    private long write(List<Entry> entries) throws IOException {
        synchronized (writeLock) {
            Map<String, Entry> pending = new LinkedHashMap<>();
            for (Entry e : entries) {
                e = new Entry(e.id(), e.kind(), e.layer(), e.text(), e.at(), e.importance(), e.metadata(), e.chunks(),
                        e.vectors(), nextSeq.getAndIncrement(), "", "");
                String session = e.session();
                if (settings.contextTurns > 0 && e.layer() == MemoryLayer.SESSION && session != null
                        && Fields.KIND_MEMORY.equals(e.kind())) {
                    e = linkToSession(e, session, pending);
                }
                if (e.layer() == MemoryLayer.LONG_TERM && e.metadata().containsKey(Fields.FACT_KEY)
                        && !e.metadata().containsKey(Fields.SUPERSEDED_BY_KEY)) {
                    supersedeCurrent(e, pending);
                }
                pending.put(e.id(), e);
            }
            long seqNo = 0;
            for (Entry e : pending.values()) {
                seqNo = Math.max(seqNo, writer.updateDocuments(new Term(Fields.RECORD_ID, e.id()), documents.build(e)));
            }
            refreshNeeded.set(true);
            return seqNo;
        }
    }

    private Entry linkToSession(Entry e, String session, Map<String, Entry> pending) throws IOException {
        Deque<TailItem> tail = sessionTails.getIfPresent(session);
        if (tail == null) {
            tail = loadTail(session);
            sessionTails.put(session, tail);
        }
        StringBuilder before = new StringBuilder();
        Deque<TailItem> updated = new ArrayDeque<>();
        for (TailItem item : tail) {
            Entry p = pending.getOrDefault(item.entry().id(), item.entry());
            before.append(clip(p.text())).append('\n');
            if (item.followers() < settings.contextTurns) {
                String after = p.after().isEmpty() ? clip(e.text()) : p.after() + "\n" + clip(e.text());
                p = p.withContext(p.before(), after);
                pending.put(p.id(), p);
            }
            updated.add(new TailItem(p, item.followers() + 1));
        }
        Entry linked = e.withContext(before.toString().strip(), "");
        updated.addLast(new TailItem(linked, 0));
        while (updated.size() > settings.contextTurns) {
            updated.removeFirst();
        }
        sessionTails.put(session, updated);
        return linked;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static String clip(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    /** Reads the last turns of a session from the index (after a restart, or once evicted from the cache). */
    private Deque<TailItem> loadTail(String session) throws IOException {
        refreshNow();
        IndexSearcher s = searchers.acquire();
        try {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.meta(Fields.SESSION_KEY), session)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.LAYER, MemoryLayer.SESSION.name())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .build();
            TopDocs top = s.search(q, settings.contextTurns, new Sort(new SortField(Fields.SEQ, SortField.Type.LONG, true)));
            Deque<TailItem> tail = new ArrayDeque<>();
            int followers = 0;
            for (ScoreDoc sd : top.scoreDocs) {
                String id = s.storedFields().document(sd.doc, Set.of(Fields.RECORD_ID)).get(Fields.RECORD_ID);
                Entry e = documents.read(s, id, settings.chunkChars);
                if (e != null) {
                    tail.addFirst(new TailItem(e, followers++));
                }
            }
            return tail;
        } finally {
            searchers.release(s);
        }
    }

    private void supersedeCurrent(Entry newer, Map<String, Entry> pending) throws IOException {
        String fact = newer.metadata().get(Fields.FACT_KEY);
        List<Entry> current = new ArrayList<>();
        for (Entry p : pending.values()) {
            if (fact.equals(p.metadata().get(Fields.FACT_KEY)) && !p.metadata().containsKey(Fields.SUPERSEDED_BY_KEY)) {
                current.add(p);
            }
        }
        refreshNow();
        IndexSearcher s = searchers.acquire();
        try {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.meta(Fields.FACT_KEY), fact)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.SUPERSEDED, "true")), BooleanClause.Occur.MUST_NOT)
                    .build();
            for (ScoreDoc sd : s.search(q, 1_000).scoreDocs) {
                String id = s.storedFields().document(sd.doc, Set.of(Fields.RECORD_ID)).get(Fields.RECORD_ID);
                if (!pending.containsKey(id)) {
                    Entry e = documents.read(s, id, settings.chunkChars);
                    if (e != null) {
                        current.add(e);
                    }
                }
            }
        } finally {
            searchers.release(s);
        }
        for (Entry old : current) {
            if (!old.id().equals(newer.id())) {
                Map<String, String> meta = new LinkedHashMap<>(old.metadata());
                meta.put(Fields.SUPERSEDED_BY_KEY, newer.id());
                pending.put(old.id(), old.withMetadata(meta));
            }
        }
    }

    private List<Entry> entriesWhere(Query q, MemoryLayer layer) throws IOException {
        refresh();
        IndexSearcher s = searchers.acquire();
        try {
            Query all = new BooleanQuery.Builder().add(q, BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.LAYER, layer.name())), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_MEMORY)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.HEAD, "1")), BooleanClause.Occur.FILTER).build();
            List<Entry> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(all, 100_000, new Sort(new SortField(Fields.SEQ, SortField.Type.LONG))).scoreDocs) {
                out.add(Documents.readShallow(s.storedFields().document(sd.doc)));
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    /** Returns once the write with sequence number {@code seqNo} is committed, per the commit policy. */
    private void durable(long seqNo) throws IOException {
        if (settings.commitPolicy.interval().isPresent() && seqNo != Long.MAX_VALUE) {
            return; // the background committer will make it durable
        }
        if (committedSeqNo >= seqNo && seqNo != Long.MAX_VALUE) {
            return;
        }
        synchronized (commitLock) {
            // Whoever holds the lock commits for everyone waiting: one fsync serves many writers.
            if (committedSeqNo >= seqNo && seqNo != Long.MAX_VALUE) {
                return;
            }
            commitNow();
        }
    }

    private void commitNow() throws IOException {
        synchronized (commitLock) {
            long before = writer.getMaxCompletedSequenceNumber();
            boolean purge = deletesPending.getAndSet(false);
            if (purge) {
                // forgotten means gone from disk: rewrite segments that still hold deleted documents
                writer.forceMergeDeletes(true);
            }
            long c = writer.commit();
            committedSeqNo = Math.max(committedSeqNo, Math.max(c, before));
            if (purge && !closed) {
                // old segment files stay while a near-real-time reader holds them: move readers on, then delete
                searchers.maybeRefreshBlocking();
                writer.deleteUnusedFiles();
            }
        }
    }

    private void backgroundCommit() {
        try {
            readLocked(() -> {
                commitNow();
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("background commit of memory store {} failed; will retry", path, e);
        }
    }

    private void refresh() throws IOException {
        if (refreshNeeded.getAndSet(false)) {
            searchers.maybeRefreshBlocking();
        }
    }

    private void refreshNow() throws IOException {
        refreshNeeded.set(false);
        searchers.maybeRefreshBlocking();
    }

    private int checkDimensions() throws IOException {
        int expected = embedder.dimension();
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            FieldInfo fi = FieldInfos.getMergedFieldInfos(r).fieldInfo(Fields.VECTOR);
            if (fi != null && fi.getVectorDimension() != expected) {
                throw AiOsException.permanent("the memory store " + path + " holds " + fi.getVectorDimension()
                        + "-dimensional vectors but the embedding model gives " + expected
                        + "; open it with the model it was built with, or re-index into a new store");
            }
        }
        return expected;
    }

    private long maxSeq() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            TopDocs top = s.search(new MatchAllDocsQuery(), 1, new Sort(new SortField(Fields.SEQ, SortField.Type.LONG, true)));
            if (top.scoreDocs.length == 0) {
                return 0;
            }
            return s.storedFields().document(top.scoreDocs[0].doc, Set.of(Fields.SEQ)).getField(Fields.SEQ)
                    .numericValue().longValue();
        } finally {
            searchers.release(s);
        }
    }

    private static Lucene104Codec codec(boolean quantized) {
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return quantized ? new Lucene104HnswScalarQuantizedVectorsFormat() : new Lucene99HnswVectorsFormat();
            }
        };
    }

    private static void closeQuietly(@Nullable IndexWriter w, @Nullable FSDirectory dir) {
        try {
            if (w != null) {
                w.rollback(); // releases the lock without committing anything
            }
        } catch (IOException | RuntimeException ignored) {
            // already failing; the original error is what matters
        }
        try {
            if (dir != null) {
                dir.close();
            }
        } catch (IOException ignored) {
            // as above
        }
    }

    private interface Locked<T> {
        T run() throws IOException;
    }

    private <T> T readLocked(Locked<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw AiOsException.permanent("the memory store " + path + " is closed; open it again to use it");
            }
            return work.run();
        } catch (IOException e) {
            throw AiOsException.retriable("memory store " + path + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw AiOsException.retriable("memory store " + path + ": " + e.getMessage(), e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Options of a {@link LuceneMemory}; every one has the default named on its setter, and
     * {@link #build()} checks them all, naming the one out of range.
     */
    public static final class Builder {
        private final Path path;
        private @Nullable EmbeddingModel embedder;
        private boolean quantized;
        private CommitPolicy commitPolicy = CommitPolicy.onEveryWrite();
        private long workingCapacity = 10_000;
        private Duration workingIdle = Duration.ofHours(1);
        private int contextTurns = 2;
        private int chunkChars = 1_000;
        private int maxTextChars = 1_000_000;
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneId.systemDefault();
        private RetrievalSettings retrieval = RetrievalSettings.defaults();
        private Set<String> searchableMetadata = Set.of("speaker", "source", "tags", "title", "author", "from");
        private @Nullable ChatModel summarizer;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path must not be null");
        }

        /** The embedding model (default {@link Embedders#defaultModel()}: all-MiniLM-L6-v2 quantized, in process). */
        public Builder embedder(EmbeddingModel embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder must not be null");
            return this;
        }

        /** Whether new vectors are stored int8-quantized in the HNSW graph (default false). */
        public Builder quantized(boolean quantized) {
            this.quantized = quantized;
            return this;
        }

        /** When writes become durable (default {@link CommitPolicy#onEveryWrite()}). */
        public Builder commitPolicy(CommitPolicy policy) {
            this.commitPolicy = Objects.requireNonNull(policy, "commitPolicy must not be null");
            return this;
        }

        /** How many working-layer records to keep, and for how long unused (default 10,000 and 1 hour). */
        public Builder workingMemory(long capacity, Duration idle) {
            this.workingCapacity = capacity;
            this.workingIdle = idle;
            return this;
        }

        /** How many turns before and after a session turn are indexed as its context (default 2; 0 for none). */
        public Builder contextTurns(int turns) {
            this.contextTurns = turns;
            return this;
        }

        /** The longest piece of text embedded and indexed as one document (default 1,000 characters). */
        public Builder chunkChars(int chars) {
            this.chunkChars = chars;
            return this;
        }

        /** The longest text one record may hold (default 1,000,000 characters). */
        public Builder maxTextChars(int chars) {
            this.maxTextChars = chars;
            return this;
        }

        /** The clock for recency and time phrases (default the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The time zone that "today" and "last week" are read in (default the system zone). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone must not be null");
            return this;
        }

        /** How recall ranks (default {@link RetrievalSettings#defaults()}). */
        public Builder retrieval(RetrievalSettings retrieval) {
            this.retrieval = Objects.requireNonNull(retrieval, "retrieval must not be null");
            return this;
        }

        /** Metadata keys whose values are searched as words (default speaker, source, tags, title, author, from). */
        public Builder searchableMetadata(Set<String> keys) {
            this.searchableMetadata = Set.copyOf(keys);
            return this;
        }

        /** A chat model that lists a session's lasting facts in {@link #consolidate} (default none: extractive). */
        public Builder summarizer(ChatModel summarizer) {
            this.summarizer = Objects.requireNonNull(summarizer, "summarizer must not be null");
            return this;
        }

        /** @return the opened store; throws {@link AiOsException} naming a bad option, a held lock or a corrupt index */
        public LuceneMemory build() {
            if (workingCapacity < 1) {
                throw AiOsException.permanent("workingMemory capacity must be >= 1, was " + workingCapacity);
            }
            if (workingIdle == null || workingIdle.isNegative() || workingIdle.isZero()) {
                throw AiOsException.permanent("workingMemory idle time must be positive, was " + workingIdle);
            }
            if (contextTurns < 0 || contextTurns > 10) {
                throw AiOsException.permanent("contextTurns must be within [0, 10], was " + contextTurns);
            }
            if (chunkChars < 100) {
                throw AiOsException.permanent("chunkChars must be >= 100, was " + chunkChars);
            }
            if (maxTextChars < chunkChars) {
                throw AiOsException.permanent("maxTextChars (" + maxTextChars + ") must be >= chunkChars (" + chunkChars + ")");
            }
            return new LuceneMemory(this);
        }
    }
}
