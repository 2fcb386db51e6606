/**
 * Benchmarks of the run journal: {@link dev.aios.bench.journal.JournalAppendTable} (latency of a
 * durable append and of appendLater in {@link dev.aios.runtime.FileRunJournal}, and how many
 * forces twenty concurrent appends share).
 */
@NullMarked
package dev.aios.bench.journal;

import org.jspecify.annotations.NullMarked;
