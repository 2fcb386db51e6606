/** Throughput of the durable-run journals: {@link dev.aios.bench.journal.PostgresJournalTable}. */
package dev.aios.bench.journal;
