/**
 * Benchmarks of the run journals: {@link dev.aios.bench.journal.JournalAppendTable} (latency of a
 * durable append and of appendLater in {@link dev.aios.runtime.FileRunJournal}, and how many
 * forces twenty concurrent appends share) and {@link dev.aios.bench.journal.PostgresJournalTable}
 * (steps per second with several processes sharing one PostgreSQL journal).
 */
@NullMarked
package dev.aios.bench.journal;

import org.jspecify.annotations.NullMarked;
