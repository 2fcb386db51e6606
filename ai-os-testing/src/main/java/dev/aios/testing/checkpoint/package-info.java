/**
 * Random model checkpoints for testing local models without downloading one:
 * {@link dev.aios.testing.checkpoint.RandomCheckpoint} writes a complete Hugging Face model
 * folder (config, random weights in safetensors, a real byte-level BPE tokenizer, tokenizer and
 * generation configs) of any Llama-family shape, from tiny to SmolLM-135M-sized.
 *
 * <p>The writer knows the format from the Hugging Face files alone, with its own
 * {@link dev.aios.testing.checkpoint.CheckpointConfig} and tensor layout, and shares no code with
 * the reader in {@code ai-os-inference}: that module's tests load what this writes, so the writer
 * and the reader check each other.
 */
@NullMarked
package dev.aios.testing.checkpoint;

import org.jspecify.annotations.NullMarked;
