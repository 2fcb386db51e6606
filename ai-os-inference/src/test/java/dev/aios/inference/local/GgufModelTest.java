package dev.aios.inference.local;

import static dev.aios.inference.local.LlamaEngineTest.assertClose;
import static dev.aios.inference.local.LlamaEngineTest.randomTokens;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.inference.local.internal.LlamaConfig;
import dev.aios.inference.local.internal.LlamaEngine;
import dev.aios.inference.local.internal.LlamaWeights;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.TensorType;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GGUF files written from a random checkpoint the way llama.cpp's converter writes them (Q and K
 * permuted for llama) load into the same model as the safetensors folder: the same config, the
 * same tensors in Hugging Face order, the same logits.
 */
class GgufModelTest {
    @TempDir
    Path dir;

    private static final int[] TOKENS = randomTokens(10, 11);

    @Test
    void f32LlamaGgufHasTheFoldersConfigTensorsAndLogits() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(3).kvHeads(2).writeTo(dir.resolve("llama"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("llama.gguf"), name -> GgufWriter.F32);
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf)) {
            assertThat(gg.isGguf()).isTrue();
            LlamaConfig a = hf.config();
            LlamaConfig b = gg.config();
            assertThat(b).usingRecursiveComparison().ignoringFields("rmsNormEps", "ropeTheta").isEqualTo(a);
            assertThat((float) b.rmsNormEps()).isEqualTo((float) a.rmsNormEps());
            // Un-permuting restores every row of Q and K exactly.
            for (String name : ModelFolder.expectedTensorNames(a)) {
                assertThat(gg.readFloats(name)).as(name).isEqualTo(hf.readFloats(name));
            }
            assertClose2(logits(gg), logits(hf), 1e-4f);
        }
    }

    @Test
    void readingLlamaCppsRowOrderAsIsWouldChangeTheModel() throws IOException {
        // Control for the test above: a llama file whose Q and K were not permuted loads other weights.
        Path folder = RandomCheckpoint.builder().seed(3).writeTo(dir.resolve("llama"));
        try (ModelFolder hf = ModelFolder.open(folder);
                ModelFolder gg = ModelFolder.open(llamaGguf(folder, false, dir.resolve("unpermuted.gguf")))) {
            assertThat(gg.readFloats("model.layers.0.self_attn.q_proj.weight"))
                    .isNotEqualTo(hf.readFloats("model.layers.0.self_attn.q_proj.weight"));
            assertThat(gg.readFloats("model.layers.0.self_attn.v_proj.weight"))
                    .isEqualTo(hf.readFloats("model.layers.0.self_attn.v_proj.weight"));
            float[] a = logits(gg)[9];
            float[] b = logits(hf)[9];
            float maxDiff = 0;
            for (int i = 0; i < a.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            }
            assertThat(maxDiff).isGreaterThan(1e-3f);
        }
    }

    @Test
    void qwen2GgufIsNotPermutedAndKeepsItsBiases() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(4).attentionBias(true).tied(true).writeTo(dir.resolve("qwen"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("qwen.gguf"), name -> GgufWriter.F32);
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf)) {
            assertThat(gg.config().modelType()).isEqualTo("qwen2");
            assertThat(gg.config().attentionBias()).isTrue();
            assertThat(gg.config().tiedEmbeddings()).isTrue();
            for (String name : ModelFolder.expectedTensorNames(hf.config())) {
                assertThat(gg.readFloats(name)).as(name).isEqualTo(hf.readFloats(name));
            }
            assertClose2(logits(gg), logits(hf), 1e-4f);
        }
    }

    @Test
    void llamaWithAttentionBiasesUnpermutesTheBiasesToo() throws IOException {
        // llama.cpp permutes q/k biases of a llama-architecture model like the weights.
        Path folder = RandomCheckpoint.builder().seed(5).attentionBias(true).writeTo(dir.resolve("bias"));
        try (ModelFolder hf = ModelFolder.open(folder);
                ModelFolder gg = ModelFolder.open(llamaGguf(folder, true, dir.resolve("llama-bias.gguf")))) {
            assertThat(gg.config().modelType()).isEqualTo("llama");
            assertThat(gg.config().attentionBias()).isTrue();
            for (String name : ModelFolder.expectedTensorNames(hf.config())) {
                assertThat(gg.readFloats(name)).as(name).isEqualTo(hf.readFloats(name));
            }
        }
    }

    /** An F32 llama-architecture GGUF of {@code folder}, with Q and K (and biases) permuted or not. */
    private static Path llamaGguf(Path folder, boolean permute, Path out) throws IOException {
        GgufWriter w = new GgufWriter();
        HfToGguf.writer(folder, name -> GgufWriter.F32).metadata
                .forEach((k, v) -> w.metadata.put(k.replace("qwen2.", "llama."), v));
        w.putString("general.architecture", "llama");
        try (ModelFolder hf = ModelFolder.open(folder)) {
            LlamaConfig c = hf.config();
            for (Map.Entry<String, long[]> e : ModelFolder.expectedShapes(c).entrySet()) {
                float[] v = hf.readFloats(e.getKey());
                if (permute && e.getKey().contains("q_proj")) {
                    v = HfToGguf.permute(v, e.getValue(), c.heads());
                } else if (permute && e.getKey().contains("k_proj")) {
                    v = HfToGguf.permute(v, e.getValue(), c.kvHeads());
                }
                long[] s = e.getValue();
                long[] dims = s.length == 1 ? s : new long[] {s[1], s[0]};
                w.tensor(HfToGguf.ggufName(e.getKey()), dims, GgufWriter.F32, HfToGguf.encode(v, GgufWriter.F32));
            }
        }
        return w.write(out);
    }

    @Test
    void f16GgufMatchesTheF16Checkpoint() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(6).dtype(WeightType.F16).writeTo(dir.resolve("f16"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("f16.gguf"), name -> GgufWriter.F16);
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf)) {
            // Unpermuted F16 matrices are handed out as stored; Q and K are decoded to F32 to reorder them.
            assertThat(gg.tensor("model.layers.0.mlp.up_proj.weight").type()).isEqualTo(TensorType.F16);
            assertThat(gg.tensor("model.layers.0.self_attn.q_proj.weight").type()).isEqualTo(TensorType.F32);
            assertThat(gg.storedBytes("model.layers.0.self_attn.q_proj.weight")).isEqualTo(64 * 64 * 2);
            assertClose2(logits(gg), logits(hf), 1e-4f);
        }
    }

    @Test
    void q8GgufStaysCloseToTheF32Logits() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(7).writeTo(dir.resolve("q8"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("q8.gguf"), name -> GgufWriter.Q8_0);
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf)) {
            assertThat(gg.storedBytes("model.layers.0.mlp.up_proj.weight")).isEqualTo(128 * 64 / 32 * 34);
            float[] exact = hf.readFloats("model.layers.1.self_attn.k_proj.weight");
            float[] q8 = gg.readFloats("model.layers.1.self_attn.k_proj.weight");
            for (int block = 0; block < exact.length / 32; block++) {
                float amax = 0;
                for (int i = 0; i < 32; i++) {
                    amax = Math.max(amax, Math.abs(exact[block * 32 + i]));
                }
                for (int i = block * 32; i < block * 32 + 32; i++) {
                    // Half a step of 255 levels (amax / 254), plus up to 127 times the F16 scale's rounding.
                    assertThat(Math.abs(q8[i] - exact[i])).isLessThanOrEqualTo(amax / 254 + amax / 1024);
                }
            }
            assertCloseRelative(logits(gg), logits(hf), 0.02f);
        }
    }

    @Test
    void q4kAndQ6kGgufLikeOllamasQ4KMStaysNearTheF32Logits() throws IOException {
        // Q4_K's super-blocks are 256 wide: every matrix's input width is a multiple of 256.
        Path folder = RandomCheckpoint.builder().seed(8).hidden(256).heads(4).kvHeads(2).intermediate(512)
                .writeTo(dir.resolve("q4k"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("q4k.gguf"),
                name -> name.equals("output.weight") || name.endsWith("ffn_down.weight") ? GgufWriter.Q6_K : GgufWriter.Q4_K);
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf)) {
            assertThat(gg.storedBytes("model.layers.0.mlp.up_proj.weight")).isEqualTo(512L * 256 / 256 * 144);
            assertThat(gg.storedBytes("lm_head.weight")).isEqualTo(384L * 256 / 256 * 210);
            for (String name : List.of("model.layers.0.self_attn.q_proj.weight", "model.layers.1.mlp.down_proj.weight")) {
                float[] exact = hf.readFloats(name);
                float[] quantized = gg.readFloats(name);
                double err = 0;
                double norm = 0;
                for (int i = 0; i < exact.length; i++) {
                    err += (quantized[i] - exact[i]) * (quantized[i] - exact[i]);
                    norm += exact[i] * exact[i];
                }
                // 4 bits keep the relative RMS error near 1/16 / sqrt(12) of the range; 6 bits a quarter of that.
                assertThat(Math.sqrt(err / norm)).as(name).isLessThan(name.contains("down") ? 0.05 : 0.15);
            }
            assertCloseRelative(logits(gg), logits(hf), 0.25f);
        }
    }

    private static float[][] logits(ModelFolder folder) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(folder, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 1, 32)) {
            return engine.prefill(0, TOKENS, true);
        }
    }

    private static void assertClose2(float[][] actual, float[][] expected, float tolerance) {
        assertThat(actual).hasNumberOfRows(expected.length);
        for (int t = 0; t < expected.length; t++) {
            assertClose(actual[t], expected[t], tolerance);
        }
    }

    /** Every logit within {@code fraction} of the largest logit's magnitude at that position. */
    private static void assertCloseRelative(float[][] actual, float[][] expected, float fraction) {
        for (int t = 0; t < expected.length; t++) {
            float scale = 0;
            for (float f : expected[t]) {
                scale = Math.max(scale, Math.abs(f));
            }
            assertClose(actual[t], expected[t], fraction * scale);
        }
    }
}
