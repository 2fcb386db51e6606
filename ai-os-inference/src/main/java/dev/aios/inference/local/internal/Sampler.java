package dev.aios.inference.local.internal;

import dev.aios.inference.local.GenerationOptions;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from a row of logits, per sequence: greedy, or temperature sampling with
 * top-k, top-p and min-p cut-offs, after a repetition penalty. Each sequence has its own seeded
 * stream, so its tokens do not depend on what else shares the batch.
 *
 * <p>The cut-offs need only the head of the distribution, so the candidates are the most likely
 * few found by a partial selection (a bounded heap, one pass), sorted; only when the cut-off falls
 * past them (a flat distribution under top-p, say) are more selected, up to a sort of the whole
 * vocabulary. Candidates come in the same order either way, so a seed picks the same tokens.
 */
final class Sampler {
    /** How candidates are found: partially (the default) or by sorting the whole vocabulary. */
    enum Selection {
        PARTIAL,
        FULL_SORT
    }

    /** Candidates selected first when top-k does not bound them; grows 8x when too few. */
    private static final int FIRST_CANDIDATES = 64;

    private final GenerationOptions options;
    private final Selection selection;
    private final SplittableRandom random;
    private final boolean[] seen;
    private int[] order = new int[0];
    private float[] probs = new float[0];
    private long[] keys = new long[0];
    private long[] heap = new long[0];
    private int fullSorts;

    /**
     * @param vocab vocabulary size
     * @param prompt the prompt's tokens, which the repetition penalty counts as seen
     */
    Sampler(GenerationOptions options, int vocab, int[] prompt) {
        this(options, vocab, prompt, Selection.PARTIAL);
    }

    Sampler(GenerationOptions options, int vocab, int[] prompt, Selection selection) {
        this.options = options;
        this.selection = selection;
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
        int limit = options.topK() > 0 ? Math.min(options.topK(), n) : n;
        boolean noCut = limit == n && options.topP() >= 1 && options.minP() == 0;
        int kept = selection == Selection.FULL_SORT || noCut ? limit : Math.min(limit, FIRST_CANDIDATES);
        int cut;
        while (true) {
            kept = candidates(kept, n);
            cut = cut(kept, sum);
            // Decided: the cut-off fell inside the candidates, or they are all there are.
            if (cut >= 0 || kept == limit) {
                cut = cut >= 0 ? cut : kept;
                break;
            }
            kept = (int) Math.min(limit, 8L * kept);
            // Past an eighth of the vocabulary a sort beats the heap: sort it all, once.
            kept = kept > n / 8 ? limit : kept;
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
     * The top-p and min-p cut over the first {@code kept} candidates. @return how many candidates
     * survive, or -1 when the cut-off lies past them
     */
    private int cut(int kept, double sum) {
        double top = probs[order[0]] / sum;
        double cumulative = 0;
        for (int cut = 0; cut < kept; cut++) {
            double p = probs[order[cut]] / sum;
            if (options.minP() > 0 && p < options.minP() * top) {
                return cut;
            }
            cumulative += p;
            if (cumulative >= options.topP()) {
                return cut + 1;
            }
        }
        return -1;
    }

    /**
     * Writes the {@code k} most likely token ids into {@code order}, descending (ties by id).
     * Probabilities are non-negative, so their float bits order like the values: keys are
     * (inverted bits, id) pairs, compared as primitives. Few candidates come from one pass with a
     * bounded max-heap of the k smallest keys, many from a sort of all of them.
     *
     * @return k
     */
    private int candidates(int k, int n) {
        if (keys.length != n) {
            keys = new long[n];
        }
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(probs[i])) << 32) | i;
        }
        long[] chosen;
        if (k > n / 8 || selection == Selection.FULL_SORT) {
            fullSorts++;
            Arrays.sort(keys);
            chosen = keys;
        } else {
            if (heap.length < k) {
                heap = new long[k];
            }
            System.arraycopy(keys, 0, heap, 0, k);
            for (int i = k / 2 - 1; i >= 0; i--) {
                siftDown(heap, i, k);
            }
            for (int i = k; i < n; i++) {
                if (keys[i] < heap[0]) {
                    heap[0] = keys[i];
                    siftDown(heap, 0, k);
                }
            }
            Arrays.sort(heap, 0, k);
            chosen = heap;
        }
        for (int i = 0; i < k; i++) {
            order[i] = (int) chosen[i];
        }
        return k;
    }

    /** Restores the max-heap property below {@code i} in {@code heap[0, size)}. */
    private static void siftDown(long[] heap, int i, int size) {
        long v = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] > heap[child]) {
                child++;
            }
            if (heap[child] <= v) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }

    /** @return how many times the whole vocabulary was sorted (for tests of the partial path) */
    int fullSorts() {
        return fullSorts;
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
