package dev.aios.testing.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RandomCheckpoint} writes into {@code config.json}, and the tensor names and shapes
 * of the Llama layout that follow from it. This is the writer's own description, written from the
 * Hugging Face format and not shared with the reader in {@code ai-os-inference}: a test that loads
 * a written folder there checks the two against each other.
 *
 * @param architecture {@code architectures[0]}: {@code LlamaForCausalLM} or {@code Qwen2ForCausalLM}
 * @param modelType {@code model_type}: {@code llama} or {@code qwen2}
 * @param layers {@code num_hidden_layers}
 * @param hiddenSize {@code hidden_size}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads}, dividing {@code heads}
 * @param headDim {@code head_dim}, {@code hidden_size / num_attention_heads}
 * @param intermediateSize {@code intermediate_size}, the MLP width
 * @param vocabSize {@code vocab_size}
 * @param maxPositions {@code max_position_embeddings}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta}
 * @param ropeScaling {@code rope_scaling}, null for none
 * @param tiedEmbeddings {@code tie_word_embeddings}: no {@code lm_head.weight}, the output
 *     projection reuses the input embedding
 * @param attentionBias whether q, k and v projections have biases (always for {@code qwen2})
 * @param dtype {@code torch_dtype}, the type every tensor is stored in
 */
public record CheckpointConfig(String architecture, String modelType, int layers, int hiddenSize, int heads,
        int kvHeads, int headDim, int intermediateSize, int vocabSize, int maxPositions, double rmsNormEps,
        double ropeTheta, @Nullable RopeScaling ropeScaling, boolean tiedEmbeddings, boolean attentionBias,
        WeightType dtype) {

    /** {@code bos_token_id}: the first special token, {@code <|endoftext|>}. */
    public static final int BOS_TOKEN_ID = 0;

    /** {@code eos_token_id}: {@code <|im_end|>}, which ends a ChatML turn. */
    public static final int EOS_TOKEN_ID = 2;

    /** Rejects nulls and dimensions that do not fit together, naming the {@code config.json} key. */
    public CheckpointConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(dtype, "dtype");
        positive("num_hidden_layers", layers);
        positive("hidden_size", hiddenSize);
        positive("num_attention_heads", heads);
        positive("num_key_value_heads", kvHeads);
        positive("head_dim", headDim);
        positive("intermediate_size", intermediateSize);
        positive("vocab_size", vocabSize);
        positive("max_position_embeddings", maxPositions);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headDim + " is odd; rotary embeddings need it even");
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
            throw new IllegalArgumentException("rms_norm_eps and rope_theta must be positive: " + rmsNormEps
                    + ", " + ropeTheta);
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
    }

    /**
     * The Hugging Face name and shape of every tensor, in the order a forward pass meets them:
     * the embedding, each layer (norm, q/k/v with their biases if any, o, norm, gate, up, down),
     * the final norm, and {@code lm_head.weight} unless embeddings are tied.
     *
     * @return shapes by name, in that order (a new mutable map)
     */
    public Map<String, long[]> tensorShapes() {
        long hidden = hiddenSize;
        long q = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        long inter = intermediateSize;
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("model.embed_tokens.weight", new long[] {vocabSize, hidden});
        for (int i = 0; i < layers; i++) {
            String p = "model.layers." + i + ".";
            m.put(p + "input_layernorm.weight", new long[] {hidden});
            projection(m, p + "self_attn.q_proj", q, hidden);
            projection(m, p + "self_attn.k_proj", kv, hidden);
            projection(m, p + "self_attn.v_proj", kv, hidden);
            m.put(p + "self_attn.o_proj.weight", new long[] {hidden, q});
            m.put(p + "post_attention_layernorm.weight", new long[] {hidden});
            m.put(p + "mlp.gate_proj.weight", new long[] {inter, hidden});
            m.put(p + "mlp.up_proj.weight", new long[] {inter, hidden});
            m.put(p + "mlp.down_proj.weight", new long[] {hidden, inter});
        }
        m.put("model.norm.weight", new long[] {hidden});
        if (!tiedEmbeddings) {
            m.put("lm_head.weight", new long[] {vocabSize, hidden});
        }
        return m;
    }

    private void projection(Map<String, long[]> m, String prefix, long out, long in) {
        m.put(prefix + ".weight", new long[] {out, in});
        if (attentionBias) {
            m.put(prefix + ".bias", new long[] {out});
        }
    }

    /**
     * The number of weights over all tensors.
     *
     * @return the parameter count, for example 134,515,008 for SmolLM-135M's shapes
     */
    public long parameters() {
        long n = 0;
        for (long[] shape : tensorShapes().values()) {
            n += elements(shape);
        }
        return n;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * The {@code rope_scaling} entry: how rotary position embeddings are stretched beyond the
     * context the model was first trained for.
     *
     * @param type {@code rope_type}: {@code linear}, {@code dynamic} or {@code llama3}
     * @param factor {@code factor}, positive
     * @param lowFreqFactor {@code low_freq_factor} (the {@code llama3} variant), positive
     * @param highFreqFactor {@code high_freq_factor} (the {@code llama3} variant), positive
     * @param originalMaxPositions {@code original_max_position_embeddings}, positive
     */
    public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
            int originalMaxPositions) {

        /** Rejects a null type and non-positive values. */
        public RopeScaling {
            Objects.requireNonNull(type, "type");
            if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > 0) || originalMaxPositions <= 0) {
                throw new IllegalArgumentException("rope_scaling values must be positive: factor " + factor
                        + ", low_freq_factor " + lowFreqFactor + ", high_freq_factor " + highFreqFactor
                        + ", original_max_position_embeddings " + originalMaxPositions);
            }
        }
    }
}
