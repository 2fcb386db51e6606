package dev.aios.inference.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Converts a Hugging Face folder to GGUF the way llama.cpp's convert_hf_to_gguf.py does: its
 * metadata keys, its tensor names, dims in ggml order, the rows of Q and K permuted for the
 * llama architecture ({@code LlamaModel.permute}), 1-D tensors in F32, the gpt2 tokenizer from
 * tokenizer.json, the chat template from tokenizer_config.json. Matrices are written in the type
 * {@code matrixType} picks per tensor, quantized here with simple round-to-nearest quantizers that
 * fill the same block layouts as ggml's.
 */
final class HfToGguf {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Picks a ggml type id per GGUF tensor name for 2-D tensors. */
    interface TypeChoice {
        int typeOf(String ggufName);
    }

    private HfToGguf() {}

    static Path convert(Path folder, Path out, TypeChoice matrixType) throws IOException {
        return writer(folder, matrixType).write(out);
    }

    static GgufWriter writer(Path folder, TypeChoice matrixType) throws IOException {
        GgufWriter w = new GgufWriter();
        try (ModelFolder f = ModelFolder.open(folder)) {
            LlamaConfig c = f.config();
            String arch = c.modelType().equals("qwen2") ? "qwen2" : "llama";
            w.putString("general.architecture", arch).putString("general.name", "random");
            w.putU32(arch + ".block_count", c.layers()).putU32(arch + ".context_length", c.maxPositions())
                    .putU32(arch + ".embedding_length", c.hiddenSize())
                    .putU32(arch + ".feed_forward_length", c.intermediateSize())
                    .putU32(arch + ".attention.head_count", c.heads())
                    .putU32(arch + ".attention.head_count_kv", c.kvHeads())
                    .putF32(arch + ".rope.freq_base", c.ropeTheta())
                    .putF32(arch + ".attention.layer_norm_rms_epsilon", c.rmsNormEps());
            if (arch.equals("llama")) {
                w.putU32(arch + ".rope.dimension_count", c.headDim());
            }
            tokenizer(w, folder, c);
            tensors(w, f, c, arch.equals("llama"), matrixType);
        }
        return w;
    }

