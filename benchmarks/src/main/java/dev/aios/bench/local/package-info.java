/**
 * Local token generation, our engine beside Jlama: {@link dev.aios.bench.local.LocalModelTable}
 * writes a random checkpoint with SmolLM-135M's shapes, loads it into both engines, and prints
 * prefill and decode speed, time to first token, and decode speed against the machine's
 * memory-bandwidth bound. {@link dev.aios.bench.local.ConstrainedDecodingTable} prints what JSON
 * Schema constrained decoding costs per token at a 49k vocabulary. Everything but the table's entry point is package-private.
 */
@NullMarked
package dev.aios.bench.local;

import org.jspecify.annotations.NullMarked;
