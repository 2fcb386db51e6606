package dev.aios.inference.local.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.RopeScaling;
import dev.aios.inference.local.internal.TensorType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a complete Hugging Face model folder of a Llama-family shape with random weights, so that
 * tests and benchmarks run a real local model without downloading one.
 *
 * <p>The folder holds {@code config.json}, the weights ({@code model.safetensors}, or shards and
 * {@code model.safetensors.index.json}), a real byte-level BPE {@code tokenizer.json} that the
 * Hugging Face tokenizers library loads, {@code tokenizer_config.json} with a ChatML chat template
 * and {@code generation_config.json}. Weights are drawn from N(0, {@code weightScale}), RMSNorm
 * weights from N(1, {@code weightScale}), all from one seeded generator in
 * {@link ModelFolder#expectedTensorNames} order: the same seed gives the same values whatever the
 * dtype or the number of shards. Weights stream to disk tensor by tensor through one small buffer,
 * so a SmolLM-135M-sized checkpoint (about 540 MB in F32) needs no more heap than a tiny one.
 *
 * <pre>{@code
 * Path dir = RandomCheckpoint.builder().layers(2).dtype(TensorType.BF16).seed(7).writeTo(tempDir);
 * }</pre>
 */
public final class RandomCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(RandomCheckpoint.class);

    /** Checkpoints larger than this log their progress at INFO. */
    private static final long LOG_PROGRESS_ABOVE_BYTES = 64L * 1024 * 1024;

    static final String CHATML_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
            + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

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
        private @Nullable RopeScaling ropeScaling;
        private boolean tied;
        private boolean attentionBias;
        private TensorType dtype = TensorType.F32;
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
        public Builder ropeScaling(@Nullable RopeScaling scaling) {
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
        public Builder dtype(TensorType type) {
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
        public LlamaConfig config() {
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
            LlamaConfig c = new LlamaConfig(
                    attentionBias ? "Qwen2ForCausalLM" : "LlamaForCausalLM",
                    attentionBias ? "qwen2" : "llama",
                    hidden, intermediate, layers, heads, kvHeads, hidden / heads, vocab, maxPositions,
                    rmsNormEps, ropeTheta, ropeScaling, tied, attentionBias, null, List.of(2), 0, dtype);
            int tensors = ModelFolder.expectedTensorNames(c).size();
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
            LlamaConfig c = config();
            try {
                Files.createDirectories(dir);
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                json.writeValue(dir.resolve("config.json").toFile(), configJson(json, c));
                writeWeights(dir, c, json);
                json.writeValue(dir.resolve("tokenizer.json").toFile(), ByteLevelBpe.tokenizerJson(vocab, json));
                json.writeValue(dir.resolve("tokenizer_config.json").toFile(), tokenizerConfig(json));
                ObjectNode generation = json.createObjectNode();
                generation.put("bos_token_id", 0);
                generation.putArray("eos_token_id").add(0).add(2);
                json.writeValue(dir.resolve("generation_config.json").toFile(), generation);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a random checkpoint to " + dir + ": " + e.getMessage(), e);
            }
        }

        private ObjectNode configJson(ObjectMapper json, LlamaConfig c) {
            ObjectNode n = json.createObjectNode();
            n.putArray("architectures").add(c.architecture());
            n.put("model_type", c.modelType());
            n.put("hidden_size", c.hiddenSize());
            n.put("intermediate_size", c.intermediateSize());
            n.put("num_hidden_layers", c.layers());
            n.put("num_attention_heads", c.heads());
            n.put("num_key_value_heads", c.kvHeads());
            n.put("head_dim", c.headDim());
            n.put("vocab_size", c.vocabSize());
            n.put("max_position_embeddings", c.maxPositions());
            n.put("rms_norm_eps", c.rmsNormEps());
            n.put("rope_theta", c.ropeTheta());
            RopeScaling s = c.ropeScaling();
            if (s == null) {
                n.putNull("rope_scaling");
            } else {
                ObjectNode r = n.putObject("rope_scaling");
                r.put("rope_type", s.type());
                r.put("factor", s.factor());
                r.put("low_freq_factor", s.lowFreqFactor());
                r.put("high_freq_factor", s.highFreqFactor());
                r.put("original_max_position_embeddings", s.originalMaxPositions());
            }
            n.put("tie_word_embeddings", c.tiedEmbeddings());
            if (c.modelType().equals("llama")) {
                n.put("attention_bias", c.attentionBias());
                n.put("mlp_bias", false);
            } else {
                n.put("use_sliding_window", false);
                n.putNull("sliding_window");
            }
            n.put("hidden_act", "silu");
            n.put("initializer_range", weightScale);
            n.put("bos_token_id", 0);
            n.put("eos_token_id", 2);
            n.put("torch_dtype", switch (c.torchDtype()) {
                case F32 -> "float32";
                case F16 -> "float16";
                case BF16 -> "bfloat16";
            });
            n.put("use_cache", true);
            return n;
        }

        private ObjectNode tokenizerConfig(ObjectMapper json) {
            ObjectNode n = json.createObjectNode();
            n.put("add_bos_token", false);
            n.put("add_eos_token", false);
            n.put("add_prefix_space", false);
            ObjectNode decoder = n.putObject("added_tokens_decoder");
            for (int i = 0; i < ByteLevelBpe.SPECIAL_TOKENS.size(); i++) {
                ObjectNode t = ByteLevelBpe.addedToken(json, i, ByteLevelBpe.SPECIAL_TOKENS.get(i));
                t.remove("id");
                decoder.set(String.valueOf(i), t);
            }
            ArrayNode extra = n.putArray("additional_special_tokens");
            extra.add("<|im_start|>").add("<|im_end|>");
            n.put("bos_token", "<|endoftext|>");
            n.put("eos_token", "<|im_end|>");
            n.put("pad_token", "<|endoftext|>");
            n.putNull("unk_token");
            n.put("model_max_length", maxPositions);
            n.put("clean_up_tokenization_spaces", false);
            n.put("tokenizer_class", "GPT2Tokenizer");
            n.put("chat_template", CHATML_TEMPLATE);
            return n;
        }

        private void writeWeights(Path dir, LlamaConfig c, ObjectMapper json) throws IOException {
            Map<String, long[]> shapes = ModelFolder.expectedShapes(c);
            List<String> names = new ArrayList<>(shapes.keySet());
            List<List<String>> byShard = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                byShard.add(new ArrayList<>());
            }
            for (int i = 0; i < names.size(); i++) {
                byShard.get((int) ((long) i * shards / names.size())).add(names.get(i));
            }
            long total = 0;
            for (long[] shape : shapes.values()) {
                total += elements(shape) * dtype.bytes();
            }
            Progress progress = new Progress(dir, total);
            SplittableRandom random = new SplittableRandom(seed);
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            if (shards == 1) {
                writeFile(dir.resolve("model.safetensors"), names, shapes, random, buffer, json, progress);
                Files.deleteIfExists(dir.resolve("model.safetensors.index.json"));
                return;
            }
            ObjectNode index = json.createObjectNode();
            index.putObject("metadata").put("total_size", total);
            ObjectNode weightMap = index.putObject("weight_map");
            for (int s = 0; s < shards; s++) {
                String file = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
                writeFile(dir.resolve(file), byShard.get(s), shapes, random, buffer, json, progress);
                for (String name : byShard.get(s)) {
                    weightMap.put(name, file);
                }
            }
            Files.deleteIfExists(dir.resolve("model.safetensors"));
            json.writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        }

        private void writeFile(Path file, List<String> names, Map<String, long[]> shapes, SplittableRandom random,
                ByteBuffer buffer, ObjectMapper json, Progress progress) throws IOException {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("__metadata__", Map.of("format", "pt"));
            long offset = 0;
            for (String name : names) {
                long bytes = elements(shapes.get(name)) * dtype.bytes();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("dtype", dtype.name());
                entry.put("shape", shapes.get(name));
                entry.put("data_offsets", new long[] {offset, offset + bytes});
                header.put(name, entry);
                offset += bytes;
            }
            byte[] headerJson = json.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(header);
            // Pad with spaces to a multiple of 8 so that the data starts aligned, as safetensors does.
            int padded = (headerJson.length + 7) / 8 * 8;
            ByteBuffer start = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(padded).put(headerJson);
            while (start.hasRemaining()) {
                start.put((byte) ' ');
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, start.flip());
                for (String name : names) {
                    boolean norm = name.endsWith("norm.weight");
                    long n = elements(shapes.get(name));
                    buffer.clear();
                    for (long i = 0; i < n; i++) {
                        if (buffer.remaining() < 4) {
                            writeFully(ch, buffer.flip());
                            buffer.clear();
                        }
                        float v = (float) ((norm ? 1.0 : 0.0) + weightScale * random.nextGaussian());
                        switch (dtype) {
                            case F32 -> buffer.putFloat(v);
                            case F16 -> buffer.putShort(Float.floatToFloat16(v));
                            case BF16 -> buffer.putShort(toBf16(v));
                        }
                    }
                    writeFully(ch, buffer.flip());
                    progress.wrote(n * dtype.bytes());
                }
            }
        }
    }

    /** Rounds to nearest even, as PyTorch does when it converts F32 to BF16. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounded = bits + 0x7FFF + ((bits >>> 16) & 1);
        return (short) (rounded >>> 16);
    }

    private static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Logs every tenth of a big checkpoint at INFO, small ones once at DEBUG. */
    private static final class Progress {
        private final Path dir;
        private final long total;
        private long written;
        private int lastTenth;

        Progress(Path dir, long total) {
            this.dir = dir;
            this.total = total;
        }

        void wrote(long bytes) {
            written += bytes;
            if (total <= LOG_PROGRESS_ABOVE_BYTES) {
                if (written == total) {
                    LOG.debug("Wrote a random checkpoint of {} bytes to {}", total, dir);
                }
                return;
            }
            int tenth = (int) (written * 10 / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                LOG.info("Random checkpoint in {}: {} of {} MB written", dir, written >> 20, total >> 20);
            }
        }
    }
}
