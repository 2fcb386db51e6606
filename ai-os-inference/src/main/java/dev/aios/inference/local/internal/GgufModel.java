package dev.aios.inference.local.internal;

import dev.aios.inference.local.ModelFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Llama-family model in one GGUF file, seen the way {@link ModelFolder} sees a Hugging Face
 * folder: a {@link LlamaConfig} read from the metadata ({@code general.architecture} {@code llama}
 * or {@code qwen2}, and the {@code {arch}.*} keys), and every tensor under its Hugging Face name
 * and PyTorch shape, decoded on demand into F32 (F16 for a tensor too large for one F32 buffer),
 * or mapped as stored when it is already F32, F16 or BF16 and needs no reordering.
 *
 * <p>llama.cpp's converter permutes the rows of Q and K (and their biases) of {@code llama}
 * models so that its interleaved RoPE works; this engine uses Hugging Face's rotate-half RoPE,
 * so those rows are put back in Hugging Face order as they are decoded. {@code qwen2} files are
 * written unpermuted (llama.cpp runs them with NeoX RoPE, which is rotate-half).
 */
final class GgufModel implements AutoCloseable {

    /** GGUF architecture to the Hugging Face model type and class it stands for. */
    private static final Map<String, String> ARCHITECTURES = Map.of("llama", "llama", "qwen2", "qwen2");
    private static final String ROPE_FREQS = "rope_freqs.weight";

    private final GgufFile file;
    private final LlamaConfig config;
    private final boolean permutedQk;
    /** Hugging Face name to the GGUF tensor that holds it. */
    private final Map<String, GgufFile.Tensor> sources;
    /** Hugging Face name to the tensor as {@link #map} presents it. */
    private final Map<String, TensorInfo> tensors;

    private GgufModel(GgufFile file, LlamaConfig config, boolean permutedQk, Map<String, GgufFile.Tensor> sources,
            Map<String, TensorInfo> tensors) {
        this.file = file;
        this.config = config;
        this.permutedQk = permutedQk;
        this.sources = sources;
        this.tensors = tensors;
    }

