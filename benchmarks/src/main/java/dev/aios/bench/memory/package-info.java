/**
 * Benchmarks of the Lucene memory store: {@link dev.aios.bench.memory.LocomoTable} (retrieval
 * quality on LoCoMo against plain-Lucene BM25, vector and reciprocal-rank-fusion baselines) and
 * {@link dev.aios.bench.memory.VectorSearchBenchmark} (query latency on synthetic vectors, with and
 * without int8 quantization, and HNSW recall against exact search).
 */
@NullMarked
package dev.aios.bench.memory;

import org.jspecify.annotations.NullMarked;
