package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.inference.local.internal.LlamaEngine;
import dev.aios.inference.local.internal.LlamaWeights;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL forward pass against the plain-Java reference, and the KV cache against recomputing. */
class LlamaEngineTest {
    @TempDir
    Path dir;

    private static final float TOLERANCE = 2e-3f;

    @Test
    void forwardMatchesThePlainJavaReference() {
        Path folder = RandomCheckpoint.builder().seed(3).writeTo(dir.resolve("llama"));
        assertMatchesReference(folder, DataType.FLOAT32, 1, TOLERANCE);
        // Three lanes split every matrix unevenly by columns; the result must not change.
        assertMatchesReference(folder, DataType.FLOAT32, 3, TOLERANCE);
    }

    @Test
    void qwen2BiasesUntiedHeadAndShardsMatchTheReference() {
        Path folder = RandomCheckpoint.builder().seed(4).attentionBias(true).tied(false).shards(2)
                .writeTo(dir.resolve("qwen"));
        assertMatchesReference(folder, DataType.FLOAT32, 2, TOLERANCE);
    }

    @Test
    void bf16CheckpointLoadsAndMatchesTheReference() {
        Path folder = RandomCheckpoint.builder().seed(5).dtype(WeightType.BF16).kvHeads(1).writeTo(dir.resolve("bf16"));
        assertMatchesReference(folder, DataType.FLOAT32, 2, TOLERANCE);
    }

    @Test
    void decodeWithTheCacheGivesTheLogitsOfRecomputingTheWholeSequence() {
        Path folder = RandomCheckpoint.builder().seed(6).writeTo(dir.resolve("cache"));
        int[] tokens = randomTokens(12, 7);
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 2, 64)) {
            float[][] whole = engine.prefill(0, tokens, true);
            engine.release(0);
            float[][] first = engine.prefill(0, java.util.Arrays.copyOf(tokens, 5), false);
            assertClose(first[0], whole[4], TOLERANCE);
            for (int t = 5; t < tokens.length; t++) {
                float[][] step = engine.decode(new int[] {0}, new int[] {tokens[t]});
                assertClose(step[0], whole[t], TOLERANCE);
            }
        }
    }

    @Test
    void aPromptPrefilledInChunksGivesTheLogitsOfOnePrefill() {
        Path folder = RandomCheckpoint.builder().seed(7).writeTo(dir.resolve("chunks"));
        int[] tokens = randomTokens(40, 5);
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 1, 64)) {
            float[] whole = engine.prefill(0, tokens, false)[0];
            engine.release(0);
            engine.prefill(0, java.util.Arrays.copyOfRange(tokens, 0, 17), false);
            engine.prefill(0, java.util.Arrays.copyOfRange(tokens, 17, 33), false);
            float[] chunked = engine.prefill(0, java.util.Arrays.copyOfRange(tokens, 33, 40), false)[0];
            assertThat(engine.length(0)).isEqualTo(40);
            assertClose(chunked, whole, TOLERANCE);
        }
    }

    @Test
    void batchedDecodeEqualsDecodingOneByOne() {
        Path folder = RandomCheckpoint.builder().seed(8).writeTo(dir.resolve("batch"));
        int[][] prompts = {randomTokens(3, 1), randomTokens(9, 2), randomTokens(5, 3)};
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 4, 64)) {
            float[][][] single = new float[prompts.length][][];
            for (int s = 0; s < prompts.length; s++) {
                engine.prefill(3, prompts[s], false);
                single[s] = new float[4][];
                for (int step = 0; step < 4; step++) {
                    single[s][step] = engine.decode(new int[] {3}, new int[] {10 + step})[0];
                }
                engine.release(3);
            }
            // Slots 2, 0, 1: a non-contiguous batch takes the gather path.
            int[] slots = {2, 0, 1};
            for (int s = 0; s < prompts.length; s++) {
                engine.prefill(slots[s], prompts[s], false);
            }
            int before = engine.liveTensorCount();
            for (int step = 0; step < 4; step++) {
                float[][] batch = engine.decode(slots, new int[] {10 + step, 10 + step, 10 + step});
                for (int s = 0; s < prompts.length; s++) {
                    assertClose(batch[s], single[s][step], TOLERANCE);
                }
            }
            assertThat(engine.liveTensorCount()).as("tensors alive after decode steps").isEqualTo(before);
        }
    }

    private void assertMatchesReference(Path folder, DataType type, int lanes, float tolerance) {
        int[] tokens = randomTokens(10, 11);
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, type, lanes, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 1, 32)) {
            float[][] expected = new ReferenceLlama(mf).logits(tokens);
            float[][] actual = engine.prefill(0, tokens, true);
            assertThat(actual).hasNumberOfRows(tokens.length);
            for (int t = 0; t < tokens.length; t++) {
                assertClose(actual[t], expected[t], tolerance);
            }
        }
    }

    static int[] randomTokens(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 3 + r.nextInt(250);
        }
        return out;
    }

    static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
