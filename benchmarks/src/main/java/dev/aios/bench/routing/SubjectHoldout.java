package dev.aios.bench.routing;

import dev.aios.bench.routing.RouteLlmData.Item;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Leave-subjects-out scoring on MMLU that never scores a subject used for training or for choosing
 * a hyper-parameter: outer folds by subject; inside each fold's training subjects, an inner split
 * by subject chooses the router's L2 (nested selection); the chosen router is then trained on all
 * the fold's training subjects and scores only the held-out ones. Beside it the plain kNN baseline
 * over the same embeddings, and the cluster bootstrap (subjects resampled) that puts an interval on
 * every APGR.
 */
final class SubjectHoldout {
    /**
     * The L2 values the inner split chooses from: the router's default first (a tie keeps it), then
     * none, and stronger.
     */
    static final double[] L2_GRID = {1e-4, 0, 1e-3, 1e-2};
    static final int INNER_FOLDS = 4;
    static final int KNN = 50;
    static final int BOOTSTRAP = 1000;
    static final long BOOTSTRAP_SEED = 15;

    private SubjectHoldout() {}

    /** Held-out scores of the nested router, and the L2 each outer fold chose (with its inner APGR). */
    record Nested(double[] scores, List<String> chosen) {}

    /** @return each prompt's fold: sorted subjects dealt round-robin into {@code folds} */
    static int[] folds(List<Item> items, int folds) {
        List<String> subjects = new ArrayList<>(new TreeSet<>(items.stream().map(Item::group).toList()));
        int[] fold = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            fold[i] = subjects.indexOf(items.get(i).group()) % folds;
        }
        return fold;
    }

    /** The router with a fixed L2 on every outer fold: held-out scores. */
    static double[] fixed(EmbeddingModel model, List<Item> items, List<float[]> emb, int[] fold, int folds, double l2) {
        double[] scores = new double[items.size()];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            split(fold, f, train, test);
            score(model, items, emb, train, test, l2, f, scores);
        }
        return scores;
    }

    /** The router with its L2 chosen inside each outer fold's training subjects. */
    static Nested nested(EmbeddingModel model, List<Item> items, List<float[]> emb, int[] fold, int folds) {
        double[] scores = new double[items.size()];
        List<String> chosen = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            split(fold, f, train, test);
            List<Item> trainItems = train.stream().map(items::get).toList();
            List<float[]> trainEmb = train.stream().map(emb::get).toList();
            int[] inner = folds(trainItems, INNER_FOLDS);
            double bestL2 = L2_GRID[0];
            double best = Double.NEGATIVE_INFINITY;
            StringBuilder tried = new StringBuilder();
            for (double l2 : L2_GRID) {
                double apgr = apgr(trainItems, fixed(model, trainItems, trainEmb, inner, INNER_FOLDS, l2));
                tried.append(String.format(Locale.ROOT, " %s:%.3f", l2, apgr));
                if (apgr > best + 1e-9) {
                    best = apgr;
                    bestL2 = l2;
                }
            }
            chosen.add(String.format(Locale.ROOT, "fold %d: l2 %s (inner APGR%s)", f + 1, bestL2, tried));
            score(model, items, emb, train, test, bestL2, f, scores);
        }
        return new Nested(scores, chosen);
    }

    private static void split(int[] fold, int f, List<Integer> train, List<Integer> test) {
        for (int i = 0; i < fold.length; i++) {
            (fold[i] == f ? test : train).add(i);
        }
    }

    private static void score(EmbeddingModel model, List<Item> items, List<float[]> emb, List<Integer> train,
            List<Integer> test, double l2, long seed, double[] scores) {
        LearnedBrainRouter router = RouteLlmRouters.router(model, RoutingThreshold.qualityPerCost(0), 0, seed, l2);
        RouteLlmRouters.trainOffline(router, items, emb, train, 1.0, seed);
        for (int i : test) {
            scores[i] = RouteLlmRouters.gain(router, items.get(i), emb.get(i));
        }
    }

    /** Plain kNN: the mean strong-minus-weak gain of the {@value #KNN} most cosine-similar training prompts. */
    static double[] knn(List<Item> items, List<float[]> emb, int[] fold, int folds) {
        float[][] unit = new float[emb.size()][];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = unit(emb.get(i));
        }
        double[] scores = new double[items.size()];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            split(fold, f, train, test);
            scores = knnInto(items, unit, train, test, scores);
        }
        // The gain of 50 neighbours takes few values: break ties at random, not in subject order.
        Random tie = new Random(11);
        for (int i = 0; i < scores.length; i++) {
            scores[i] += 1e-9 * tie.nextDouble();
        }
        return scores;
    }

    /** @return {@code into} with the kNN estimates of the {@code test} prompts, learned from {@code train} */
    static double[] knnInto(List<Item> items, float[][] unit, List<Integer> train, List<Integer> test, double[] into) {
        int[] trainIdx = train.stream().mapToInt(Integer::intValue).toArray();
        test.parallelStream().forEach(i -> {
            double[] topSim = new double[KNN];
            int[] topIdx = new int[KNN];
            Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
            for (int t : trainIdx) {
                double s = dot(unit[i], unit[t]);
                if (s > topSim[KNN - 1]) {
                    int at = KNN - 1;
                    while (at > 0 && topSim[at - 1] < s) {
                        topSim[at] = topSim[at - 1];
                        topIdx[at] = topIdx[at - 1];
                        at--;
                    }
                    topSim[at] = s;
                    topIdx[at] = t;
                }
            }
            double gain = 0;
            for (int t : topIdx) {
                gain += items.get(t).strong() - items.get(t).weak();
            }
            into[i] = gain / KNN;
        });
        return into;
    }

    private static float[] unit(float[] v) {
        double n = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        int i = 0;
        for (; i + 1 < a.length; i += 2) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1;
    }

    /** @return the APGR of ranking {@code items} by {@code scores} */
    static double apgr(List<Item> items, double[] scores) {
        double weak = items.stream().mapToDouble(Item::weak).average().orElseThrow();
        double strong = items.stream().mapToDouble(Item::strong).average().orElseThrow();
        return RouteLlmTable.metrics(RouteLlmTable.sweep(items, scores), weak, strong).apgr();
    }

    /** A point estimate with its 95% percentile bootstrap interval. */
    record Interval(double value, double low, double high) {
        String format() {
            return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", value, low, high);
        }
    }

    /**
     * The 95% percentile bootstrap interval of APGR for each scoring, and of the difference of the
     * first two (paired: the same resamples). {@code bySubject}: resample whole subjects (groups)
     * with replacement, keeping each drawn subject's prompts (the unit a new subject varies by);
     * otherwise resample prompts.
     *
     * @return one interval per scoring, then the interval of (scorings[0] - scorings[1])
     */
    static List<Interval> bootstrap(List<Item> items, List<double[]> scorings, boolean bySubject) {
        List<String> groups = new ArrayList<>(new TreeSet<>(items.stream().map(Item::group).toList()));
        List<List<Integer>> members = new ArrayList<>();
        if (bySubject) {
            for (String g : groups) {
                List<Integer> m = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (items.get(i).group().equals(g)) {
                        m.add(i);
                    }
                }
                members.add(m);
            }
        } else {
            for (int i = 0; i < items.size(); i++) {
                members.add(List.of(i));
            }
        }
        int k = scorings.size();
        double[][] draws = new double[k + 1][BOOTSTRAP];
        Random random = new Random(BOOTSTRAP_SEED);
        for (int b = 0; b < BOOTSTRAP; b++) {
            List<Integer> sample = new ArrayList<>();
            for (int d = 0; d < members.size(); d++) {
                sample.addAll(members.get(random.nextInt(members.size())));
            }
            List<Item> sub = sample.stream().map(items::get).toList();
            for (int s = 0; s < k; s++) {
                double[] all = scorings.get(s);
                draws[s][b] = apgr(sub, sample.stream().mapToDouble(i -> all[i]).toArray());
            }
            draws[k][b] = draws[0][b] - draws[1][b];
        }
        List<Interval> out = new ArrayList<>();
        for (int s = 0; s <= k; s++) {
            double value = s < k ? apgr(items, scorings.get(s)) : apgr(items, scorings.get(0)) - apgr(items, scorings.get(1));
            double[] sorted = draws[s].clone();
            Arrays.sort(sorted);
            out.add(new Interval(value, sorted[(int) (0.025 * BOOTSTRAP)], sorted[(int) (0.975 * BOOTSTRAP) - 1]));
        }
        return out;
    }

    /** kNN trained on all of {@code train}, scoring each prompt of {@code test}. */
    static double[] knnTransfer(List<Item> train, List<float[]> trainEmb, List<Item> test, List<float[]> testEmb) {
        List<Item> items = new ArrayList<>(train);
        items.addAll(test);
        float[][] unit = new float[items.size()][];
        for (int i = 0; i < train.size(); i++) {
            unit[i] = unit(trainEmb.get(i));
        }
        for (int i = 0; i < test.size(); i++) {
            unit[train.size() + i] = unit(testEmb.get(i));
        }
        List<Integer> trainIdx = new ArrayList<>();
        List<Integer> testIdx = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            (i < train.size() ? trainIdx : testIdx).add(i);
        }
        double[] all = knnInto(items, unit, trainIdx, testIdx, new double[items.size()]);
        Random tie = new Random(11);
        double[] out = new double[test.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[train.size() + i] + 1e-9 * tie.nextDouble();
        }
        return out;
    }

    /** Scores of the group oracle: each prompt's group's true mean gain on the scored set (random ties). */
    static double[] groupOracle(List<Item> items) {
        java.util.Map<String, double[]> byGroup = new java.util.HashMap<>();
        for (Item item : items) {
            double[] g = byGroup.computeIfAbsent(item.group(), k -> new double[2]);
            g[0] += item.strong() - item.weak();
            g[1]++;
        }
        double[] scores = new double[items.size()];
        Random tie = new Random(11);
        for (int i = 0; i < scores.length; i++) {
            double[] g = byGroup.get(items.get(i).group());
            scores[i] = g[0] / g[1] + 1e-9 * tie.nextDouble();
        }
        return scores;
    }

    static String row(String name, String protocol, List<Item> items, double[] scores, Interval interval) {
        double weak = items.stream().mapToDouble(Item::weak).average().orElseThrow();
        double strong = items.stream().mapToDouble(Item::strong).average().orElseThrow();
        RouteLlmTable.Metrics m = RouteLlmTable.metrics(RouteLlmTable.sweep(items, scores), weak, strong);
        return String.format(Locale.ROOT, "| %s | %s | %s | %.1f%% | %.1f%% |%n", name, protocol,
                interval == null ? String.format(Locale.ROOT, "%.3f", m.apgr()) : interval.format(), 100 * m.cpt50(),
                100 * m.cpt80());
    }
}