    private static void tokenizer(GgufWriter w, Path folder, LlamaConfig c) throws IOException {
        JsonNode tokenizer = JSON.readTree(folder.resolve("tokenizer.json").toFile());
        Map<Integer, String> byId = new TreeMap<>();
        tokenizer.get("model").get("vocab").properties().forEach(e -> byId.put(e.getValue().asInt(), e.getKey()));
        Set<Integer> special = new HashSet<>();
        tokenizer.get("added_tokens").forEach(t -> {
            byId.put(t.get("id").asInt(), t.get("content").asText());
            if (t.get("special").asBoolean()) {
                special.add(t.get("id").asInt());
            }
        });
        List<String> tokens = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        for (int id = 0; id < c.vocabSize(); id++) {
            tokens.add(byId.getOrDefault(id, "[PAD" + id + "]"));
            types.add(special.contains(id) ? 3 : byId.containsKey(id) ? 1 : 5);
        }
        List<String> merges = new ArrayList<>();
        tokenizer.get("model").get("merges").forEach(m -> merges.add(m.isArray() ? m.get(0).asText() + " "
                + m.get(1).asText() : m.asText()));
        w.putString("tokenizer.ggml.model", "gpt2").putString("tokenizer.ggml.pre", "default")
                .putArray("tokenizer.ggml.tokens", GgufWriter.STRING, tokens)
                .putArray("tokenizer.ggml.token_type", GgufWriter.INT32, types)
                .putArray("tokenizer.ggml.merges", GgufWriter.STRING, merges);
        if (c.bosTokenId() != null) {
            w.putU32("tokenizer.ggml.bos_token_id", c.bosTokenId());
        }
        w.putU32("tokenizer.ggml.eos_token_id", c.eosTokenIds().get(0));
        Path config = folder.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            JsonNode template = JSON.readTree(config.toFile()).get("chat_template");
            if (template != null && template.isTextual()) {
                w.putString("tokenizer.chat_template", template.asText());
            }
        }
    }

    private static void tensors(GgufWriter w, ModelFolder f, LlamaConfig c, boolean permute, TypeChoice matrixType) {
        for (Map.Entry<String, long[]> e : ModelFolder.expectedShapes(c).entrySet()) {
            String hf = e.getKey();
            long[] shape = e.getValue();
            float[] values = f.readFloats(hf);
            if (permute && hf.contains("q_proj")) {
                values = permute(values, shape, c.heads());
            } else if (permute && hf.contains("k_proj")) {
                values = permute(values, shape, c.kvHeads());
            }
            long[] dims = new long[shape.length];
            for (int i = 0; i < shape.length; i++) {
                dims[i] = shape[shape.length - 1 - i];
            }
            String name = ggufName(hf);
            int type = shape.length == 1 ? GgufWriter.F32 : matrixType.typeOf(name);
            w.tensor(name, dims, type, encode(values, type));
        }
    }

    /** convert_hf_to_gguf.py's LlamaModel.permute: reshape(n_head, 2, rows / n_head / 2, cols).swapaxes(1, 2). */
    static float[] permute(float[] w, long[] shape, int nHead) {
        int rows = (int) shape[0];
        int cols = shape.length > 1 ? (int) shape[1] : 1;
        int half = rows / nHead / 2;
        float[] out = new float[w.length];
        for (int h = 0; h < nHead; h++) {
            for (int a = 0; a < 2; a++) {
                for (int j = 0; j < half; j++) {
                    int from = h * 2 * half + a * half + j;
                    int to = h * 2 * half + j * 2 + a;
                    System.arraycopy(w, from * cols, out, to * cols, cols);
                }
            }
        }
        return out;
    }

    static String ggufName(String hf) {
        if (hf.equals("model.embed_tokens.weight")) {
            return "token_embd.weight";
        }
        if (hf.equals("model.norm.weight")) {
            return "output_norm.weight";
        }
        if (hf.equals("lm_head.weight")) {
            return "output.weight";
        }
        String[] parts = hf.split("\\.", 4);
        String rest = parts[3];
        String[][] map = {{"input_layernorm", "attn_norm"}, {"self_attn.q_proj", "attn_q"},
            {"self_attn.k_proj", "attn_k"}, {"self_attn.v_proj", "attn_v"}, {"self_attn.o_proj", "attn_output"},
            {"post_attention_layernorm", "ffn_norm"}, {"mlp.gate_proj", "ffn_gate"}, {"mlp.up_proj", "ffn_up"},
            {"mlp.down_proj", "ffn_down"}};
        for (String[] m : map) {
            if (rest.startsWith(m[0] + ".")) {
                return "blk." + parts[2] + "." + m[1] + rest.substring(m[0].length());
            }
        }
        throw new IllegalArgumentException(hf);
    }

    static byte[] encode(float[] v, int type) {
        return switch (type) {
            case GgufWriter.F32 -> {
                ByteBuffer b = le(4 * v.length);
                for (float x : v) {
                    b.putFloat(x);
                }
                yield b.array();
            }
            case GgufWriter.F16 -> {
                ByteBuffer b = le(2 * v.length);
                for (float x : v) {
                    b.putShort(Float.floatToFloat16(x));
                }
                yield b.array();
            }
            case GgufWriter.Q8_0 -> blocks(v, 32, 34, (b, x, o) -> q8(b, x, o));
            case GgufWriter.Q4_K -> blocks(v, 256, 144, HfToGguf::q4k);
            case GgufWriter.Q6_K -> blocks(v, 256, 210, HfToGguf::q6k);
            default -> throw new IllegalArgumentException("no encoder for type " + type);
        };
    }

    private interface BlockEncoder {
        void encode(ByteBuffer out, float[] v, int offset);
    }

    private static byte[] blocks(float[] v, int elements, int bytes, BlockEncoder encoder) {
        if (v.length % elements != 0) {
            throw new IllegalArgumentException(v.length + " values are not whole blocks of " + elements);
        }
        ByteBuffer b = le(v.length / elements * bytes);
        for (int o = 0; o < v.length; o += elements) {
            encoder.encode(b, v, o);
        }
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static float half(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    private static void q8(ByteBuffer b, float[] v, int o) {
        float amax = 0;
        for (int i = 0; i < 32; i++) {
            amax = Math.max(amax, Math.abs(v[o + i]));
        }
        float d = amax / 127;
        b.putShort(Float.floatToFloat16(d));
        for (int i = 0; i < 32; i++) {
            b.put((byte) (d == 0 ? 0 : Math.round(v[o + i] / d)));
        }
    }

    /** Q4_K: x = d * sc * q - dmin * m per 32-element sub-block, q in 0..15, sc and m 6-bit. */
    static void q4k(ByteBuffer b, float[] v, int o) {
        float[] scale = new float[8];
        float[] min = new float[8];
        for (int s = 0; s < 8; s++) {
            float lo = 0;
            float hi = 0;
            for (int i = 0; i < 32; i++) {
                lo = Math.min(lo, v[o + 32 * s + i]);
                hi = Math.max(hi, v[o + 32 * s + i]);
            }
            scale[s] = (hi - lo) / 15;
            min[s] = -lo;
        }
        float maxScale = 0;
        float maxMin = 0;
        for (int s = 0; s < 8; s++) {
            maxScale = Math.max(maxScale, scale[s]);
            maxMin = Math.max(maxMin, min[s]);
        }
        float d = half(maxScale / 63);
        float dmin = half(maxMin / 63);
        int[] sc = new int[8];
        int[] m = new int[8];
        for (int s = 0; s < 8; s++) {
            sc[s] = d == 0 ? 0 : Math.min(63, Math.round(scale[s] / d));
            m[s] = dmin == 0 ? 0 : Math.min(63, Math.round(min[s] / dmin));
        }
        b.putShort(Float.floatToFloat16(d)).putShort(Float.floatToFloat16(dmin));
        byte[] packed = new byte[12];
        for (int j = 0; j < 4; j++) {
            packed[j] = (byte) ((sc[j] & 63) | ((sc[j + 4] >> 4) << 6));
            packed[j + 4] = (byte) ((m[j] & 63) | ((m[j + 4] >> 4) << 6));
            packed[j + 8] = (byte) ((sc[j + 4] & 0xF) | ((m[j + 4] & 0xF) << 4));
        }
        b.put(packed);
        IntUnaryOperator quant = e -> {
            int s = e / 32;
            float ds = d * sc[s];
            float dm = dmin * m[s];
            return ds == 0 ? 0 : Math.max(0, Math.min(15, Math.round((v[o + e] + dm) / ds)));
        };
        for (int chunk = 0; chunk < 4; chunk++) {
            for (int l = 0; l < 32; l++) {
                int low = quant.applyAsInt(64 * chunk + l);
                int high = quant.applyAsInt(64 * chunk + 32 + l);
                b.put((byte) (low | (high << 4)));
            }
        }
    }

    /** Q6_K: x = d * sc * (q - 32) per 16-element sub-block, q in 0..63, sc int8. */
    static void q6k(ByteBuffer b, float[] v, int o) {
        float[] scale = new float[16];
        float maxScale = 0;
        for (int s = 0; s < 16; s++) {
            float amax = 0;
            for (int i = 0; i < 16; i++) {
                amax = Math.max(amax, Math.abs(v[o + 16 * s + i]));
            }
            scale[s] = amax / 31;
            maxScale = Math.max(maxScale, scale[s]);
        }
        float d = half(maxScale / 127);
        byte[] block = new byte[210];
        int[] sc = new int[16];
        for (int s = 0; s < 16; s++) {
            sc[s] = d == 0 ? 0 : Math.min(127, Math.round(scale[s] / d));
            block[192 + s] = (byte) sc[s];
        }
        for (int e = 0; e < 256; e++) {
            float step = d * sc[e / 16];
            int q = (step == 0 ? 0 : Math.max(-32, Math.min(31, Math.round(v[o + e] / step)))) + 32;
            int halfIndex = e / 128;
            int w = e % 128;
            int g = w / 32;
            int l = w % 32;
            int ql = halfIndex * 64 + l + (g % 2) * 32;
            block[ql] |= (byte) ((q & 0xF) << ((g / 2) * 4));
            int qh = 128 + halfIndex * 32 + l;
            block[qh] |= (byte) ((q >> 4) << (2 * g));
        }
        ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN).putShort(208, Float.floatToFloat16(d));
        b.put(block);
    }
}
