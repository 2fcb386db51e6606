package dev.aios.memory.internal;

/**
 * The layout of the memory index: the names of the Lucene fields each record's documents carry,
 * the kinds of entry the index holds, and the metadata keys the index itself interprets. Writer,
 * reader and adapters all name fields through it, so the layout is in one place.
 */
public final class IndexSchema {
    private IndexSchema() {}

    /** Unique key of one Lucene document: the record id, plus {@code #n} for chunks after the first. */
    public static final String KEY = "key";
    /** The record id, on every chunk, so a record is replaced or deleted as one block. */
    public static final String RECORD_ID = "rid";
    /** What the document holds: {@link #KIND_MEMORY}, {@link #KIND_EMBEDDING} or {@link #KIND_CHAT_LOG}. */
    public static final String KIND = "kind";
    /** Kind of an agent's memory record, the only kind recall returns. */
    public static final String KIND_MEMORY = "memory";
    /** Kind of an entry of {@link dev.aios.memory.LuceneEmbeddingStore}. */
    public static final String KIND_EMBEDDING = "embedding";
    /** Kind of a chat's serialized message list, kept by {@link dev.aios.memory.LuceneChatMemoryStore}. */
    public static final String KIND_CHAT_LOG = "chatlog";
    /** The record's {@link dev.aios.api.MemoryLayer} name. */
    public static final String LAYER = "layer";
    /** Present ("1") on the first document of each record, so records are counted once. */
    public static final String HEAD = "head";
    /** Analysed text of this chunk (BM25). */
    public static final String TEXT = "text";
    /** Analysed text of neighbouring turns of the same session (BM25, lower weight). */
    public static final String CONTEXT = "ctx";
    /**
     * Untokenized, stored hints about a chunk's own text that recall may weigh, such as
     * {@code time} when it says when something happened (see {@code TimeCues}).
     */
    public static final String CUE = "cue";
    /** Analysed metadata values (speaker names, tags, source), searched with a low weight. */
    public static final String META_TEXT = "meta_text";
    /** The whole record text, stored on chunk 0 only. */
    public static final String FULL_TEXT = "full";
    /** Stored text of the preceding session turns, to re-index the record when a neighbour arrives. */
    public static final String CONTEXT_BEFORE = "ctx_before";
    /** Stored text of the following session turns. */
    public static final String CONTEXT_AFTER = "ctx_after";
    /** The record's metadata as sorted JSON, stored on chunk 0. */
    public static final String METADATA_JSON = "meta_json";
    /** Prefix of one exact-match keyword field per metadata key, for filters. */
    public static final String META_PREFIX = "m.";
    /** The record's time in epoch milliseconds: point, doc value and stored. */
    public static final String AT = "at";
    /** The record's importance in [0, 1]. */
    public static final String IMPORTANCE = "importance";
    /** The write order, unique per store; orders session turns and versions of a fact. */
    public static final String SEQ = "seq";
    /** The chunk's position in its record, 0 for the first. */
    public static final String CHUNK = "chunk";
    /** The chunk's unit vector in the HNSW graph (dot-product similarity). */
    public static final String VECTOR = "vec";
    /** The chunk's exact vector, stored, for rescoring candidates the graph did not score. */
    public static final String VECTOR_BYTES = "vec_bytes";
    /**
     * One untokenized term per source of the record's {@link dev.aios.api.Provenance} ({@code kind:id},
     * as {@link dev.aios.api.Source#toString()} writes it), on chunk 0: the records derived from record
     * {@code x} are those holding {@code memory:x}, found by a term query when {@code x} is forgotten.
     */
    public static final String SOURCE = "src";
    /** Present ("true") on a long-term fact that a newer version replaced. */
    public static final String SUPERSEDED = "superseded";
    /** Metadata key naming the session a record belongs to. */
    public static final String SESSION_KEY = "session";
    /** Metadata key naming the fact a long-term record is a version of. */
    public static final String FACT_KEY = "fact";
    /** Metadata key naming the record that superseded this version of a fact. */
    public static final String SUPERSEDED_BY_KEY = "superseded.by";

    /** @return the exact-match field of metadata key {@code key} */
    public static String meta(String key) {
        return META_PREFIX + key;
    }
}
