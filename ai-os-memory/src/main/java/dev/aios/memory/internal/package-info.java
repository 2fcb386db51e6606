/**
 * The machinery behind {@link dev.aios.memory.LuceneMemory}, one class per job:
 * {@link dev.aios.memory.internal.MemoryIndex} opens, commits and closes the index;
 * {@link dev.aios.memory.internal.RecordWriter} checks and writes records (with
 * {@link dev.aios.memory.internal.SessionWindows} for session context);
 * {@link dev.aios.memory.internal.MemoryRecall} reads them back through the hybrid BM25 plus
 * vector search; {@link dev.aios.memory.internal.Forgetting} deletes them. Beside them the index
 * layout ({@link dev.aios.memory.internal.IndexSchema}) and its document codec, text analysis,
 * time phrases, text checks, the working layer, consolidation and the embedding cache. Not an API:
 * anything here may change without notice.
 */
@NullMarked
package dev.aios.memory.internal;

import org.jspecify.annotations.NullMarked;
