package dev.aios.inference.local;

import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.ModelFolder;
import org.jspecify.annotations.Nullable;

/**
 * A plain-Java Llama forward pass with the semantics of Hugging Face transformers'
 * {@code LlamaForCausalLM} (and Mistral and Qwen2, which differ only in the flags of
 * {@link LlamaConfig}), for checking faster implementations against. Straight loops over floats
 * decoded from the folder, dot products and norms accumulated in double; no cache, no batching:
 * every call computes the whole sequence from scratch. A config's {@code sliding_window} applies
 * Mistral's way: position {@code t} attends to keys {@code s} with {@code t - window < s <= t}.
 */
final class ReferenceLlama {

    private final LlamaConfig c;
    private final float[] embed;
    private final float[] lmHead;
    private final float[] finalNorm;
    private final Layer[] layers;
    private final double[] invFreq;

    private record Layer(float[] inputNorm, float[] q, float[] k, float[] v, float @Nullable [] qBias,
            float @Nullable [] kBias, float @Nullable [] vBias, float[] o, float[] postNorm, float[] gate, float[] up, float[] down) {}

    ReferenceLlama(ModelFolder folder) {
        this.c = folder.config();
        this.embed = folder.readFloats("model.embed_tokens.weight");
        this.lmHead = c.tiedEmbeddings() ? embed : folder.readFloats("lm_head.weight");
        this.finalNorm = folder.readFloats("model.norm.weight");
        this.invFreq = c.ropeInverseFrequencies();
        this.layers = new Layer[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(
                    folder.readFloats(p + "input_layernorm.weight"),
                    folder.readFloats(p + "self_attn.q_proj.weight"),
                    folder.readFloats(p + "self_attn.k_proj.weight"),
                    folder.readFloats(p + "self_attn.v_proj.weight"),
                    c.attentionBias() ? folder.readFloats(p + "self_attn.q_proj.bias") : null,
                    c.attentionBias() ? folder.readFloats(p + "self_attn.k_proj.bias") : null,
                    c.attentionBias() ? folder.readFloats(p + "self_attn.v_proj.bias") : null,
                    folder.readFloats(p + "self_attn.o_proj.weight"),
                    folder.readFloats(p + "post_attention_layernorm.weight"),
                    folder.readFloats(p + "mlp.gate_proj.weight"),
                    folder.readFloats(p + "mlp.up_proj.weight"),
                    folder.readFloats(p + "mlp.down_proj.weight"));
        }
    }

    /**
     * @param tokens the whole sequence, position 0 first
     * @return {@code [tokens.length][vocab]}: the logits at every position, each seeing only
     *     positions up to its own
     */
    float[][] logits(int[] tokens) {
        int seq = tokens.length;
        int hidden = c.hiddenSize();
        int headDim = c.headDim();
        int qDim = c.heads() * headDim;
        int kvDim = c.kvHeads() * headDim;
        int group = c.heads() / c.kvHeads();
        double scale = 1.0 / Math.sqrt(headDim);
        int window = c.slidingWindow() == null ? Integer.MAX_VALUE : c.slidingWindow();

        float[][] x = new float[seq][];
        for (int t = 0; t < seq; t++) {
            if (tokens[t] < 0 || tokens[t] >= c.vocabSize()) {
                throw new IllegalArgumentException("token " + tokens[t] + " at " + t + " outside the vocabulary");
            }
            x[t] = new float[hidden];
            System.arraycopy(embed, tokens[t] * hidden, x[t], 0, hidden);
        }
        for (Layer l : layers) {
            float[][] q = new float[seq][];
            float[][] k = new float[seq][];
            float[][] v = new float[seq][];
            for (int t = 0; t < seq; t++) {
                float[] n = rmsNorm(x[t], l.inputNorm());
                q[t] = rope(add(matVec(l.q(), n, qDim, hidden), l.qBias()), c.heads(), t);
                k[t] = rope(add(matVec(l.k(), n, kvDim, hidden), l.kBias()), c.kvHeads(), t);
                v[t] = add(matVec(l.v(), n, kvDim, hidden), l.vBias());
            }
            for (int t = 0; t < seq; t++) {
                int first = Math.max(0, t + 1 - window);
                float[] attn = new float[qDim];
                for (int h = 0; h < c.heads(); h++) {
                    int kvBase = (h / group) * headDim;
                    int qBase = h * headDim;
                    double[] scores = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int s = first; s <= t; s++) {
                        double dot = 0;
                        for (int d = 0; d < headDim; d++) {
                            dot += (double) q[t][qBase + d] * k[s][kvBase + d];
                        }
                        scores[s] = dot * scale;
                        max = Math.max(max, scores[s]);
                    }
                    double sum = 0;
                    for (int s = first; s <= t; s++) {
                        scores[s] = Math.exp(scores[s] - max);
                        sum += scores[s];
                    }
                    for (int d = 0; d < headDim; d++) {
                        double acc = 0;
                        for (int s = first; s <= t; s++) {
                            acc += scores[s] / sum * v[s][kvBase + d];
                        }
                        attn[qBase + d] = (float) acc;
                    }
                }
                float[] o = matVec(l.o(), attn, hidden, qDim);
                float[] h = new float[hidden];
                for (int i = 0; i < hidden; i++) {
                    h[i] = x[t][i] + o[i];
                }
                float[] n = rmsNorm(h, l.postNorm());
                int inter = c.intermediateSize();
                float[] gate = matVec(l.gate(), n, inter, hidden);
                float[] up = matVec(l.up(), n, inter, hidden);
                float[] act = new float[inter];
                for (int i = 0; i < inter; i++) {
                    double g = gate[i];
                    act[i] = (float) (g / (1 + Math.exp(-g)) * up[i]);
                }
                float[] down = matVec(l.down(), act, hidden, inter);
                float[] next = new float[hidden];
                for (int i = 0; i < hidden; i++) {
                    next[i] = h[i] + down[i];
                }
                // Safe to replace: the attention of later positions reads q, k, v, not x.
                x[t] = next;
            }
        }
        float[][] logits = new float[seq][];
        for (int t = 0; t < seq; t++) {
            logits[t] = matVec(lmHead, rmsNorm(x[t], finalNorm), c.vocabSize(), hidden);
        }
        return logits;
    }

    private float[] rmsNorm(float[] v, float[] weight) {
        double sumSquares = 0;
        for (float f : v) {
            sumSquares += (double) f * f;
        }
        double inv = 1.0 / Math.sqrt(sumSquares / v.length + c.rmsNormEps());
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (weight[i] * (v[i] * inv));
        }
        return out;
    }

    /** HF's rotate_half: element i of each head pairs with element i + headDim/2. */
    private float[] rope(float[] v, int heads, int position) {
        int headDim = c.headDim();
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            int base = h * headDim;
            for (int i = 0; i < half; i++) {
                double angle = position * invFreq[i];
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                double a = v[base + i];
                double b = v[base + i + half];
                v[base + i] = (float) (a * cos - b * sin);
                v[base + i + half] = (float) (b * cos + a * sin);
            }
        }
        return v;
    }

    /** {@code W x} for a row-major {@code [rows, cols]} weight, HF's {@code [out, in]}. */
    private static float[] matVec(float[] w, float[] x, int rows, int cols) {
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            int base = r * cols;
            for (int i = 0; i < cols; i++) {
                acc += (double) w[base + i] * x[i];
            }
            out[r] = (float) acc;
        }
        return out;
    }

    private static float[] add(float[] v, float @Nullable [] bias) {
        if (bias != null) {
            for (int i = 0; i < v.length; i++) {
                v[i] += bias[i];
            }
        }
        return v;
    }
}
