package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prefix cache on a real engine: a prompt that restores cached blocks and prefills the rest
 * gets the logits of prefilling the whole prompt, and the cache keeps its budget without leaking
 * tensors.
 */
class PrefixCacheTest {
    private static final float TOLERANCE = 2e-3f;
    private static final int B = PrefixCache.BLOCK_TOKENS;
    private static final long ROOMY = 1L << 30;

    @TempDir
    static Path dir;

    private static ModelFolder folder;
    private static NDManager manager;
    private static LlamaWeights weights;

    @BeforeAll
    static void load() {
        folder = ModelFolder.open(RandomCheckpoint.builder().seed(31).writeTo(dir.resolve("llama")));
        manager = NDManager.newBaseManager("PyTorch");
        weights = LlamaWeights.load(folder, manager, DataType.FLOAT32, 2, i -> {});
    }

    @AfterAll
    static void close() {
        weights.close();
        manager.close();
        folder.close();
    }

    @Test
    void aSecondPromptWithTheSamePrefixReusesItsBlocksAndGetsTheSameLogits() {
        int[] first = tokens(40, 1);
        int[] second = concat(Arrays.copyOf(first, 35), tokens(15, 2)); // 50 tokens, 35 shared
        try (LlamaEngine engine = LlamaEngine.create(weights, 4, 128);
                PrefixCache cache = new PrefixCache(engine, ROOMY)) {
            assertThat(runCached(engine, cache, 0, first)).isZero();
            assertThat(cache.stats().blocks()).isEqualTo(2);
            engine.release(0);
            assertThat(runCached(engine, cache, 1, second)).isEqualTo(2 * B);
            assertThat(cache.stats()).isEqualTo(new PrefixCache.Stats(1, 1, 2 * B, 3, 0, 3, 3 * cache.blockBytes()));
        }
    }

    @Test
    void aFullyCachedPromptStillPrefillsItsLastTokenAndDecodesOnFromThere() {
        int[] prompt = tokens(2 * B, 3);
        try (LlamaEngine engine = LlamaEngine.create(weights, 4, 128);
                PrefixCache cache = new PrefixCache(engine, ROOMY)) {
            runCached(engine, cache, 0, prompt);
            engine.release(0);
            assertThat(runCached(engine, cache, 0, prompt)).isEqualTo(2 * B - 1);
            assertThat(engine.length(0)).isEqualTo(2 * B);
            // Decoding after the restored cache gives what decoding after a plain prefill gives.
            engine.prefill(3, prompt, false);
            for (int step = 0; step < 3; step++) {
                float[] cached = engine.decode(new int[] {0}, new int[] {20 + step})[0];
                float[] plain = engine.decode(new int[] {3}, new int[] {20 + step})[0];
                assertClose(cached, plain);
            }
        }
    }

    @Test
    void promptsDivergingInsideABlockReuseOnlyTheBlocksBefore() {
        int[] prompt = tokens(3 * B, 4);
        int[] divergesInBlock1 = prompt.clone();
        divergesInBlock1[B + 4] = prompt[B + 4] == 7 ? 8 : 7;
        int[] divergesAtTheStart = prompt.clone();
        divergesAtTheStart[0] = prompt[0] == 7 ? 8 : 7;
        int[] firstBlockOnly = Arrays.copyOf(prompt, B);
        try (LlamaEngine engine = LlamaEngine.create(weights, 4, 128);
                PrefixCache cache = new PrefixCache(engine, ROOMY)) {
            runCached(engine, cache, 0, prompt);
            engine.release(0);
            assertThat(runCached(engine, cache, 0, divergesInBlock1)).isEqualTo(B);
            engine.release(0);
            assertThat(runCached(engine, cache, 0, divergesAtTheStart)).isZero();
            engine.release(0);
            assertThat(runCached(engine, cache, 0, firstBlockOnly)).isEqualTo(B - 1);
        }
    }

    @Test
    void aHashCollisionIsAMissNotAWrongReuse() {
        int[] a = tokens(2 * B, 5);
        int[] b = tokens(2 * B, 6);
        // Every block of every prompt gets the same key.
        try (LlamaEngine engine = LlamaEngine.create(weights, 4, 128);
                PrefixCache cache = new PrefixCache(engine, ROOMY, B, (h, t, from, to) -> 42)) {
            runCached(engine, cache, 0, a);
            engine.release(0);
            assertThat(runCached(engine, cache, 0, b)).isZero();
            engine.release(0);
            assertThat(runCached(engine, cache, 0, a)).isZero();
            assertThat(cache.stats().hits()).isZero();
            assertThat(cache.stats().blocks()).isEqualTo(1);
            assertThat(cache.stats().bytes()).isEqualTo(cache.blockBytes());
        }
    }

