package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.aios.testing.checkpoint.WeightType;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceLlamaTest {

    private static final int[] TOKENS = {0, 17, 42, 300, 5, 5, 259, 383};

    @TempDir
    Path dir;

    @Test
    void logitsAreFiniteDeterministicAndVaryWithTheInput() {
        try (ModelFolder folder = ModelFolder.open(RandomCheckpoint.builder().weightScale(0.1).writeTo(dir.resolve("m")))) {
            ReferenceLlama model = new ReferenceLlama(folder);
            float[][] logits = model.logits(TOKENS);
            assertThat(logits).hasNumberOfRows(TOKENS.length);
            for (float[] row : logits) {
                assertThat(row).hasSize(384);
                for (float f : row) {
                    assertThat(Float.isFinite(f)).isTrue();
                }
            }
            assertThat(new ReferenceLlama(folder).logits(TOKENS)).isDeepEqualTo(logits);
            // Different tokens, and the same token at different positions, give different logits.
            assertThat(logits[1]).isNotEqualTo(logits[2]);
            assertThat(logits[4]).isNotEqualTo(logits[5]);
        }
    }

    @Test
    void positionsDoNotSeeLaterTokens() {
        try (ModelFolder folder = ModelFolder.open(RandomCheckpoint.builder().weightScale(0.1).writeTo(dir.resolve("m")))) {
            ReferenceLlama model = new ReferenceLlama(folder);
            float[][] full = model.logits(TOKENS);
            int[] changedTail = TOKENS.clone();
            changedTail[5] = 99;
            changedTail[7] = 1;
            float[][] other = model.logits(changedTail);
            for (int t = 0; t < 5; t++) {
                assertThat(other[t]).as("position %d", t).isEqualTo(full[t]);
            }
            assertThat(other[5]).isNotEqualTo(full[5]);
            assertThat(model.logits(Arrays.copyOf(TOKENS, 3))[2]).isEqualTo(full[2]);
        }
    }

    @Test
    void runsQwen2ShapesWithBiasesAndTiedEmbeddings() {
        Path qwen = RandomCheckpoint.builder().attentionBias(true).tied(true).heads(8).kvHeads(2)
                .weightScale(0.1).writeTo(dir.resolve("qwen"));
        try (ModelFolder folder = ModelFolder.open(qwen)) {
            float[][] logits = new ReferenceLlama(folder).logits(TOKENS);
            assertThat(logits[7]).hasSize(384);
            for (float f : logits[7]) {
                assertThat(Float.isFinite(f)).isTrue();
            }
        }
    }

    @Test
    void bf16WeightsGiveLogitsCloseToTheF32Ones() {
        Path f32 = RandomCheckpoint.builder().seed(11).weightScale(0.1).writeTo(dir.resolve("f32"));
        Path bf16 = RandomCheckpoint.builder().seed(11).weightScale(0.1).dtype(WeightType.BF16).writeTo(dir.resolve("bf16"));
        try (ModelFolder a = ModelFolder.open(f32); ModelFolder b = ModelFolder.open(bf16)) {
            float[][] exact = new ReferenceLlama(a).logits(TOKENS);
            float[][] rounded = new ReferenceLlama(b).logits(TOKENS);
            double maxAbs = 0;
            for (float[] row : exact) {
                for (float f : row) {
                    maxAbs = Math.max(maxAbs, Math.abs(f));
                }
            }
            for (int t = 0; t < TOKENS.length; t++) {
                for (int i = 0; i < exact[t].length; i++) {
                    assertThat(rounded[t][i]).isCloseTo(exact[t][i], within((float) (0.05 * maxAbs)));
                }
            }
        }
    }
}
