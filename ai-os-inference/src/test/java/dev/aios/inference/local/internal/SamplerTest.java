package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aios.inference.local.GenerationOptions;
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
}
