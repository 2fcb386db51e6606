/**
 * Support for testing local models without downloading one:
 * {@link dev.aios.inference.local.testing.RandomCheckpoint} writes a complete Hugging Face model
 * folder (config, random weights in safetensors, a real byte-level BPE tokenizer, tokenizer and
 * generation configs) of any Llama-family shape, from tiny to SmolLM-135M-sized. Used by this
 * project's tests and benchmarks, and published for host applications' tests.
 */
@NullMarked
package dev.aios.inference.local.testing;

import org.jspecify.annotations.NullMarked;