    /**
     * Opens and validates a GGUF model file.
     *
     * @throws ModelFormatException if the file is not valid GGUF, its architecture is not one this
     *     engine runs, a required metadata key is missing, or a tensor is missing, unexpected, of
     *     an unsupported type, or of a shape the metadata does not imply
     */
    static GgufModel open(Path path) {
        GgufFile file = GgufFile.open(path);
        try {
            GgufMetadata m = file.metadata();
            LlamaConfig config = config(file);
            Map<String, long[]> expected = ModelFolder.expectedShapes(config);
            Map<String, GgufFile.Tensor> sources = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Set<String> used = new LinkedHashSet<>();
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                String ggufName = ggufName(e.getKey());
                GgufFile.Tensor t = file.tensors().get(ggufName);
                if (t == null) {
                    throw new ModelFormatException("GGUF file " + path + " is missing tensor '" + ggufName + "' ("
                            + e.getKey() + ", shape " + Arrays.toString(e.getValue()) + ") that its metadata implies");
                }
                if (!Arrays.equals(t.shape(), e.getValue())) {
                    throw new ModelFormatException("Tensor '" + ggufName + "' in GGUF file " + path + " has dims "
                            + Arrays.toString(t.dims()) + " (shape " + Arrays.toString(t.shape()) + "), but the metadata"
                            + " implies shape " + Arrays.toString(e.getValue()));
                }
                if (!t.type().decodable) {
                    throw new ModelFormatException("Tensor '" + ggufName + "' in GGUF file " + path + " has type "
                            + t.type() + ", supported: " + GgmlType.decodableList()
                            + " (re-quantize the model to one of these, for example Q8_0 or Q4_K_M)");
                }
                used.add(ggufName);
                sources.put(e.getKey(), t);
            }
            for (GgufFile.Tensor t : file.tensors().values()) {
                if (!used.contains(t.name()) && !t.name().equals(ROPE_FREQS)) {
                    throw new ModelFormatException("Unexpected tensor '" + t.name() + "' in GGUF file " + path + ": the"
                            + " metadata (" + m.optionalString("general.architecture") + ", " + config.layers()
                            + " layers" + (config.attentionBias() ? ", attention biases" : "") + ") implies no such tensor");
                }
            }
            boolean permuted = config.modelType().equals("llama");
            for (Map.Entry<String, GgufFile.Tensor> e : sources.entrySet()) {
                tensors.put(e.getKey(), presented(path, e.getKey(), e.getValue(), permuted && permuted(e.getKey())));
            }
            return new GgufModel(file, config, permuted, Collections.unmodifiableMap(sources),
                    Collections.unmodifiableMap(tensors));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static LlamaConfig config(GgufFile file) {
        GgufMetadata m = file.metadata();
        String arch = m.requireString("general.architecture", "a GGUF model file names its architecture");
        String modelType = ARCHITECTURES.get(arch);
        if (modelType == null) {
            throw new ModelFormatException("GGUF file " + file.file() + " has general.architecture '" + arch
                    + "', which this engine does not run; supported: llama (Llama 1-3.x, Mistral, SmolLM), qwen2"
                    + " (Qwen2/2.5)");
        }
        String why = "a " + arch + " model needs it";
        String p = arch + ".";
        int hidden = m.requirePositiveInt(p + "embedding_length", why);
        int heads = m.requirePositiveInt(p + "attention.head_count", why);
        if (m.get(p + "attention.head_count_kv") instanceof List<?>) {
            throw new ModelFormatException("GGUF file " + file.file() + " gives per-layer " + p
                    + "attention.head_count_kv; only one count for all layers is supported");
        }
        int kvHeads = m.has(p + "attention.head_count_kv") ? m.requirePositiveInt(p + "attention.head_count_kv", why) : heads;
        int headDim = m.has(p + "attention.key_length") ? m.requirePositiveInt(p + "attention.key_length", why)
                : hidden % heads == 0 ? hidden / heads : 0;
        if (headDim == 0) {
            throw new ModelFormatException("GGUF file " + file.file() + " has " + p + "embedding_length " + hidden
                    + " not divisible by " + p + "attention.head_count " + heads + " and no " + p + "attention.key_length");
        }
        if (m.has(p + "rope.dimension_count") && m.requirePositiveInt(p + "rope.dimension_count", why) != headDim) {
            throw new ModelFormatException("GGUF file " + file.file() + " has " + p + "rope.dimension_count "
                    + m.get(p + "rope.dimension_count") + " but a head dimension of " + headDim
                    + "; partial rotary embeddings are not supported");
        }
        List<String> tokens = m.optionalList("tokenizer.ggml.tokens", String.class);
        if (tokens == null) {
            throw new ModelFormatException("GGUF file " + file.file() + " has no metadata key 'tokenizer.ggml.tokens';"
                    + " the vocabulary is needed to run the model");
        }
        int maxPositions = m.requirePositiveInt(p + "context_length", why);
        List<Integer> eos = new ArrayList<>();
        Integer eosId = m.optionalTokenId("tokenizer.ggml.eos_token_id");
        if (eosId != null) {
            eos.add(eosId);
        }
        Integer sliding = m.has(p + "attention.sliding_window")
                ? m.requirePositiveInt(p + "attention.sliding_window", why) : null;
        GgufFile.Tensor embedding = file.tensors().get("token_embd.weight");
        TensorType dtype = embedding != null && embedding.type() == GgmlType.F16 ? TensorType.F16
                : embedding != null && embedding.type() == GgmlType.BF16 ? TensorType.BF16 : TensorType.F32;
        double ropeTheta = m.optionalDouble(p + "rope.freq_base", 10000.0);
        try {
            LlamaConfig plain = new LlamaConfig(modelType.equals("llama") ? "LlamaForCausalLM" : "Qwen2ForCausalLM",
                    modelType, hidden, m.requirePositiveInt(p + "feed_forward_length", why),
                    m.requirePositiveInt(p + "block_count", why), heads, kvHeads, headDim, tokens.size(), maxPositions,
                    m.requireDouble(p + "attention.layer_norm_rms_epsilon", why), ropeTheta, null,
                    !file.tensors().containsKey("output.weight"),
                    modelType.equals("qwen2") || file.tensors().containsKey("blk.0.attn_q.bias"), sliding, eos,
                    m.optionalTokenId("tokenizer.ggml.bos_token_id"), dtype);
            RopeScaling scaling = ropeScaling(file, plain, p);
            return scaling == null ? plain : new LlamaConfig(plain.architecture(), plain.modelType(), plain.hiddenSize(),
                    plain.intermediateSize(), plain.layers(), plain.heads(), plain.kvHeads(), plain.headDim(),
                    plain.vocabSize(), plain.maxPositions(), plain.rmsNormEps(), plain.ropeTheta(), scaling,
                    plain.tiedEmbeddings(), plain.attentionBias(), plain.slidingWindow(), plain.eosTokenIds(),
                    plain.bosTokenId(), plain.torchDtype());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("GGUF file " + file.file() + " has metadata that does not fit together: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The rope scaling of the metadata's {@code rope.scaling.*} keys, or of a {@code rope_freqs}
     * tensor: llama.cpp writes Llama 3.1's scaling as per-frequency divisors, which are matched
     * here against the {@code llama3} formula with Llama 3's constants.
     */
    private static @Nullable RopeScaling ropeScaling(GgufFile file, LlamaConfig plain, String p) {
        GgufMetadata m = file.metadata();
        String type = m.optionalString(p + "rope.scaling.type");
        double factor = m.optionalDouble(p + "rope.scaling.factor", m.optionalDouble(p + "rope.scale_linear", 1.0));
        int original = (int) Math.min(Integer.MAX_VALUE,
                m.optionalLong(p + "rope.scaling.original_context_length", plain.maxPositions()));
        if (type == null && m.has(p + "rope.scale_linear")) {
            type = "linear";
        }
        GgufFile.Tensor freqs = file.tensors().get(ROPE_FREQS);
        if (freqs != null) {
            return llama3FromFactors(file, plain, freqs);
        }
        if (type == null || type.equals("none") || (type.equals("linear") && factor == 1.0)) {
            return null;
        }
        if (!type.equals("linear")) {
            throw new ModelFormatException("GGUF file " + file.file() + " has " + p + "rope.scaling.type '" + type
                    + "', which is not supported; supported: none, linear (and Llama 3's rope_freqs)");
        }
        return new RopeScaling("linear", factor, 1.0, 4.0, original);
    }

    private static RopeScaling llama3FromFactors(GgufFile file, LlamaConfig plain, GgufFile.Tensor freqs) {
        int half = plain.headDim() / 2;
        if (freqs.type() != GgmlType.F32 || freqs.elements() != half) {
            throw new ModelFormatException("Tensor '" + ROPE_FREQS + "' in GGUF file " + file.file() + " is " + freqs
                    + "; expected F32 with " + half + " elements (one divisor per rotary frequency)");
        }
        float[] divisors = new float[half];
        GgmlDequantizer.decode(GgmlType.F32, file.map(freqs), 0, divisors);
        float factor = 0;
        for (float d : divisors) {
            factor = Math.max(factor, d);
        }
        double[] base = plain.ropeInverseFrequencies();
        for (int original : new int[] {8192, plain.maxPositions()}) {
            try {
                RopeScaling candidate = new RopeScaling("llama3", factor, 1.0, 4.0, original);
                double[] scaled = withScaling(plain, candidate).ropeInverseFrequencies();
                boolean matches = true;
                for (int i = 0; i < half && matches; i++) {
                    matches = Math.abs(base[i] / scaled[i] - divisors[i]) <= 1e-3 * divisors[i];
                }
                if (matches) {
                    return candidate;
                }
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        throw new ModelFormatException("Tensor '" + ROPE_FREQS + "' in GGUF file " + file.file()
                + " holds rope frequency divisors that do not match Llama 3's rope scaling (factor " + factor
                + ", low 1, high 4, original context 8192); other rope_freqs are not supported");
    }

    private static LlamaConfig withScaling(LlamaConfig c, RopeScaling s) {
        return new LlamaConfig(c.architecture(), c.modelType(), c.hiddenSize(), c.intermediateSize(), c.layers(),
                c.heads(), c.kvHeads(), c.headDim(), c.vocabSize(), c.maxPositions(), c.rmsNormEps(), c.ropeTheta(), s,
                c.tiedEmbeddings(), c.attentionBias(), c.slidingWindow(), c.eosTokenIds(), c.bosTokenId(),
                c.torchDtype());
    }

    /** The GGUF name llama.cpp's converter gives a Hugging Face tensor name. */
    static String ggufName(String hfName) {
        return switch (hfName) {
            case "model.embed_tokens.weight" -> "token_embd.weight";
            case "model.norm.weight" -> "output_norm.weight";
            case "lm_head.weight" -> "output.weight";
            default -> {
                String rest = hfName.substring("model.layers.".length());
                int dot = rest.indexOf('.');
                String layer = rest.substring(0, dot);
                String part = rest.substring(dot + 1);
                String suffix = part.endsWith(".bias") ? ".bias" : ".weight";
                String module = part.substring(0, part.length() - suffix.length());
                String gguf = switch (module) {
                    case "input_layernorm" -> "attn_norm";
                    case "self_attn.q_proj" -> "attn_q";
                    case "self_attn.k_proj" -> "attn_k";
                    case "self_attn.v_proj" -> "attn_v";
                    case "self_attn.o_proj" -> "attn_output";
                    case "post_attention_layernorm" -> "ffn_norm";
                    case "mlp.gate_proj" -> "ffn_gate";
                    case "mlp.up_proj" -> "ffn_up";
                    case "mlp.down_proj" -> "ffn_down";
                    default -> throw new IllegalArgumentException("no GGUF name for " + hfName);
                };
                yield "blk." + layer + "." + gguf + suffix;
            }
        };
    }

    private static boolean permuted(String hfName) {
        return hfName.contains(".self_attn.q_proj.") || hfName.contains(".self_attn.k_proj.");
    }

    /** How {@link #map} will hand the tensor out: as stored where it can, else decoded. */
    private static TensorInfo presented(Path path, String hfName, GgufFile.Tensor t, boolean reorder) {
        long elements = t.elements();
        TensorType type;
        if (!reorder && t.type() == GgmlType.F32) {
            type = TensorType.F32;
        } else if (!reorder && t.type() == GgmlType.F16) {
            type = TensorType.F16;
        } else if (!reorder && t.type() == GgmlType.BF16) {
            type = TensorType.BF16;
        } else {
            // One direct buffer holds at most 2 GiB: a larger tensor is decoded to half precision.
            type = elements * 4 <= Integer.MAX_VALUE ? TensorType.F32 : TensorType.F16;
        }
        return new TensorInfo(hfName, type, t.shape(), path, t.offset(), elements * type.bytes());
    }

    LlamaConfig config() {
        return config;
    }

    GgufFile file() {
        return file;
    }

    /** @return every tensor under its Hugging Face name, as {@link #map} presents it */
    Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** @return the bytes the tensor occupies in the file, quantized or not */
    long storedBytes(String hfName) {
        return sources.get(hfName).bytes();
    }

    /** @return the GGUF type the tensor is stored in, for messages and inspection */
    GgmlType storedType(String hfName) {
        return sources.get(hfName).type();
    }

    /**
     * @param hfName a Hugging Face tensor name from {@link #tensors()}
     * @return its elements in Hugging Face row order, in the type {@link #tensors()} gives: the
     *     mapped file bytes where they need no change, else a new direct buffer
     */
    ByteBuffer map(String hfName) {
        GgufFile.Tensor t = sources.get(hfName);
        TensorInfo info = tensors.get(hfName);
        ByteBuffer raw = file.map(t);
        boolean reorder = permutedQk && permuted(hfName);
        if (!reorder && info.type().name().equals(t.type().name())) {
            return raw;
        }
        long[] shape = info.shape();
        int rowLength = (int) shape[shape.length - 1];
        int rows = (int) (t.elements() / Math.max(1, rowLength));
        int rowBytes = rowLength / t.type().blockElements * t.type().blockBytes;
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(info.length())).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = out.asFloatBuffer();
        ShortBuffer halves = out.asShortBuffer();
        float[] row = new float[rowLength];
        int headDim = config.headDim();
        if (reorder && shape.length == 1) {
            // A bias: one row whose elements are permuted like a weight's rows.
            GgmlDequantizer.decode(t.type(), raw, 0, row);
            float[] ordered = new float[rowLength];
            for (int i = 0; i < rowLength; i++) {
                ordered[unpermutedRow(i, headDim)] = row[i];
            }
            row = ordered;
            reorder = false;
            rows = 0;
            put(info.type(), floats, halves, 0, row);
        }
        for (int r = 0; r < rows; r++) {
            GgmlDequantizer.decode(t.type(), raw, r * rowBytes, row);
            int target = reorder ? unpermutedRow(r, headDim) : r;
            put(info.type(), floats, halves, target * rowLength, row);
        }
        return out;
    }

    private static void put(TensorType type, FloatBuffer floats, ShortBuffer halves, int at, float[] row) {
        if (type == TensorType.F32) {
            floats.put(at, row);
        } else {
            for (int i = 0; i < row.length; i++) {
                halves.put(at + i, Float.floatToFloat16(row[i]));
            }
        }
    }

    /**
     * The Hugging Face row of GGUF row {@code g} of a Q or K projection: llama.cpp's
     * {@code permute} reshapes each head's rows as (2, headDim / 2) and swaps the two axes, so
     * GGUF row {@code 2j + a} of a head is Hugging Face row {@code a * headDim / 2 + j}.
     */
    static int unpermutedRow(int g, int headDim) {
        int head = g / headDim;
        int within = g % headDim;
        return head * headDim + (within % 2) * (headDim / 2) + within / 2;
    }

    @Override
    public void close() {
        file.close();
    }
}
