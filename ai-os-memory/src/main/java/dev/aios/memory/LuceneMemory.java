package dev.aios.memory;

import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.memory.internal.Analysis;
import dev.aios.memory.internal.Consolidation;
import dev.aios.memory.internal.DocumentCodec;
import dev.aios.memory.internal.Entry;
import dev.aios.memory.internal.Forgetting;
import dev.aios.memory.internal.IndexSchema;
import dev.aios.memory.internal.MemoryIndex;
import dev.aios.memory.internal.MemoryRecall;
import dev.aios.memory.internal.RecordWriter;
import dev.aios.memory.internal.SessionWindows;
import dev.aios.memory.internal.TextChecks;
import dev.aios.memory.internal.UnitEmbedder;
import dev.aios.memory.internal.WorkingMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.jspecify.annotations.Nullable;

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
    private final Builder settings;
    private final MemoryIndex index;
    private final UnitEmbedder embedder;
    private final WorkingMemory working;
    private final RecordWriter writer;
    private final MemoryRecall reader;
    private final Forgetting forgetting;

    private LuceneMemory(Builder b) {
        this.settings = b;
        EmbeddingModel model = b.embedder != null ? b.embedder : Embedders.defaultModel();
        Analyzer indexAnalyzer = Analysis.indexAnalyzer();
        DocumentCodec codec = new DocumentCodec(b.searchableMetadata);
        this.working = new WorkingMemory(b.workingCapacity, b.workingIdle, indexAnalyzer);
        this.index = MemoryIndex.open(b.path, indexAnalyzer, b.quantized, model::dimension, b.commitPolicy);
        this.embedder = new UnitEmbedder(model, index.dimensions());
        SessionWindows sessions = new SessionWindows(index, codec, b.contextTurns, b.chunkChars);
        this.writer = new RecordWriter(index, codec, embedder, working, sessions, b.chunkChars, b.maxTextChars);
        this.reader = new MemoryRecall(index, codec, embedder, working, indexAnalyzer, Analysis.queryAnalyzer(), b.clock,
                b.zone);
        this.forgetting = new Forgetting(index, working, sessions, indexAnalyzer);
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
        rememberAll(List.of(Objects.requireNonNull(record, "record must not be null")));
    }

    /**
     * Stores many records with one embedding batch and one commit. Every record is checked first:
     * if one is invalid, none is stored.
     */
    public void rememberAll(List<MemoryRecord> records) {
        writer.rememberAll(records);
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
        meta.put(IndexSchema.FACT_KEY, factKey);
        remember(new MemoryRecord(newer.id(), newer.layer(), newer.text(), newer.at(), newer.importance(), meta));
    }

    /** @return every version of fact {@code factKey}, oldest first; superseded ones carry {@code superseded.by} */
    public List<MemoryRecord> history(String factKey) {
        return reader.history(factKey);
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
        List<Entry> turns = reader.sessionTurns(session);
        if (turns.isEmpty()) {
            return List.of();
        }
        List<MemoryRecord> facts = Consolidation.facts(turns, session, settings.summarizer, now());
        List<MemoryRecord> fresh = Consolidation.notYetKnown(facts, embedder, text -> recall(RecallRequest.builder(text)
                .k(1).layers(MemoryLayer.LONG_TERM).mode(RetrievalMode.VECTOR).readTimePhrases(false).build()));
        rememberAll(fresh);
        return fresh;
    }

    // ---------------------------------------------------------------- recall

    /**
     * Recalls with the defaults of {@link RecallRequest#of(MemoryQuery)}: hybrid, time phrases read.
     * A query text of any length is answered: beyond 128 words, its words are searched by the 128
     * most informative ones the store holds (count in the text times inverse document frequency),
     * which keeps the query within Lucene's clause limit.
     */
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
        return reader.recall(request, retrieval);
    }

    // ---------------------------------------------------------------- forgetting

    /**
     * Deletes record {@code id} from every layer, with every record derived from it: those whose
     * {@link MemoryRecord#provenance() provenance} cites {@code memory:id}, and those derived from
     * them in turn (each once, so a cycle ends). All go in one index operation, durable when this
     * returns, so a crash never leaves a derived record whose source is gone; all are gone from disk
     * after the next commit.
     *
     * @return whether record {@code id} existed
     */
    @Override
    public boolean forget(String id) {
        return forgetting.byId(id);
    }

    /**
     * Deletes every record of session {@code session}, in every layer, and the records derived from
     * them as {@link #forget} does.
     *
     * @return how many records were deleted, derived ones included
     */
    public int forgetSession(String session) {
        return forgetting.bySession(session);
    }

    /**
     * Deletes every record whose time is in [from, to), and the records derived from them.
     *
     * @return how many records were deleted, derived ones included
     */
    public int forgetBetween(Instant from, Instant to) {
        return forgetting.between(from, to);
    }

    /**
     * Deletes every record carrying all of these metadata values, and the records derived from them.
     *
     * @return how many records were deleted, derived ones included
     */
    public int forgetWhere(Map<String, String> filters) {
        return forgetting.where(filters);
    }

    /**
     * Deletes every record whose text holds all the words of {@code words} (after stemming), and
     * the records derived from them.
     *
     * @return how many records were deleted, derived ones included
     */
    public int forgetMatching(String words) {
        return forgetting.matching(words);
    }

    /** Drops the working memory of run {@code runId} (records with metadata {@code run}); @return how many */
    @Override
    public int endRun(String runId) {
        return working.endRun(runId);
    }

    // ---------------------------------------------------------------- housekeeping

    /** @return how many records the persistent layers hold */
    public int size() {
        return index.locked(index::countRecords);
    }

    /** @return how many records the working layer holds now */
    public long workingSize() {
        return working.size();
    }

    /** @return the dimension of the vectors this store holds */
    public int dimensions() {
        return index.dimensions();
    }

    /** @return the store's directory */
    public Path path() {
        return index.path();
    }

    /** Makes every write so far durable (and physically removes forgotten records). */
    public void commit() {
        index.locked(() -> {
            index.durable(Long.MAX_VALUE);
            return null;
        });
    }

    /** Commits and releases the index, its lock and threads. Idempotent. */
    @Override
    public void close() {
        index.close();
    }

    // ---------------------------------------------------------------- package API for the adapters

    EmbeddingModel embedder() {
        return embedder.model();
    }

    /** Writes entries built by an adapter (kind other than memory); durable on return. */
    void writeRaw(List<Entry> entries) {
        writer.writeChecked(entries);
    }

    @Nullable Entry read(String id) {
        return reader.read(id, settings.chunkChars);
    }

    /** Runs {@code work} with a fresh searcher, for the adapters' own queries. */
    <T> T withSearcher(MemoryIndex.SearcherWork<T> work) {
        return index.locked(() -> index.search(work));
    }

    int deleteRaw(Query q) {
        return forgetting.indexed(q);
    }

    List<float[]> embed(List<String> texts) {
        return embedder.embed(texts);
    }

    /** Checks a caller-given vector and returns its unit-length copy. */
    float[] checkVector(float[] vector, String what) {
        return embedder.checked(vector, what);
    }

    Instant now() {
        return settings.clock.instant();
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
