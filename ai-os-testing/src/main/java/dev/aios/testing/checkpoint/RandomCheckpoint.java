package dev.aios.testing.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a complete Hugging Face model folder of a Llama-family shape with random weights, so that
 * tests and benchmarks run a real local model without downloading one.
 *
 * <p>The folder holds {@code config.json}, the weights ({@code model.safetensors}, or shards and
 * {@code model.safetensors.index.json}), a real byte-level BPE {@code tokenizer.json} that the
 * Hugging Face tokenizers library loads, {@code tokenizer_config.json} with a ChatML chat template
 * and {@code generation_config.json}. Weights are drawn from N(0, {@code weightScale}), RMSNorm
 * weights from N(1, {@code weightScale}), all from one seeded generator in
 * {@link CheckpointConfig#tensorShapes()} order: the same seed gives the same values whatever the
 * dtype or the number of shards. Weights stream to disk tensor by tensor through one small buffer,
 * so a SmolLM-135M-sized checkpoint (about 540 MB in F32) needs no more heap than a tiny one.
 *
 * <pre>{@code
 * Path dir = RandomCheckpoint.builder().layers(2).dtype(WeightType.BF16).seed(7).writeTo(tempDir);
 * }</pre>
 */
public final class RandomCheckpoint {

    private RandomCheckpoint() {}

    /**
     * A tiny model by default: 2 layers, hidden 64, 4 heads, 2 kv heads, intermediate 128, vocab
     * 384, 256 positions, untied embeddings, no attention bias, F32, one file, seed 42.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The shapes of SmolLM-135M (about 135 M parameters): 30 layers, hidden 576, 9 heads, 3 kv
     * heads, intermediate 1536, vocab 49152, tied embeddings, 2048 positions, rope_theta 10000,
     * rms_norm_eps 1e-5. Random weights, not the trained ones.
     *
     * @return a new builder with those shapes, otherwise as {@link #builder()}
     */
    public static Builder smolLm135mShapes() {
        return new Builder().layers(30).hidden(576).heads(9).kvHeads(3).intermediate(1536).vocab(49152)
                .tied(true).maxPositions(2048).ropeTheta(10000).rmsNormEps(1e-5);
    }

    /** The shape, weights and file layout of one random checkpoint. Not thread-safe. */
    public static final class Builder {
        private int layers = 2;
        private int hidden = 64;
        private int heads = 4;
        private int kvHeads = 2;
        private int intermediate = 128;
        private int vocab = 384;
        private int maxPositions = 256;
        private double ropeTheta = 10000;
        private double rmsNormEps = 1e-5;
        private CheckpointConfig.@Nullable RopeScaling ropeScaling;
        private boolean tied;
        private boolean attentionBias;
        private WeightType dtype = WeightType.F32;
        private int shards = 1;
        private long seed = 42;
        private double weightScale = 0.02;

        private Builder() {}

        /**
         * Sets {@code num_hidden_layers} (default 2).
         *
         * @param n the value
         * @return this builder
         */
        public Builder layers(int n) {
            this.layers = n;
            return this;
        }

        /**
         * Sets {@code hidden_size} (default 64), a multiple of {@code heads}.
         *
         * @param n the value
         * @return this builder
         */
        public Builder hidden(int n) {
            this.hidden = n;
            return this;
        }

        /**
         * Sets {@code num_attention_heads} (default 4).
         *
         * @param n the value
         * @return this builder
         */
        public Builder heads(int n) {
            this.heads = n;
            return this;
        }

        /**
         * Sets {@code num_key_value_heads} (default 2), dividing {@code heads}.
         *
         * @param n the value
         * @return this builder
         */
        public Builder kvHeads(int n) {
            this.kvHeads = n;
            return this;
        }

        /**
         * Sets {@code intermediate_size} (default 128).
         *
         * @param n the value
         * @return this builder
         */
        public Builder intermediate(int n) {
            this.intermediate = n;
            return this;
        }

        /**
         * Sets {@code vocab_size} (default 384), at least 259 (3 special tokens and 256 bytes).
         *
         * @param n the value
         * @return this builder
         */
        public Builder vocab(int n) {
            this.vocab = n;
            return this;
        }

        /**
         * Sets {@code max_position_embeddings} (default 256).
         *
         * @param n the value
         * @return this builder
         */
        public Builder maxPositions(int n) {
            this.maxPositions = n;
            return this;
        }

        /**
         * Sets {@code rope_theta} (default 10000).
         *
         * @param theta the value
         * @return this builder
         */
        public Builder ropeTheta(double theta) {
            this.ropeTheta = theta;
            return this;
        }

        /**
         * Sets {@code rms_norm_eps} (default 1e-5).
         *
         * @param eps the value
         * @return this builder
         */
        public Builder rmsNormEps(double eps) {
            this.rmsNormEps = eps;
            return this;
        }

        /**
         * Sets {@code rope_scaling} (default none).
         *
         * @param scaling the value
         * @return this builder
         */
        public Builder ropeScaling(CheckpointConfig.@Nullable RopeScaling scaling) {
            this.ropeScaling = scaling;
            return this;
        }

        /**
         * Sets {@code tie_word_embeddings}: no {@code lm_head.weight} (default false).
         *
         * @param tied the value
         * @return this builder
         */
        public Builder tied(boolean tied) {
            this.tied = tied;
            return this;
        }

        /**
         * @param bias q, k and v biases; true writes a Qwen2 model ({@code model_type qwen2},
         *     {@code Qwen2ForCausalLM}), false a Llama one (default false)
         * @return this
         */
        public Builder attentionBias(boolean bias) {
            this.attentionBias = bias;
            return this;
        }

        /**
         * Sets the type every tensor is stored in (default F32).
         *
         * @param type the value
         * @return this builder
         */
        public Builder dtype(WeightType type) {
            this.dtype = Objects.requireNonNull(type, "dtype");
            return this;
        }

        /**
         * @param n number of weight files (default 1); more than one writes
         *     {@code model-0000k-of-0000n.safetensors} and {@code model.safetensors.index.json}
         * @return this
         */
        public Builder shards(int n) {
            this.shards = n;
            return this;
        }

        /**
         * Sets the random seed (default 42).
         *
         * @param seed the value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the standard deviation of the weights (default 0.02); RMSNorm weights scatter around 1 by the same amount.
         *
         * @param std the value
         * @return this builder
         */
        public Builder weightScale(double std) {
            this.weightScale = std;
            return this;
        }

        /**
         * The configuration {@link #writeTo} writes as {@code config.json}, without writing anything.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the option if the settings do not fit together
         */
        public CheckpointConfig config() {
            if (vocab < ByteLevelBpe.BASE_VOCAB) {
                throw new IllegalArgumentException("vocab " + vocab + " is below " + ByteLevelBpe.BASE_VOCAB
                        + " (3 special tokens and 256 byte tokens)");
            }
            if (heads <= 0 || hidden % heads != 0) {
                throw new IllegalArgumentException("hidden " + hidden + " is not a multiple of heads " + heads);
            }
            if (shards < 1) {
                throw new IllegalArgumentException("shards must be at least 1: " + shards);
            }
            if (!(weightScale >= 0)) {
                throw new IllegalArgumentException("weightScale must be non-negative: " + weightScale);
            }
            CheckpointConfig c = new CheckpointConfig(
                    attentionBias ? "Qwen2ForCausalLM" : "LlamaForCausalLM",
                    attentionBias ? "qwen2" : "llama",
                    layers, hidden, heads, kvHeads, hidden / heads, intermediate, vocab, maxPositions,
                    rmsNormEps, ropeTheta, ropeScaling, tied, attentionBias, dtype);
            int tensors = c.tensorShapes().size();
            if (shards > tensors) {
                throw new IllegalArgumentException("shards " + shards + " is more than the " + tensors + " tensors");
            }
            return c;
        }

        /**
         * Writes the model folder.
         *
         * @param dir the folder, created if absent; files of the same names are replaced
         * @return {@code dir}
         * @throws IllegalArgumentException naming the option if the settings do not fit together
         * @throws UncheckedIOException if writing fails
         */
        public Path writeTo(Path dir) {
            CheckpointConfig c = config();
            try {
                Files.createDirectories(dir);
                CheckpointJson.MAPPER.writeValue(dir.resolve("config.json").toFile(),
                        ConfigDocuments.config(c, weightScale));
                new SafetensorsWriter(c.tensorShapes(), dtype, weightScale, seed).write(dir, shards);
                CheckpointJson.MAPPER.writeValue(dir.resolve("tokenizer.json").toFile(),
                        ByteLevelBpe.tokenizerJson(vocab));
                CheckpointJson.MAPPER.writeValue(dir.resolve("tokenizer_config.json").toFile(),
                        ConfigDocuments.tokenizerConfig(maxPositions));
                CheckpointJson.MAPPER.writeValue(dir.resolve("generation_config.json").toFile(),
                        ConfigDocuments.generationConfig());
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a random checkpoint to " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
