package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.internal.Sampler.Selection;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampling rules on hand-made logits. */
class SamplerTest {
    private static final float[] LOGITS = {1f, 3f, 2f, 0f, 2.9f};

    private static int[] counts(GenerationOptions options, int draws) {
        Sampler sampler = new Sampler(options, LOGITS.length, new int[0]);
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(LOGITS.clone())]++;
        }
        return counts;
    }

    @Test
    void greedyTopKOfOneAndATinyTopPAllPickTheMostLikely() {
        assertThat(counts(GenerationOptions.builder().build(), 50)[1]).isEqualTo(50);
        assertThat(counts(GenerationOptions.builder().temperature(1).topK(1).build(), 200)[1]).isEqualTo(200);
        assertThat(counts(GenerationOptions.builder().temperature(1).topP(0.01).build(), 200)[1]).isEqualTo(200);
    }

    @Test
    void temperatureSamplingFollowsTheSoftmax() {
        int draws = 40_000;
        int[] counts = counts(GenerationOptions.builder().temperature(1).seed(3).build(), draws);
        double sum = 0;
        for (float l : LOGITS) {
            sum += Math.exp(l);
        }
        for (int i = 0; i < LOGITS.length; i++) {
            assertThat(counts[i] / (double) draws).as("token %d", i).isCloseTo(Math.exp(LOGITS[i]) / sum, within(0.01));
        }
    }

    @Test
    void topKAndMinPCutTheTail() {
        int[] topTwo = counts(GenerationOptions.builder().temperature(1).topK(2).build(), 2_000);
        assertThat(topTwo[1] + topTwo[4]).isEqualTo(2_000);
        // min-p 0.5: only tokens at least half as likely as the best survive (3 and 2.9; 2 is e^-1 = 0.37).
        int[] minP = counts(GenerationOptions.builder().temperature(1).minP(0.5).build(), 2_000);
        assertThat(minP[1] + minP[4]).isEqualTo(2_000);
    }

    @Test
    void repetitionPenaltySteersGreedyAwayFromSeenTokens() {
        GenerationOptions options = GenerationOptions.builder().repetitionPenalty(2).build();
        Sampler sampler = new Sampler(options, LOGITS.length, new int[] {1});
        // 3 / 2 = 1.5 now loses to 2.9.
        assertThat(sampler.next(LOGITS.clone())).isEqualTo(4);
        // 4 is now seen too: 2.9 / 2 = 1.45 loses to 2.
        assertThat(sampler.next(LOGITS.clone())).isEqualTo(2);
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        GenerationOptions options = GenerationOptions.builder().temperature(1.3).topP(0.9).seed(11).build();
        assertThat(counts(options, 500)).isEqualTo(counts(options, 500));
    }

    /** Logits over a SmolLM-sized vocabulary: a few strong tokens over a noisy, flat tail. */
    private static float[] peakedLogits(SplittableRandom random, int vocab) {
        float[] logits = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < 20; i++) {
            logits[random.nextInt(vocab)] += 12 + 4 * (float) random.nextDouble();
        }
        return logits;
    }

    /** Draws {@code steps} tokens with each selection from the same seed and logits. */
    private static void assertSameTokens(GenerationOptions options, boolean flat, boolean expectPartial) {
        int vocab = 49_152;
        Sampler partial = new Sampler(options, vocab, new int[] {5, 6}, Selection.PARTIAL);
        Sampler full = new Sampler(options, vocab, new int[] {5, 6}, Selection.FULL_SORT);
        SplittableRandom random = new SplittableRandom(17);
        int steps = 60;
        for (int step = 0; step < steps; step++) {
            float[] logits = flat ? new float[vocab] : peakedLogits(random, vocab);
            if (flat) {
                for (int i = 0; i < vocab; i++) {
                    logits[i] = (float) (0.01 * random.nextGaussian());
                }
            }
            assertThat(partial.next(logits.clone())).as("step %d", step).isEqualTo(full.next(logits));
        }
        assertThat(full.fullSorts()).isEqualTo(steps);
        if (expectPartial) {
            assertThat(partial.fullSorts()).as("full sorts on the partial path").isZero();
        } else {
            assertThat(partial.fullSorts()).as("fell back to a full sort").isEqualTo(steps);
        }
    }

    @Test
    void partialSelectionPicksTheSameTokensAsTheFullSortForTheSameSeed() {
        GenerationOptions.Builder sampling = GenerationOptions.builder().temperature(0.8).seed(42);
        assertSameTokens(sampling.topK(40).build(), false, true);
        assertSameTokens(GenerationOptions.builder().temperature(1).seed(43).topP(0.9).build(), false, true);
        assertSameTokens(GenerationOptions.builder().temperature(1.2).seed(44).minP(0.05).build(), false, true);
        assertSameTokens(GenerationOptions.builder().temperature(0.7).seed(45).topK(500).topP(0.95).minP(0.01)
                .repetitionPenalty(1.3).build(), false, true);
    }

    @Test
    void aCutOffPastTheFirstCandidatesFallsBackToTheFullSortWithTheSameTokens() {
        // Nearly uniform logits: top-p 0.9 needs ~44,000 candidates, past any partial selection.
        assertSameTokens(GenerationOptions.builder().temperature(1).seed(46).topP(0.9).build(), true, false);
        // No cut-off at all: every token is a candidate.
        assertSameTokens(GenerationOptions.builder().temperature(1).seed(47).build(), false, false);
    }
}
