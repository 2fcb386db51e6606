package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.inference.local.internal.PrefixCache;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation through {@link LocalModel} with the prefix cache gives the tokens of the same model
 * without it, whatever the cache reuses.
 */
class PrefixCacheGenerationTest {
    private static final int B = PrefixCache.BLOCK_TOKENS;
    private static final GenerationOptions GREEDY = GenerationOptions.builder().maxTokens(12).greedy().ignoreEos(true)
            .build();

    @TempDir
    static Path dir;

    private static Path folder;
    private static LocalModel plain;
    private static LocalModel cached;

    @BeforeAll
    static void load() {
        folder = RandomCheckpoint.builder().seed(23).writeTo(dir.resolve("tiny"));
        plain = LocalModel.builder(folder).maxBatch(4).maxSequenceLength(200).prefixCacheBytes(0).build();
        cached = LocalModel.builder(folder).maxBatch(4).maxSequenceLength(200).build();
    }

    @AfterAll
    static void close() {
        plain.close();
        cached.close();
    }

    @Test
    void aSecondCallWithTheSameSystemPromptAndAnotherQuestionGivesTheUncachedTokens() {
        int[] system = tokens(70, 1);
        int[] first = concat(system, tokens(9, 2));
        int[] second = concat(system, tokens(13, 3));
        PrefixCache.Stats before = cached.prefixCacheStats();
        assertThat(cached.generate(first, GREEDY).tokens()).isEqualTo(plain.generate(first, GREEDY).tokens());
        assertThat(cached.generate(second, GREEDY).tokens()).isEqualTo(plain.generate(second, GREEDY).tokens());
        PrefixCache.Stats after = cached.prefixCacheStats();
        assertThat(after.hits() - before.hits()).isEqualTo(1);
        assertThat(after.reusedTokens() - before.reusedTokens()).isEqualTo(64); // 4 whole blocks of the 70
    }

    @Test
    void aFullyCachedPromptGivesTheUncachedTokens() {
        int[] prompt = tokens(3 * B, 4);
        int[] expected = plain.generate(prompt, GREEDY).tokens();
        assertThat(cached.generate(prompt, GREEDY).tokens()).isEqualTo(expected);
        long reused = cached.prefixCacheStats().reusedTokens();
        assertThat(cached.generate(prompt, GREEDY).tokens()).isEqualTo(expected);
        assertThat(cached.prefixCacheStats().reusedTokens() - reused).isEqualTo(3 * B - 1);
    }

    @Test
    void promptsDivergingInsideABlockGiveTheUncachedTokens() {
        int[] prompt = tokens(3 * B + 5, 5);
        List<int[]> variants = new ArrayList<>();
        for (int at : new int[] {0, 7, B + 3, 2 * B + 15, 3 * B + 2}) {
            int[] v = prompt.clone();
            v[at] = prompt[at] == 9 ? 10 : 9;
            variants.add(v);
        }
        cached.generate(prompt, GREEDY);
        for (int[] v : variants) {
            assertThat(cached.generate(v, GREEDY).tokens()).isEqualTo(plain.generate(v, GREEDY).tokens());
        }
    }

    @Test
    void sequencesSharingAPrefixInOneBatchOrArrivingDuringAPrefillGiveTheirUncachedTokens() {
        int[] system = tokens(90, 6);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            prompts.add(concat(system, tokens(3 + 4 * i, 10 + i)));
        }
        List<int[]> expected = prompts.stream().map(p -> plain.generate(p, GREEDY).tokens()).toList();
        long hits = cached.prefixCacheStats().hits();
        List<GenerationResult> batch = cached.generateBatch(prompts, GREEDY);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(batch.get(i).tokens()).as("sequence %d of the batch", i).isEqualTo(expected.get(i));
        }
        // The first of the batch stored the shared blocks; the three after it reused them.
        assertThat(cached.prefixCacheStats().hits() - hits).isEqualTo(3);

        // Small chunks: the second request arrives while the first is still being prefilled.
        try (LocalModel chunky = LocalModel.builder(folder).maxBatch(2).maxSequenceLength(200).prefillChunk(16)
                .build()) {
            int[] other = tokens(60, 20);
            int[] a = concat(other, tokens(5, 21));
            int[] b = concat(other, tokens(8, 22));
            CompletableFuture<GenerationResult> first = chunky.submit(a, GREEDY, TokenListener.NONE);
            CompletableFuture<GenerationResult> second = chunky.submit(b, GREEDY, TokenListener.NONE);
            assertThat(first.join().tokens()).isEqualTo(plain.generate(a, GREEDY).tokens());
            assertThat(second.join().tokens()).isEqualTo(plain.generate(b, GREEDY).tokens());
            assertThat(chunky.prefixCacheStats().hits()).isEqualTo(1);
            assertThat(chunky.prefixCacheStats().reusedTokens()).isEqualTo(48);
        }
    }

    @Test
    void aTinyBudgetEvictsAndStillGivesTheUncachedTokens() {
        int[][] prompts = {tokens(2 * B + 7, 30), tokens(2 * B + 7, 31), tokens(2 * B + 7, 32)};
        // RandomCheckpoint's default shape: 2 layers, 2 KV heads of 16 dims, F32 keys and values.
        long blockBytes = 2L * 2 * 2 * 16 * Float.BYTES * B;
        long threeBlocks = 3 * blockBytes;
        try (LocalModel tiny = LocalModel.builder(folder).maxBatch(2).maxSequenceLength(200)
                .prefixCacheBytes(threeBlocks).build()) {
            int base = tiny.liveTensors();
            // Each prompt needs two blocks, so every new one evicts; the first comes back in between.
            for (int round = 0; round < 2; round++) {
                for (int i : new int[] {0, 1, 0, 2}) {
                    assertThat(tiny.generate(prompts[i], GREEDY).tokens()).isEqualTo(plain.generate(prompts[i], GREEDY)
                            .tokens());
                    PrefixCache.Stats s = tiny.prefixCacheStats();
                    assertThat(s.bytes()).isEqualTo(s.blocks() * blockBytes).isLessThanOrEqualTo(threeBlocks);
                    assertThat(tiny.liveTensors()).as("tensors alive: the model's plus one per cached block")
                            .isEqualTo(base + s.blocks());
                }
            }
            assertThat(tiny.prefixCacheStats().evictedBlocks()).isPositive();
            assertThat(tiny.prefixCacheStats().hits()).isPositive();
        }
    }

    @Test
    void withTheCacheOffNothingIsKeptAndTensorsStayConstant() {
        int[] prompt = tokens(3 * B, 7);
        int base = plain.liveTensors();
        plain.generate(prompt, GREEDY);
        plain.generate(prompt, GREEDY);
        assertThat(plain.prefixCacheStats()).isEqualTo(new PrefixCache.Stats(0, 0, 0, 0, 0, 0, 0));
        assertThat(plain.liveTensors()).isEqualTo(base);
    }

    @Test
    void aNegativeBudgetIsRefusedWithItsName() {
        assertThatThrownBy(() -> LocalModel.builder(folder).prefixCacheBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefixCacheBytes");
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
}
