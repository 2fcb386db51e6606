package dev.aios.inference.local;

import static dev.aios.inference.local.LlamaEngineTest.assertClose;
import static dev.aios.inference.local.LlamaEngineTest.randomTokens;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.inference.local.internal.LlamaEngine;
import dev.aios.inference.local.internal.LlamaWeights;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decode attention over caches long enough (over 2 MiB of keys and values per layer) that the
 * engine splits the sequences across lanes instead of running one fused product.
 */
class LlamaEngineAttentionTest {
    private static final float TOLERANCE = 2e-3f;

    @TempDir
    Path dir;

    @Test
    void batchedDecodeOverLongCachesEqualsDecodingOneByOne() {
        // 4 KV heads of 32 dims: 1 KiB of keys and values per position and sequence, so three
        // sequences of ~900 positions read ~2.6 MiB per layer.
        Path folder = RandomCheckpoint.builder().seed(9).hidden(128).heads(4).kvHeads(4).intermediate(256)
                .maxPositions(1024).weightScale(0.1).writeTo(dir.resolve("long"));
        int[][] prompts = {randomTokens(900, 1), randomTokens(880, 2), randomTokens(910, 3)};
        try (ModelFolder mf = ModelFolder.open(folder);
                NDManager manager = NDManager.newBaseManager("PyTorch");
                LlamaWeights weights = LlamaWeights.load(mf, manager, DataType.FLOAT32, 2, i -> {});
                LlamaEngine engine = LlamaEngine.create(weights, 4, 1024)) {
            float[][][] single = new float[prompts.length][][];
            for (int s = 0; s < prompts.length; s++) {
                engine.prefill(3, prompts[s], false);
                single[s] = new float[3][];
                for (int step = 0; step < 3; step++) {
                    single[s][step] = engine.decode(new int[] {3}, new int[] {20 + step})[0];
                }
                engine.release(3);
            }
            int[] slots = {0, 1, 2};
            for (int s = 0; s < prompts.length; s++) {
                engine.prefill(slots[s], prompts[s], false);
            }
            int before = engine.liveTensorCount();
            for (int step = 0; step < 3; step++) {
                float[][] batch = engine.decode(slots, new int[] {20 + step, 20 + step, 20 + step});
                for (int s = 0; s < prompts.length; s++) {
                    assertClose(batch[s], single[s][step], TOLERANCE);
                }
            }
            assertThat(engine.liveTensorCount()).as("tensors alive after decode steps").isEqualTo(before);
        }
    }
}
