/**
 * How local models work, hidden from users. The format layer:
 * {@link dev.aios.inference.local.internal.SafeTensorsFile} reads and validates safetensors files
 * (header first, before anything large is allocated, then read-only memory maps of single
 * tensors), {@link dev.aios.inference.local.internal.LlamaConfig} reads {@code config.json}
 * including the RoPE scaling variants, and {@link dev.aios.inference.local.internal.ModelFolder}
 * checks that every tensor the configuration implies is present with the right shape. Above it:
 * {@link dev.aios.inference.local.internal.LlamaWeights} and
 * {@link dev.aios.inference.local.internal.LlamaEngine} (the forward pass on DJL tensors with a
 * preallocated KV cache), {@link dev.aios.inference.local.internal.Sampler}, and
 * {@link dev.aios.inference.local.internal.GenerationScheduler} (continuous batching), which
 * copies cached prompt prefixes from {@link dev.aios.inference.local.internal.PrefixCache}.
 * Constrained decoding: {@link dev.aios.inference.local.internal.JsonSchemaCompiler} compiles a
 * JSON Schema for {@link dev.aios.inference.local.internal.JsonGrammar} (a byte-level pushdown
 * automaton), and {@link dev.aios.inference.local.internal.JsonConstraint} masks each step's
 * logits by walking it over {@link dev.aios.inference.local.internal.TokenVocabulary}'s trie of
 * token bytes.
 * Not an API: anything here may change in any release.
 */
@NullMarked
package dev.aios.inference.local.internal;

import org.jspecify.annotations.NullMarked;
