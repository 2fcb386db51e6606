/**
 * Persistent layered memory on Lucene. {@link dev.aios.memory.LuceneMemory} is the store: one
 * index per user on local disk holding the session, long-term and episodic layers (the working
 * layer stays in process), with hybrid BM25 plus vector recall that is filterable, time-aware and
 * importance-aware, durable writes, forgetting and consolidation. {@link dev.aios.memory.Embedders}
 * gives the in-process default embedding model; {@link dev.aios.memory.LuceneEmbeddingStore} and
 * {@link dev.aios.memory.LuceneChatMemoryStore} let LangChain4j applications use the same store.
 * The store is also found by {@link java.util.ServiceLoader} as the
 * {@link dev.aios.api.spi.MemoryFactory} named {@code lucene}.
 */
@NullMarked
package dev.aios.memory;

import org.jspecify.annotations.NullMarked;
