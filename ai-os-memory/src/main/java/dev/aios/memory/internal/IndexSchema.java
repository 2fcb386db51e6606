package dev.aios.memory.internal;

/** Names of the Lucene fields one memory is indexed under; shared by writer and reader code. */
public final class IndexSchema {
    private IndexSchema() {}

    /** Unique key of one Lucene document: the record id, plus {@code #n} for chunks after the first. */
    public static final String KEY = "key";
    /** The record id, on every chunk, so a record is replaced or deleted as one block. */
    public static final String RECORD_ID = "rid";
    /** What the document holds: {@link #KIND_MEMORY}, {@link #KIND_EMBEDDING} or {@link #KIND_CHAT_LOG}. */
    public static final String KIND = "kind";
    public static final String KIND_MEMORY = "memory";
    public static final String KIND_EMBEDDING = "embedding";
    public static final String KIND_CHAT_LOG = "chatlog";
    public static final String LAYER = "layer";
    /** Present ("1") on the first document of each record, so records are counted once. */
    public static final String HEAD = "head";
    /** Analysed text of this chunk (BM25). */
    public static final String TEXT = "text";
    /** Analysed text of neighbouring turns of the same session (BM25, lower weight). */
    public static final String CONTEXT = "ctx";
    /** Analysed metadata values (speaker names, tags, source), searched with a low weight. */
    public static final String META_TEXT = "meta_text";
    /** The whole record text, stored on chunk 0 only. */
    public static final String FULL_TEXT = "full";
    public static final String CONTEXT_BEFORE = "ctx_before";
    public static final String CONTEXT_AFTER = "ctx_after";
    public static final String METADATA_JSON = "meta_json";
    /** Prefix of one exact-match keyword field per metadata key, for filters. */
    public static final String META_PREFIX = "m.";
    public static final String AT = "at";
    public static final String IMPORTANCE = "importance";
    public static final String SEQ = "seq";
    public static final String CHUNK = "chunk";
    public static final String VECTOR = "vec";
    public static final String VECTOR_BYTES = "vec_bytes";
    /** Present ("true") on a long-term fact that a newer version replaced. */
    public static final String SUPERSEDED = "superseded";
    /** Metadata key naming the session a record belongs to. */
    public static final String SESSION_KEY = "session";
    /** Metadata key naming the fact a long-term record is a version of. */
    public static final String FACT_KEY = "fact";
    public static final String SUPERSEDED_BY_KEY = "superseded.by";

    public static String meta(String key) {
        return META_PREFIX + key;
    }
}
