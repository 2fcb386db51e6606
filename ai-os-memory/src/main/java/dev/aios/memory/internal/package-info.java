/**
 * The machinery behind {@link dev.aios.memory.LuceneMemory}: field layout, analysis, fusion of
 * lexical and vector results, session context windows, time windows, text checks, the working
 * layer and the embedding cache. Not an API: anything here may change without notice.
 */
@NullMarked
package dev.aios.memory.internal;

import org.jspecify.annotations.NullMarked;
