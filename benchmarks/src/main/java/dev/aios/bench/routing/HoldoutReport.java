package dev.aios.bench.routing;

import dev.aios.bench.routing.RouteLlmData.Item;
import dev.aios.bench.routing.SubjectHoldout.Interval;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The section of {@link RouteLlmTable} that says how well the router does on data nobody here
 * tuned it on (issue 15): MMLU leave-subjects-out with nested selection, MMLU to MT-Bench transfer,
 * each APGR with a 95% bootstrap interval, beside plain kNN and the oracles.
 */
final class HoldoutReport {
    private HoldoutReport() {}

    /**
     * @param defaultScores the router's held-out MMLU scores with its default settings, by the same
     *     outer folds ({@code folds})
     */
    static String section(EmbeddingModel model, List<Item> mmlu, List<float[]> mmluE, List<Item> mt, List<float[]> mtE,
            int folds, double[] defaultScores) {
        StringBuilder out = new StringBuilder();
        int[] fold = SubjectHoldout.folds(mmlu, folds);
        long subjects = mmlu.stream().map(Item::group).distinct().count();
        System.out.println("nested selection (" + SubjectHoldout.L2_GRID.length + " L2 values x " + SubjectHoldout.INNER_FOLDS
                + " inner folds x " + folds + " outer folds), kNN, bootstrap...");
        SubjectHoldout.Nested nested = SubjectHoldout.nested(model, mmlu, mmluE, fold, folds);
        double[] knn = SubjectHoldout.knn(mmlu, mmluE, fold, folds);
        double[] oracle = SubjectHoldout.groupOracle(mmlu);
        List<Interval> ci = SubjectHoldout.bootstrap(mmlu, List.of(nested.scores(), knn, defaultScores), true);

        out.append(String.format(Locale.ROOT, "%n### Held-out subjects and transfer (issue 15)%n%n"
                + "MMLU, leave-subjects-out: %d outer folds over the %d subjects (sorted, dealt round-robin); each fold's"
                + " router learns the other subjects only. Nested selection: the router's L2 (one of %s) is chosen"
                + " inside each fold's training subjects by an inner %d-fold split by subject, then the router is"
                + " retrained on all the fold's training subjects; a scored subject is never used for training or"
                + " for choosing. APGR with a 95%% percentile bootstrap interval: %d resamples of whole subjects"
                + " (with replacement; seed %d), the held-out scores kept; the difference row resamples both"
                + " routers together (paired).%n%n", folds, subjects, java.util.Arrays.toString(SubjectHoldout.L2_GRID),
                SubjectHoldout.INNER_FOLDS, SubjectHoldout.BOOTSTRAP, SubjectHoldout.BOOTSTRAP_SEED));
        out.append("| router | trained on | APGR [95% CI] | CPT(50%) | CPT(80%) |\n|---|---|---:|---:|---:|\n");
        out.append("| random | - | 0.500 (by construction) | 50.0% | 80.0% |\n");
        out.append(SubjectHoldout.row("plain kNN, k = " + SubjectHoldout.KNN + ", same embeddings (mean gain of"
                + " the nearest)", "other subjects", mmlu, knn, ci.get(1)));
        out.append(SubjectHoldout.row("ours, defaults (L2 " + RouteLlmRouters.DEFAULT_L2 + ")", "other subjects",
                mmlu, defaultScores, ci.get(2)));
        out.append(SubjectHoldout.row("**ours, L2 by nested selection**", "other subjects; L2 chosen on them",
                mmlu, nested.scores(), ci.get(0)));
        out.append(String.format(Locale.ROOT, "| ours (nested) minus kNN, paired | | %s | | |%n", ci.get(3).format()));
        out.append(SubjectHoldout.row("reference, not a router: subject oracle", "the scored set's own mean gain"
                + " per subject (in-sample)", mmlu, oracle, null));
        out.append("\nL2 chosen per outer fold (inner APGR of each value):\n");
        for (String c : nested.chosen()) {
            out.append("- ").append(c).append('\n');
        }

        // MT-Bench: trained on all of MMLU, L2 chosen by the MMLU folds (never by MT-Bench).
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < mmlu.size(); i++) {
            all.add(i);
        }
        double bestL2 = RouteLlmRouters.DEFAULT_L2;
        double best = Double.NEGATIVE_INFINITY;
        StringBuilder perL2 = new StringBuilder();
        for (double l2 : SubjectHoldout.L2_GRID) {
            double apgr = SubjectHoldout.apgr(mmlu, l2 == RouteLlmRouters.DEFAULT_L2 ? defaultScores
                    : SubjectHoldout.fixed(model, mmlu, mmluE, fold, folds, l2));
            perL2.append(String.format(Locale.ROOT, " %s:%.3f", l2, apgr));
            if (apgr > best + 1e-9) {
                best = apgr;
                bestL2 = l2;
            }
        }
        double[] mtDefault = transfer(model, mmlu, mmluE, all, mt, mtE, RouteLlmRouters.DEFAULT_L2, 7);
        double[] mtChosen = transfer(model, mmlu, mmluE, all, mt, mtE, bestL2, 7);
        double[] mtKnn = SubjectHoldout.knnTransfer(mmlu, mmluE, mt, mtE);
        List<Interval> mtCi = SubjectHoldout.bootstrap(mt, List.of(mtChosen, mtKnn, mtDefault), false);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            for (int i = 0; i < mmlu.size(); i++) {
                if (fold[i] != f) {
                    train.add(i);
                }
            }
            double apgr = SubjectHoldout.apgr(mt, transfer(model, mmlu, mmluE, train, mt, mtE, bestL2, f));
            low = Math.min(low, apgr);
            high = Math.max(high, apgr);
        }
        out.append(String.format(Locale.ROOT, "%nMMLU to MT-Bench (%d first-turn questions, quality = mean judge score): the router learns all of MMLU and scores MT-Bench;"
                + " L2 (%s) chosen by the MMLU folds above (leave-subjects-out APGR per L2:%s), never by MT-Bench. 95%%"
                + " interval: %d resamples of the questions (seed %d).%n%n", mt.size(), bestL2, perL2, SubjectHoldout.BOOTSTRAP, SubjectHoldout.BOOTSTRAP_SEED));
        out.append("| router | trained on | APGR [95% CI] | CPT(50%) | CPT(80%) |\n|---|---|---:|---:|---:|\n");
        out.append("| random | - | 0.500 (by construction) | 50.0% | 80.0% |\n");
        out.append(SubjectHoldout.row("plain kNN, k = " + SubjectHoldout.KNN, "all MMLU", mt, mtKnn, mtCi.get(1)));
        out.append(SubjectHoldout.row("ours, defaults", "all MMLU", mt, mtDefault, mtCi.get(2)));
        out.append(SubjectHoldout.row("**ours, L2 chosen on MMLU**", "all MMLU", mt, mtChosen, mtCi.get(0)));
        out.append(String.format(Locale.ROOT, "| ours (L2 chosen) minus kNN, paired | | %s | | |%n",
                mtCi.get(3).format()));
        out.append(String.format(Locale.ROOT, "| ours, L2 chosen, %d routers each trained on %d of %d outer folds of"
                + " MMLU subjects | 4/5 of MMLU | %.3f to %.3f | | |%n", folds, folds - 1, folds, low, high));
        out.append(SubjectHoldout.row("reference, not a router: category oracle", "the scored set's own mean gain per"
                + " category (in-sample)", mt, SubjectHoldout.groupOracle(mt), null));
        Interval chosen = mtCi.get(0);
        out.append(String.format(Locale.ROOT, "%nWhat %d prompts support: the interval of our MT-Bench APGR is %.2f wide"
                + " (%s); %s Training on a different 4/5 of the MMLU subjects moves it by up to %.2f. %s%n",
                mt.size(), chosen.high() - chosen.low(), chosen.format(), chosen.low() > 0.5
                        ? "its lower end is above random (0.5), so it beats random at 95%, but no more can be said."
                        : "it includes random (0.5): no claim that the router beats random on MT-Bench is supported.",
                high - low, mtCi.get(3).low() > 0 || mtCi.get(3).high() < 0
                        ? "The paired difference with kNN excludes 0."
                        : "The paired difference with kNN includes 0: no claim that either is better."));
        return out.toString();
    }

    private static double[] transfer(EmbeddingModel model, List<Item> mmlu, List<float[]> mmluE, List<Integer> train,
            List<Item> mt, List<float[]> mtE, double l2, long seed) {
        var router = RouteLlmRouters.router(model, dev.aios.routing.RoutingThreshold.qualityPerCost(0), 0, seed, l2);
        RouteLlmRouters.trainOffline(router, mmlu, mmluE, train, 1.0, seed);
        double[] scores = new double[mt.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = RouteLlmRouters.gain(router, mt.get(i), mtE.get(i));
        }
        return scores;
    }
}
