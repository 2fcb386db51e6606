package dev.aios.inference.local.internal;

import dev.aios.inference.local.GenerationOptions;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits, per sequence: greedy, or temperature sampling with
 * top-k, top-p and min-p cut-offs, after a repetition penalty. Each sequence has its own seeded
 * stream, so its tokens do not depend on what else shares the batch.
 */
final class Sampler {
    private final GenerationOptions options;
    private final SplittableRandom random;
    private final boolean[] seen;
    private int[] order = new int[0];
    private float[] probs = new float[0];
    private long[] keys = new long[0];

    /**
     * @param vocab vocabulary size
     * @param prompt the prompt's tokens, which the repetition penalty counts as seen
     */
    Sampler(GenerationOptions options, int vocab, int[] prompt) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.seen = new boolean[vocab];
        if (options.repetitionPenalty() != 1) {
            for (int t : prompt) {
                seen[t] = true;
            }
        }
    }

    /** @return the chosen token; {@code logits} may be modified */
    public int next(float[] logits) {
        int token = pick(logits);
        seen[token] = true;
        return token;
    }

    private int pick(float[] logits) {
        double penalty = options.repetitionPenalty();
        if (penalty != 1) {
            for (int i = 0; i < logits.length; i++) {
                if (seen[i]) {
                    logits[i] = (float) (logits[i] > 0 ? logits[i] / penalty : logits[i] * penalty);
                }
            }
        }
        if (options.greedy()) {
            return argmax(logits);
        }
        int n = logits.length;
        if (order.length != n) {
            order = new int[n];
            probs = new float[n];
        }
        // Softmax at the temperature, then keep candidates in descending probability.
        float max = logits[argmax(logits)];
        double inv = 1.0 / options.temperature();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.exp((logits[i] - max) * inv);
            probs[i] = (float) p;
            sum += p;
        }
        int kept = sortedCandidates(n);
        double top = probs[order[0]] / sum;
        double cumulative = 0;
        int cut = 0;
        for (; cut < kept; cut++) {
            double p = probs[order[cut]] / sum;
            if (options.minP() > 0 && p < options.minP() * top) {
                break;
            }
            cumulative += p;
            if (cumulative >= options.topP()) {
                cut++;
                break;
            }
        }
        cut = Math.max(1, cut);
        double mass = 0;
        for (int i = 0; i < cut; i++) {
            mass += probs[order[i]];
        }
        double r = random.nextDouble() * mass;
        for (int i = 0; i < cut; i++) {
            r -= probs[order[i]];
            if (r <= 0) {
                return order[i];
            }
        }
        return order[cut - 1];
    }

    /**
     * Orders token ids by probability, descending (ties by id); only the first top-k when top-k is
     * set. Probabilities are non-negative, so their float bits order like the values: one primitive
     * sort of (inverted bits, id) pairs instead of a comparator over boxed ids.
     */
    private int sortedCandidates(int n) {
        int k = options.topK() > 0 ? Math.min(options.topK(), n) : n;
        if (keys.length != n) {
            keys = new long[n];
        }
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(probs[i])) << 32) | i;
        }
        Arrays.sort(keys);
        for (int i = 0; i < k; i++) {
            order[i] = (int) keys[i];
        }
        return k;
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
