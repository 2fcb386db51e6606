package dev.aios.inference.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a Hugging Face {@code config.json} that a Llama-family forward pass needs.
 * Llama 1 to 3.x and SmolLM ({@code llama}), Mistral ({@code mistral}) and Qwen2/2.5
 * ({@code qwen2}) share one architecture up to the flags here.
 *
 * @param architecture {@code architectures[0]}, for example {@code LlamaForCausalLM}
 * @param modelType {@code model_type}: {@code llama}, {@code mistral} or {@code qwen2}
 * @param hiddenSize {@code hidden_size}
 * @param intermediateSize {@code intermediate_size}, the MLP width
 * @param layers {@code num_hidden_layers}
 * @param heads {@code num_attention_heads}
 * @param kvHeads {@code num_key_value_heads} (equal to {@code heads} when absent); divides {@code heads}
 * @param headDim {@code head_dim}, or {@code hidden_size / num_attention_heads} when absent; even
 * @param vocabSize {@code vocab_size}
 * @param maxPositions {@code max_position_embeddings}
 * @param rmsNormEps {@code rms_norm_eps}
 * @param ropeTheta {@code rope_theta} (10000 when absent)
 * @param ropeScaling {@code rope_scaling}, null when absent or {@code "default"}
 * @param tiedEmbeddings {@code tie_word_embeddings} (false when absent): the output projection
 *     reuses {@code model.embed_tokens.weight}
 * @param attentionBias whether q, k and v projections have biases: always for {@code qwen2},
 *     for {@code llama} when {@code attention_bias} is true
 * @param slidingWindow {@code sliding_window} when the model uses one; null when absent, null, or
 *     switched off by {@code use_sliding_window: false} (Qwen2)
 * @param eosTokenIds {@code eos_token_id}, an int or a list in the file; empty when absent
 * @param bosTokenId {@code bos_token_id}, null when absent
 * @param torchDtype {@code torch_dtype} (or {@code dtype}), the type the weights were saved in;
 *     F32 when absent
 */