    @Test
    void aTinyBudgetEvictsLeastRecentlyUsedLeavesFirstAndNeverARunningSequence() {
        int[] a = tokens(2 * B + 3, 7);
        int[] b = tokens(2 * B + 3, 8);
        int[] longOne = tokens(5 * B, 9);
        // Slots 0-2 for cached prompts, 3 for a plain reference, 4 for runCached's own reference.
        try (LlamaEngine engine = LlamaEngine.create(weights, 5, 128)) {
            int base = engine.liveTensorCount();
            try (PrefixCache cache = new PrefixCache(engine, 3 * engine.kvBytesPerToken() * B)) {
                runCached(engine, cache, 0, a);
                runCached(engine, cache, 1, b);
                // a's second block went to make room for b's; a's first block is still there.
                assertThat(cache.stats().evictedBlocks()).isEqualTo(1);
                engine.release(0);
                assertThat(runCached(engine, cache, 0, a)).isEqualTo(B);
                // Slot 0 runs on; filling the cache with another prompt evicts every block it came from.
                engine.prefill(3, a, false);
                assertThat(runCached(engine, cache, 2, longOne)).isZero();
                assertThat(cache.stats().blocks()).isEqualTo(3);
                assertThat(cache.stats().bytes()).isLessThanOrEqualTo(3 * cache.blockBytes());
                for (int step = 0; step < 3; step++) {
                    assertClose(engine.decode(new int[] {0}, new int[] {30 + step})[0],
                            engine.decode(new int[] {3}, new int[] {30 + step})[0]);
                }
                // The long prompt kept its first three blocks rather than evict its own root.
                engine.release(2);
                assertThat(runCached(engine, cache, 2, longOne)).isEqualTo(3 * B);
                assertThat(engine.liveTensorCount()).as("tensors alive: the engine's plus one per cached block")
                        .isEqualTo(base + cache.stats().blocks());
            }
            assertThat(engine.liveTensorCount()).as("tensors alive after the cache closed").isEqualTo(base);
        }
    }

    @Test
    void tensorsAliveAreTheEnginesPlusOnePerCachedBlock() {
        try (LlamaEngine engine = LlamaEngine.create(weights, 4, 128)) {
            int base = engine.liveTensorCount();
            try (PrefixCache cache = new PrefixCache(engine, ROOMY)) {
                for (int round = 0; round < 3; round++) {
                    for (int p = 0; p < 3; p++) {
                        runCached(engine, cache, p, tokens(20 + 13 * p, 40 + p));
                        engine.release(p);
                        assertThat(engine.liveTensorCount()).isEqualTo(base + cache.stats().blocks());
                    }
                }
                assertThat(cache.stats().hits()).isEqualTo(6);
            }
            assertThat(engine.liveTensorCount()).isEqualTo(base);
        }
    }

    @Test
    void aZeroBudgetOrOneBelowABlockCachesNothing() {
        int[] prompt = tokens(3 * B, 10);
        try (LlamaEngine engine = LlamaEngine.create(weights, 2, 128)) {
            int base = engine.liveTensorCount();
            for (long budget : new long[] {0, engine.kvBytesPerToken() * B - 1}) {
                try (PrefixCache cache = new PrefixCache(engine, budget)) {
                    for (int round = 0; round < 2; round++) {
                        assertThat(runCached(engine, cache, 0, prompt)).isZero();
                        engine.release(0);
                    }
                    assertThat(cache.stats().blocks()).isZero();
                    assertThat(engine.liveTensorCount()).isEqualTo(base);
                }
            }
        }
        assertThatThrownBy(() -> new PrefixCache(null, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("budget must be >= 0");
    }

    @Test
    void restoringIntoASlotThatHoldsASequenceIsRefused() {
        int[] prompt = tokens(2 * B, 11);
        try (LlamaEngine engine = LlamaEngine.create(weights, 2, 128);
                PrefixCache cache = new PrefixCache(engine, ROOMY)) {
            runCached(engine, cache, 0, prompt);
            assertThatThrownBy(() -> engine.restoreBlocks(0, java.util.List.of(), 1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already holds 32");
        }
    }

    /**
     * Prefills {@code prompt} in {@code slot} after whatever the cache restores, checks every new
     * position's logits against a plain prefill of the whole prompt, and stores its blocks.
     *
     * @return positions restored
     */
    private static int runCached(LlamaEngine engine, PrefixCache cache, int slot, int[] prompt) {
        int scratch = engine.maxBatch() - 1;
        float[][] expected = engine.prefill(scratch, prompt, true);
        engine.release(scratch);
        int restored = cache.restore(slot, prompt);
        assertThat(engine.length(slot)).isEqualTo(restored);
        float[][] actual = engine.prefill(slot, Arrays.copyOfRange(prompt, restored, prompt.length), true);
        for (int i = 0; i < actual.length; i++) {
            assertClose(actual[i], expected[restored + i]);
        }
        cache.store(slot, prompt, prompt.length);
        return restored;
    }

    private static int[] tokens(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = 3 + r.nextInt(250);
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i], within(TOLERANCE));
        }
    }
}
