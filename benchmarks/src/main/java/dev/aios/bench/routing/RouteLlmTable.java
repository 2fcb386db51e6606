package dev.aios.bench.routing;

import dev.aios.bench.routing.RouteLlmData.Item;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores {@link LearnedBrainRouter} the way the RouteLLM paper (Ong et al., 2024, arXiv
 * 2406.18665) scores routers between gpt-4-1106-preview (strong) and Mixtral-8x7B (weak), on its
 * cached MMLU and MT-Bench results: the curve of quality against the share of strong calls, APGR
 * (area under the PGR curve), CPT(50%) and CPT(80%), beside a random router.
 *
 * <p>Never scored on prompts it learned from:
 * <ul>
 *   <li>MMLU, "offline": 5 folds over the 29 subjects (5 or 6 each); the router learns both
 *       models' outcomes on the other subjects and scores the ones it never saw; the held-out scores of the
 *       5 folds are pooled into one curve.</li>
 *   <li>MT-Bench, "offline": the router learns from all of MMLU (both models' outcomes) and scores
 *       the MT-Bench questions (first turn, as the paper routes).</li>
 *   <li>MT-Bench, "offline, disjoint questions": as above, then also the other MT-Bench questions
 *       (10 folds by question id, so every category is seen in training), scoring each question
 *       only by the fold that never learned it. Tells whether in-domain data closes the gap.</li>
 *   <li>Held-out subjects and transfer (issue 15, {@link HoldoutReport}): the same MMLU folds with
 *       the router's L2 chosen by nested selection inside each fold's training subjects, plain kNN
 *       (k = 50) beside it, MMLU to MT-Bench transfer, every APGR with a 95% bootstrap interval
 *       (MMLU: subjects resampled; MT-Bench: questions resampled).</li>
 *   <li>"online", both: the router starts with no knowledge (its price-rank priors only), routes
 *       the prompts in a random order with a target share of strong calls, sees only the outcome
 *       of the brain it picked (MMLU: correct; MT-Bench: judge score >= 8 counts as accepted), and
 *       learns as it goes. Each point is one target share, averaged over several orders; the
 *       quality counts every answer from the first prompt on.</li>
 * </ul>
 * Contaminated prompts (listed beside the data) are left out, as in the paper.
 * {@snippet lang=shell :
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.routing.RouteLlmTable
 * java -Daios.routellm.data=/path/to/routellm -cp benchmarks/target/benchmarks.jar dev.aios.bench.routing.RouteLlmTable
 * }
 * The data folder defaults to {@code ../shared/data/routellm} relative to the working directory;
 * without it the harness says so and exits. Embeddings are cached in
 * {@code benchmarks/target/routellm-embeddings.bin} (or {@code target/} when run from
 * {@code benchmarks/}).
 */
public final class RouteLlmTable {
    static final double MT_BENCH_ACCEPT = 8.0;
    static final int MT_FOLDS = 10;
    static final int FOLDS = 5;
    static final int EPOCHS = 3;
    static final int RANDOM_REPEATS = 200;
    static final int ONLINE_REPEATS_MMLU = 3;
    static final int ONLINE_REPEATS_MT = 30;

    private RouteLlmTable() {}

    /** Runs the evaluation and prints the tables. */
    public static void main(String[] args) {
        Path dir = Path.of(System.getProperty("aios.routellm.data", "../shared/data/routellm"));
        if (!Files.isDirectory(dir.resolve("mmlu")) || !Files.isDirectory(dir.resolve("mt_bench"))) {
            System.out.println("RouteLLM data not found at " + dir.toAbsolutePath().normalize()
                    + ": skipping the routing benchmark. Run from the repository root beside ../shared, or pass"
                    + " -Daios.routellm.data=/path/to/routellm");
            return;
        }
        long start = System.nanoTime();
        List<Item> mmlu = RouteLlmData.mmlu(dir);
        List<Item> mt = RouteLlmData.mtBench(dir);
        System.out.printf("MMLU: %d prompts (after decontamination), %d subjects; MT-Bench: %d questions%n",
                mmlu.size(), mmlu.stream().map(Item::group).distinct().count(), mt.size());

        Path target = Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of("target");
        // -Daios.routellm.embedder=bge routes over bge-small-en-v1.5 instead of the default MiniLM.
        boolean bge = "bge".equals(System.getProperty("aios.routellm.embedder", "minilm"));
        EmbeddingCache cache = new EmbeddingCache(target.resolve(bge ? "routellm-embeddings-bge.bin" : "routellm-embeddings.bin"));
        EmbeddingModel model = bge ? dev.aios.memory.Embedders.bgeSmallEnV15() : new AllMiniLmL6V2QuantizedEmbeddingModel();
        if (bge) {
            System.out.println("embedding model: bge-small-en-v1.5 (quantised), -Daios.routellm.embedder=bge");
        }
        List<float[]> mmluE = cache.embedAll(mmlu.stream().map(Item::prompt).toList(), model, "MMLU");
        List<float[]> mtE = cache.embedAll(mt.stream().map(Item::prompt).toList(), model, "MT-Bench");

        StringBuilder out = new StringBuilder();
        out.append("\n## RouteLLM evaluation: gpt-4-1106-preview (strong) vs Mixtral-8x7B (weak)\n\n");
        out.append("Router: LearnedBrainRouter, logistic acceptance model per brain over " + (bge ? "bge-small-en-v1.5" : "all-MiniLM-L6-v2") + " (quantised, "
                + "in process) embeddings + 12 cheap features; score = P(strong accepted) - P(weak accepted).\n");

        // MMLU offline: disjoint subjects.
        double[] mmluScores = new double[mmlu.size()];
        List<String> subjects = new ArrayList<>(new TreeSet<>(mmlu.stream().map(Item::group).toList()));
        for (int fold = 0; fold < FOLDS; fold++) {
            Set<String> held = new TreeSet<>();
            for (int s = fold; s < subjects.size(); s += FOLDS) {
                held.add(subjects.get(s));
            }
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < mmlu.size(); i++) {
                (held.contains(mmlu.get(i).group()) ? test : train).add(i);
            }
            LearnedBrainRouter router = RouteLlmRouters.router(model, RoutingThreshold.qualityPerCost(0), 0, fold);
            RouteLlmRouters.trainOffline(router, mmlu, mmluE, train, 1.0, fold);
            for (int i : test) {
                mmluScores[i] = RouteLlmRouters.gain(router, mmlu.get(i), mmluE.get(i));
            }
            System.out.printf("MMLU fold %d/%d: trained on %d prompts, scored %d of %s%n", fold + 1, FOLDS,
                    train.size(), test.size(), held);
        }
        // MT-Bench offline: trained on all of MMLU.
        LearnedBrainRouter mmluTrained = RouteLlmRouters.router(model, RoutingThreshold.qualityPerCost(0), 0, 7);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < mmlu.size(); i++) {
            all.add(i);
        }
        RouteLlmRouters.trainOffline(mmluTrained, mmlu, mmluE, all, 1.0, 7);
        double[] mtScores = new double[mt.size()];
        for (int i = 0; i < mt.size(); i++) {
            mtScores[i] = RouteLlmRouters.gain(mmluTrained, mt.get(i), mtE.get(i));
        }

        // MT-Bench, disjoint questions: 10 folds (question id mod 10, so every category is in every fold's
        // training set); each fold's router starts from all of MMLU and learns the other 72 questions.
        double[] mtFoldScores = new double[mt.size()];
        for (int fold = 0; fold < MT_FOLDS; fold++) {
            LearnedBrainRouter router = RouteLlmRouters.router(model, RoutingThreshold.qualityPerCost(0), 0, 100 + fold);
            RouteLlmRouters.trainOffline(router, mmlu, mmluE, all, 1.0, 100 + fold);
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < mt.size(); i++) {
                (i % MT_FOLDS == fold ? test : train).add(i);
            }
            RouteLlmRouters.trainOffline(router, mt, mtE, train, MT_BENCH_ACCEPT, 100 + fold);
            for (int i : test) {
                mtFoldScores[i] = RouteLlmRouters.gain(router, mt.get(i), mtE.get(i));
            }
        }

        String holdout = HoldoutReport.section(model, mmlu, mmluE, mt, mtE, FOLDS, mmluScores);
        out.append(holdout);
        if (!Boolean.parseBoolean(System.getProperty("aios.routellm.online", "true"))) {
            out.append(String.format(Locale.ROOT, "%n(online runs and the curves skipped: -Daios.routellm.online=false)"
                    + "%nTotal time %.0f s on %d CPUs.%n", (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().availableProcessors()));
            System.out.println(out);
            return;
        }
        System.out.println("online runs (MMLU: " + ONLINE_REPEATS_MMLU + " orders x 9 shares; MT-Bench: "
                + ONLINE_REPEATS_MT + " orders x 9 shares)...");
        Curve mmluOnline = RouteLlmRouters.online(model, mmlu, mmluE, 1.0, ONLINE_REPEATS_MMLU);
        Curve mtOnline = RouteLlmRouters.online(model, mt, mtE, MT_BENCH_ACCEPT, ONLINE_REPEATS_MT);

        report(out, "MMLU", "accuracy %", 100, mmlu, mmluScores, mmluOnline,
                "offline: trained on the other subjects (5 folds by subject, pooled)", PaperNumbers.MMLU_CLAIM, null, null);
        report(out, "MT-Bench", "judge score", 1, mt, mtScores, mtOnline,
                "offline: trained on all " + subjects.size() + " MMLU subjects, no MT-Bench data", PaperNumbers.MT_BENCH_CLAIM,
                mtFoldScores, "offline: all MMLU, then the other MT-Bench questions (10 folds by question, pooled;"
                        + " never the scored question)");
        out.append(String.format(Locale.ROOT, "%nTotal time %.0f s on %d CPUs.%n", (System.nanoTime() - start) / 1e9,
                Runtime.getRuntime().availableProcessors()));
        System.out.println(out);
    }

    /** Points of (share of strong calls, quality), sorted by share. */
    record Curve(double[] share, double[] quality) {}

    /** The curve of a router that sends the {@code k} highest-scored prompts to the strong model, k = 0..n. */
    static Curve sweep(List<Item> items, double[] scores) {
        int n = items.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        double[] share = new double[n + 1];
        double[] quality = new double[n + 1];
        double sum = items.stream().mapToDouble(Item::weak).sum();
        quality[0] = sum / n;
        for (int k = 1; k <= n; k++) {
            Item item = items.get(order[k - 1]);
            sum += item.strong() - item.weak();
            share[k] = (double) k / n;
            quality[k] = sum / n;
        }
        return new Curve(share, quality);
    }

    record Metrics(double apgr, double cpt50, double cpt80) {}

    static Metrics metrics(Curve curve, double weak, double strong) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        for (int i = 0; i < curve.share().length; i++) {
            points.add(new double[] {curve.share()[i], (curve.quality()[i] - weak) / (strong - weak)});
        }
        points.add(new double[] {1, 1});
        points.sort(Comparator.comparingDouble(p -> p[0]));
        double area = 0;
        for (int i = 1; i < points.size(); i++) {
            double[] a = points.get(i - 1);
            double[] b = points.get(i);
            area += (b[0] - a[0]) * (a[1] + b[1]) / 2;
        }
        return new Metrics(area, cpt(points, 0.5), cpt(points, 0.8));
    }

    /** The smallest share of strong calls at which PGR reaches {@code target} (linear between points). */
    private static double cpt(List<double[]> points, double target) {
        for (int i = 0; i < points.size(); i++) {
            double[] b = points.get(i);
            if (b[1] >= target) {
                if (i == 0) {
                    return b[0];
                }
                double[] a = points.get(i - 1);
                return b[1] == a[1] ? b[0] : a[0] + (b[0] - a[0]) * (target - a[1]) / (b[1] - a[1]);
            }
        }
        return 1;
    }

    private static double at(Curve curve, double share) {
        double[] s = curve.share();
        double[] q = curve.quality();
        if (share <= s[0]) {
            return q[0];
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] >= share) {
                return s[i] == s[i - 1] ? q[i] : q[i - 1] + (q[i] - q[i - 1]) * (share - s[i - 1]) / (s[i] - s[i - 1]);
            }
        }
        return q[q.length - 1];
    }

    private static void report(StringBuilder out, String name, String unit, double scale, List<Item> items,
            double[] scores, Curve online, String protocol, String paperClaim, double[] foldScores,
            String foldProtocol) {
        double weak = items.stream().mapToDouble(Item::weak).average().orElseThrow();
        double strong = items.stream().mapToDouble(Item::strong).average().orElseThrow();
        Curve offline = sweep(items, scores);
        Metrics ours = metrics(offline, weak, strong);
        Curve onlineFull = withEnds(online, weak, strong);
        Metrics onlineM = metrics(onlineFull, weak, strong);
        double[] randomMean = new double[11];
        double apgr = 0;
        double c50 = 0;
        double c80 = 0;
        Random random = new Random(7);
        for (int r = 0; r < RANDOM_REPEATS; r++) {
            double[] s = new double[items.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = random.nextDouble();
            }
            Curve c = sweep(items, s);
            Metrics m = metrics(c, weak, strong);
            apgr += m.apgr() / RANDOM_REPEATS;
            c50 += m.cpt50() / RANDOM_REPEATS;
            c80 += m.cpt80() / RANDOM_REPEATS;
            for (int k = 0; k <= 10; k++) {
                randomMean[k] += at(c, k / 10.0) / RANDOM_REPEATS;
            }
        }
        out.append(String.format(Locale.ROOT, "%n### %s (%d prompts; weak %.2f, strong %.2f %s)%n%n", name,
                items.size(), weak * scale, strong * scale, unit));
        out.append("| router | trained on | APGR | CPT(50%) | CPT(80%) |\n|---|---|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| random (mean of %d) | - | %.3f | %.1f%% | %.1f%% |%n", RANDOM_REPEATS,
                apgr, 100 * c50, 100 * c80));
        out.append(String.format(Locale.ROOT, "| **ours, offline** | %s | **%.3f** | %.1f%% | %.1f%% |%n", protocol,
                ours.apgr(), 100 * ours.cpt50(), 100 * ours.cpt80()));
        // Not a router: ranks prompts by their group's true mean gain on the scored set itself (MT-Bench:
        // category; MMLU: subject). An upper bound for any router that only tells groups apart.
        Map<String, double[]> byGroup = new HashMap<>();
        for (Item item : items) {
            double[] g = byGroup.computeIfAbsent(item.group(), k -> new double[2]);
            g[0] += item.strong() - item.weak();
            g[1]++;
        }
        double[] groupScores = new double[items.size()];
        Random tie = new Random(11);
        for (int i = 0; i < groupScores.length; i++) {
            double[] g = byGroup.get(items.get(i).group());
            groupScores[i] = g[0] / g[1] + 1e-9 * tie.nextDouble();
        }
        Metrics groupOracle = metrics(sweep(items, groupScores), weak, strong);
        if (foldScores != null) {
            Metrics folds = metrics(sweep(items, foldScores), weak, strong);
            out.append(String.format(Locale.ROOT, "| **ours, offline, disjoint questions** | %s | **%.3f** | %.1f%% |"
                    + " %.1f%% |%n", foldProtocol, folds.apgr(), 100 * folds.cpt50(), 100 * folds.cpt80()));
        }
        out.append(String.format(Locale.ROOT, "| **ours, online** | nothing at start; learns from the picked brain's "
                + "outcome only | **%.3f** | %.1f%% | %.1f%% |%n", onlineM.apgr(), 100 * onlineM.cpt50(),
                100 * onlineM.cpt80()));
        out.append(String.format(Locale.ROOT, "| reference, not a router: %s oracle | knows each prompt's %s and the scored"
                + " set's true mean gain per %s | %.3f | %.1f%% | %.1f%% |%n", groupName(name), groupName(name),
                groupName(name), groupOracle.apgr(), 100 * groupOracle.cpt50(), 100 * groupOracle.cpt80()));
        boolean mtBench = paperClaim.equals(PaperNumbers.MT_BENCH_CLAIM);
        out.append(mtBench ? PaperNumbers.MT_BENCH_BEST : PaperNumbers.MMLU_BEST);
        out.append(String.format(Locale.ROOT, "%nOnly what a stored source states is printed for the paper, never"
                + " numbers from memory. Also found: %s.%n", paperClaim));
        double target95 = 0.95 * strong;
        out.append(String.format(Locale.ROOT, "Same measure for ours (share of strong calls needed to reach 95%% of the"
                + " strong model's quality, %.2f %s; cost reduction counts strong calls only): offline %s, online %s,"
                + " random %s.%n", target95 * scale, unit, reduction(offline, target95), reduction(onlineFull, target95),
                reduction(new Curve(new double[] {0, 1}, new double[] {weak, strong}), target95)));
        out.append(String.format(Locale.ROOT, "%nQuality (%s) by share of strong calls:%n%n", unit));
        out.append("| share of strong calls | random | ours, offline | ours, online (realised share) |\n"
                + "|---:|---:|---:|---:|\n");
        for (int k = 0; k <= 10; k++) {
            String onl;
            if (k == 0 || k == 10) {
                onl = String.format(Locale.ROOT, "%.2f (%.0f%%)", (k == 0 ? weak : strong) * scale, k * 10.0);
            } else {
                onl = String.format(Locale.ROOT, "%.2f (%.1f%%)", online.quality()[k - 1] * scale,
                        100 * online.share()[k - 1]);
            }
            out.append(String.format(Locale.ROOT, "| %d%% | %.2f | %.2f | %s |%n", k * 10, randomMean[k] * scale,
                    at(offline, k / 10.0) * scale, onl));
        }
    }

    private static String groupName(String benchmark) {
        return benchmark.equals("MMLU") ? "subject" : "category";
    }

    private static String reduction(Curve curve, double quality) {
        double[] s = curve.share();
        double[] q = curve.quality();
        for (int i = 0; i < s.length; i++) {
            if (q[i] >= quality) {
                double share = i == 0 || q[i] == q[i - 1] ? s[i]
                        : s[i - 1] + (s[i] - s[i - 1]) * (quality - q[i - 1]) / (q[i] - q[i - 1]);
                return String.format(Locale.ROOT, "%.1f%% strong calls = %.0f%% cost reduction", 100 * share,
                        100 * (1 - share));
            }
        }
        return "not reached";
    }

    private static Curve withEnds(Curve online, double weak, double strong) {
        int n = online.share().length;
        double[] s = new double[n + 2];
        double[] q = new double[n + 2];
        s[0] = 0;
        q[0] = weak;
        for (int i = 0; i < n; i++) {
            s[i + 1] = online.share()[i];
            q[i + 1] = online.quality()[i];
        }
        s[n + 1] = 1;
        q[n + 1] = strong;
        Integer[] idx = new Integer[n + 2];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> s[i]));
        double[] ss = new double[n + 2];
        double[] qq = new double[n + 2];
        for (int i = 0; i < idx.length; i++) {
            ss[i] = s[idx[i]];
            qq[i] = q[idx[i]];
        }
        return new Curve(ss, qq);
    }
}
