package dev.aios.bench.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-question scores of one method on one conversation, and their means with bootstrap
 * confidence intervals. Each question scores hit@k (an evidence turn in the top k) and evidence
 * recall@k (the share of its evidence turns in the top k) for k = 1, 5, 10.
 */
final class LocomoScores {
    static final int[] KS = {1, 5, 10};
    static final int HIT1 = 0;
    static final int HIT5 = 1;
    static final int HIT10 = 2;
    static final int RECALL1 = 3;
    static final int RECALL5 = 4;
    static final int RECALL10 = 5;
    static final String[] NAMES = {"hit@1", "hit@5", "hit@10", "ev.recall@1", "ev.recall@5", "ev.recall@10"};

    /** Bootstrap resamples and their seed: fixed, so a rerun prints the same intervals. */
    static final int RESAMPLES = 2000;
    static final long SEED = 15;

    private LocomoScores() {}

    /** @return the six scores of one question whose top results were {@code top} */
    static double[] score(List<String> top, Locomo.Question q) {
        double[] s = new double[6];
        for (int i = 0; i < KS.length; i++) {
            List<String> head = top.subList(0, Math.min(KS[i], top.size()));
            long found = q.evidence().stream().filter(head::contains).count();
            s[i] = found > 0 ? 1 : 0;
            s[3 + i] = (double) found / q.evidence().size();
        }
        return s;
    }

    /** @return the mean of metric {@code m} over every question of every conversation given */
    static double mean(List<double[][]> conversations, int m) {
        double sum = 0;
        int n = 0;
        for (double[][] c : conversations) {
            for (double[] q : c) {
                sum += q[m];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * A 95% percentile-bootstrap interval of the pooled mean of metric {@code m}: each resample
     * draws, within every conversation, as many questions as it has, with replacement (stratified
     * by conversation: the conversations themselves are fixed, so the interval covers question
     * sampling, not the choice of conversations).
     *
     * @return {mean, lower bound, upper bound}
     */
    static double[] interval(List<double[][]> conversations, int m) {
        SplittableRandom random = new SplittableRandom(SEED);
        int total = conversations.stream().mapToInt(c -> c.length).sum();
        double[] means = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (double[][] c : conversations) {
                for (int i = 0; i < c.length; i++) {
                    sum += c[random.nextInt(c.length)][m];
                }
            }
            means[r] = sum / total;
        }
        Arrays.sort(means);
        return new double[] {mean(conversations, m), means[(int) (RESAMPLES * 0.025)], means[(int) (RESAMPLES * 0.975) - 1]};
    }

    /** @return "0.712 [0.68, 0.74]" */
    static String withInterval(List<double[][]> conversations, int m) {
        double[] ci = interval(conversations, m);
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", ci[0], ci[1], ci[2]);
    }

    static List<double[][]> of(double[][]... conversations) {
        return new ArrayList<>(Arrays.asList(conversations));
    }
}
