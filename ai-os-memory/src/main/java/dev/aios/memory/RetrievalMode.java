package dev.aios.memory;

/** Which signals a recall ranks by. */
public enum RetrievalMode {
    /** Words and meaning together, fused: the default. */
    HYBRID,
    /** Words only (BM25 over the text, its session context and searchable metadata). */
    LEXICAL,
    /** Meaning only (nearest neighbours of the query's embedding). */
    VECTOR
}
