/**
 * Persistent layered memory. This module is a placeholder in the foundation release: it will
 * hold a Lucene-backed {@link dev.aios.api.Memory} with hybrid (BM25 plus vector) retrieval.
 */
package dev.aios.memory;