public record LlamaConfig(String architecture, String modelType, int hiddenSize, int intermediateSize, int layers,
        int heads, int kvHeads, int headDim, int vocabSize, int maxPositions, double rmsNormEps, double ropeTheta,
        @Nullable RopeScaling ropeScaling, boolean tiedEmbeddings, boolean attentionBias,
        @Nullable Integer slidingWindow, List<Integer> eosTokenIds, @Nullable Integer bosTokenId,
        TensorType torchDtype) {

    /** model_type to the architecture class that goes with it. */
    static final Map<String, String> SUPPORTED = Map.of(
            "llama", "LlamaForCausalLM",
            "mistral", "MistralForCausalLM",
            "qwen2", "Qwen2ForCausalLM");

    private static final List<String> SUPPORTED_ROPE_SCALING = List.of("linear", "dynamic", "llama3");

    /** Copies the eos list and checks that the dimensions fit together. */
    public LlamaConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(modelType, "modelType");
        Objects.requireNonNull(torchDtype, "torchDtype");
        eosTokenIds = List.copyOf(eosTokenIds);
        positive("hidden_size", hiddenSize);
        positive("intermediate_size", intermediateSize);
        positive("num_hidden_layers", layers);
        positive("num_attention_heads", heads);
        positive("num_key_value_heads", kvHeads);
        positive("head_dim", headDim);
        positive("vocab_size", vocabSize);
        positive("max_position_embeddings", maxPositions);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads " + heads
                    + " is not a multiple of num_key_value_heads " + kvHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim " + headDim + " is odd; rotary embeddings need it even");
        }
        if (!(rmsNormEps > 0)) {
            throw new IllegalArgumentException("rms_norm_eps must be positive: " + rmsNormEps);
        }
        if (!(ropeTheta > 0)) {
            throw new IllegalArgumentException("rope_theta must be positive: " + ropeTheta);
        }
        if (slidingWindow != null && slidingWindow <= 0) {
            throw new IllegalArgumentException("sliding_window must be positive: " + slidingWindow);
        }
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive: " + value);
        }
    }

    /**
     * Reads a {@code config.json}.
     *
     * @param configJson the file
     * @return the configuration
     * @throws ModelFormatException if the file is missing or not JSON, a required key is missing or
     *     of the wrong type, the values do not fit together, or the model type or architecture is
     *     not one AI-OS runs (the message lists those it does)
     */
    public static LlamaConfig parse(Path configJson) {
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(Files.readAllBytes(configJson));
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("Missing " + configJson + ": a Hugging Face model folder needs its config.json", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read " + configJson + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelFormatException(configJson + " is not a JSON object");
        }
        Reader r = new Reader(configJson, root);
        String modelType = r.string("model_type", null);
        JsonNode architectures = root.get("architectures");
        String architecture = architectures != null && architectures.isArray() && !architectures.isEmpty()
                ? architectures.get(0).asText()
                : (modelType == null ? null : SUPPORTED.get(modelType));
        if (modelType == null || !SUPPORTED.containsKey(modelType) || !SUPPORTED.containsValue(architecture)) {
            throw new ModelFormatException("Unsupported model in " + configJson + ": model_type \"" + modelType
                    + "\", architecture \"" + architecture + "\"; supported: model_type llama, mistral, qwen2 with "
                    + "architectures LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM "
                    + "(Llama 1-3.x, SmolLM, Mistral, Qwen2/2.5)");
        }
        int hidden = r.requiredInt("hidden_size");
        int heads = r.requiredInt("num_attention_heads");
        Integer headDimKey = r.optionalInt("head_dim");
        int headDim;
        if (headDimKey != null) {
            headDim = headDimKey;
        } else if (heads > 0 && hidden % heads == 0) {
            headDim = hidden / heads;
        } else {
            throw new ModelFormatException(configJson + " has hidden_size " + hidden
                    + " not divisible by num_attention_heads " + heads + " and no head_dim");
        }
        int maxPositions = r.requiredInt("max_position_embeddings");
        // transformers 5 moves rope_theta and the scaling into one "rope_parameters" object.
        JsonNode ropeParameters = root.get("rope_parameters");
        JsonNode ropeNode = ropeParameters != null && ropeParameters.isObject() ? ropeParameters : root.get("rope_scaling");
        double ropeTheta = r.optionalDouble("rope_theta",
                ropeParameters != null && ropeParameters.has("rope_theta") ? ropeParameters.get("rope_theta").asDouble() : 10000.0);
        boolean attentionBias = modelType.equals("qwen2") || r.bool("attention_bias", false);
        Integer slidingWindow = r.optionalInt("sliding_window");
        if (!r.bool("use_sliding_window", true)) {
            slidingWindow = null;
        }
        try {
            return new LlamaConfig(
                    architecture,
                    modelType,
                    hidden,
                    r.requiredInt("intermediate_size"),
                    r.requiredInt("num_hidden_layers"),
                    heads,
                    r.optionalInt("num_key_value_heads") == null ? heads : r.requiredInt("num_key_value_heads"),
                    headDim,
                    r.requiredInt("vocab_size"),
                    maxPositions,
                    r.requiredDouble("rms_norm_eps"),
                    ropeTheta,
                    ropeScaling(configJson, ropeNode, maxPositions),
                    r.bool("tie_word_embeddings", false),
                    attentionBias,
                    slidingWindow,
                    r.intList("eos_token_id"),
                    r.optionalInt("bos_token_id"),
                    torchDtype(configJson, root));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid " + configJson + ": " + e.getMessage(), e);
        }
    }

    private static @Nullable RopeScaling ropeScaling(Path file, @Nullable JsonNode node, int maxPositions) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new ModelFormatException(file + " has rope_scaling " + node + ", expected an object or null");
        }
        JsonNode typeNode = node.has("rope_type") ? node.get("rope_type") : node.get("type");
        String type = typeNode == null || typeNode.isNull() ? "default" : typeNode.asText();
        if (type.equals("default")) {
            return null;
        }
        if (!SUPPORTED_ROPE_SCALING.contains(type)) {
            throw new ModelFormatException(file + " has rope_scaling type \"" + type + "\", which is not supported; "
                    + "supported: " + String.join(", ", SUPPORTED_ROPE_SCALING) + " (or none)");
        }
        Reader r = new Reader(file, node);
        try {
            return new RopeScaling(type,
                    r.optionalDouble("factor", 1.0),
                    r.optionalDouble("low_freq_factor", 1.0),
                    r.optionalDouble("high_freq_factor", 4.0),
                    r.optionalInt("original_max_position_embeddings") == null
                            ? maxPositions : r.requiredInt("original_max_position_embeddings"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid rope_scaling in " + file + ": " + e.getMessage(), e);
        }
    }

    private static TensorType torchDtype(Path file, JsonNode root) {
        JsonNode node = root.has("torch_dtype") ? root.get("torch_dtype") : root.get("dtype");
        if (node == null || node.isNull()) {
            return TensorType.F32;
        }
        return switch (node.asText()) {
            case "float32" -> TensorType.F32;
            case "float16" -> TensorType.F16;
            case "bfloat16" -> TensorType.BF16;
            default -> throw new ModelFormatException(file + " has torch_dtype \"" + node.asText()
                    + "\"; supported: float32, float16, bfloat16");
        };
    }

    /**
     * The rotary embedding's inverse frequencies, {@code 1 / theta^(2i / headDim)} for
     * {@code i < headDim / 2}, with the {@link #ropeScaling()} variant applied:
     * <ul>
     *   <li>none: unchanged;
     *   <li>{@code linear}: each divided by {@code factor} (positions interpolated);
     *   <li>{@code llama3}: the Llama 3.1 wavelength bands: wavelengths shorter than
     *       {@code original / high_freq_factor} unchanged, longer than
     *       {@code original / low_freq_factor} divided by {@code factor}, and in between a smooth
     *       blend with weight {@code (original / wavelength - low) / (high - low)};
     *   <li>{@code dynamic}: unchanged. Dynamic NTK scaling only changes the base once a sequence
     *       is longer than {@code original_max_position_embeddings}; these frequencies are exact
     *       for positions up to it, and callers must not go beyond it.
     * </ul>
     *
     * @return {@code headDim / 2} frequencies in radians per position
     * @throws ModelFormatException for a scaling type other than those above (such as {@code yarn})
     */
    public double[] ropeInverseFrequencies() {
        int half = headDim / 2;
        double[] inv = new double[half];
        for (int i = 0; i < half; i++) {
            inv[i] = 1.0 / Math.pow(ropeTheta, (2.0 * i) / headDim);
        }
        if (ropeScaling == null) {
            return inv;
        }
        RopeScaling s = ropeScaling;
        switch (s.type()) {
            case "linear" -> {
                for (int i = 0; i < half; i++) {
                    inv[i] /= s.factor();
                }
            }
            case "dynamic" -> {
                // Exact up to originalMaxPositions; see the javadoc.
            }
            case "llama3" -> {
                double lowFreqWavelen = s.originalMaxPositions() / s.lowFreqFactor();
                double highFreqWavelen = s.originalMaxPositions() / s.highFreqFactor();
                for (int i = 0; i < half; i++) {
                    double wavelen = 2 * Math.PI / inv[i];
                    if (wavelen > lowFreqWavelen) {
                        inv[i] /= s.factor();
                    } else if (wavelen >= highFreqWavelen) {
                        double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                                / (s.highFreqFactor() - s.lowFreqFactor());
                        inv[i] = (1 - smooth) * inv[i] / s.factor() + smooth * inv[i];
                    }
                }
            }
            default -> throw new ModelFormatException("rope_scaling type \"" + s.type() + "\" is not supported; "
                    + "supported: " + String.join(", ", SUPPORTED_ROPE_SCALING) + " (or none)");
        }
        return inv;
    }

    /** Typed access to one JSON object's keys with messages that name the file and key. */
    private record Reader(Path file, JsonNode node) {

        @Nullable String string(String key, @Nullable String absent) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? absent : v.asText();
        }

        int requiredInt(String key) {
            Integer v = optionalInt(key);
            if (v == null) {
                throw new ModelFormatException(file + " has no \"" + key + "\"; a Llama-family config needs it");
            }
            return v;
        }

        @Nullable Integer optionalInt(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new ModelFormatException(file + " has \"" + key + "\": " + v + ", expected an integer");
            }
            return v.intValue();
        }

        double requiredDouble(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw new ModelFormatException(file + " has no \"" + key + "\"; a Llama-family config needs it");
            }
            return optionalDouble(key, 0);
        }

        double optionalDouble(String key, double absent) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return absent;
            }
            if (!v.isNumber()) {
                throw new ModelFormatException(file + " has \"" + key + "\": " + v + ", expected a number");
            }
            return v.doubleValue();
        }

        boolean bool(String key, boolean absent) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return absent;
            }
            if (!v.isBoolean()) {
                throw new ModelFormatException(file + " has \"" + key + "\": " + v + ", expected true or false");
            }
            return v.booleanValue();
        }

        List<Integer> intList(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                return List.of(requiredInt(key));
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new ModelFormatException(file + " has \"" + key + "\": " + v + ", expected integers");
                }
                out.add(e.intValue());
            }
            return out;
        }
    }
}
