package dev.aios.routing.internal;

import dev.aios.api.text.Vectors;
import dev.aios.routing.internal.ClassifierState.Exemplar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How {@link dev.aios.routing.TextClassifier} scores a text: each label's logit is its bias, the
 * text's similarity to the label's vector, what corrected texts close to it recall, and the cheap
 * features' weights; and the reasons it gives, the evidence that most separates the winner from
 * the other labels. Reads the classifier's state; the classifier guards it.
 */
public final class ClassifierScores {
    /** Corrected texts count for texts whose cosine similarity to them is above this, unless the caller says otherwise. */
    public static final double DEFAULT_REACH = 0.92;
    /** The logit a corrected text adds to its label for a text identical to it. */
    private static final double CORRECTION_WEIGHT = 8;

    private final List<String> labels;
    private final double embeddingWeight;
    private final double reach;
    private final ClassifierState state;

    /**
     * @param labels the classifier's labels, in order
     * @param embeddingWeight how much the similarity to a label's vector counts
     * @param reach the cosine similarity above which a corrected text speaks for another
     * @param state the learned state the scores read
     */
    public ClassifierScores(List<String> labels, double embeddingWeight, double reach, ClassifierState state) {
        this.labels = labels;
        this.embeddingWeight = embeddingWeight;
        this.reach = reach;
        this.state = state;
    }

    /** A text's scores: the logits and, per label, the evidence behind them. */
    public record Scores(double[] logits, double[] similarity, String[] nearest, double[] recalled,
            double[] nearestSimilarity) {}

    /** @return the scores of a normalised embedding with its cheap features */
    public Scores score(float[] embedding, Map<String, Double> features) {
        return score(embedding, embedding, features);
    }

    /**
     * @param embedding the text's meaning, compared with the labels' descriptions
     * @param key what corrected texts are matched on (the embedding with numbers masked)
     * @return the scores of the text with its cheap features
     */
    public Scores score(float[] embedding, float[] key, Map<String, Double> features) {
        int n = labels.size();
        double[] similarity = new double[n];
        String[] nearest = new String[n];
        double[] best = new double[n];
        java.util.Arrays.fill(best, -2);
        double[] closestPrototype = new double[n];
        java.util.Arrays.fill(closestPrototype, Double.NEGATIVE_INFINITY);
        for (Exemplar x : state.exemplars()) {
            int i = labels.indexOf(x.label());
            if (i < 0) {
                continue;
            }
            if (!x.corrected()) {
                closestPrototype[i] = Math.max(closestPrototype[i], Vectors.dot(embedding, x.vector()));
                continue;
            }
            double sim = Vectors.dot(key, x.vector());
            if (sim > best[i]) {
                best[i] = sim;
                nearest[i] = x.note();
            }
        }
        for (int i = 0; i < n; i++) {
            // A label described several ways is as close as its closest description; the mean of
            // unlike descriptions would be close to none of them.
            similarity[i] = Double.isInfinite(closestPrototype[i]) ? Vectors.dot(embedding, state.vector(i)) : closestPrototype[i];
        }
        double[] logits = new double[n];
        double[] recalled = new double[n];
        for (int i = 0; i < n; i++) {
            // A corrected text speaks only for texts close to it, so one correction cannot tilt the rest.
            recalled[i] = CORRECTION_WEIGHT * Math.max(0, (best[i] - reach) / (1 - reach));
            logits[i] = state.bias()[i] + embeddingWeight * similarity[i] + recalled[i];
        }
        for (Map.Entry<String, Double> f : features.entrySet()) {
            double[] w = state.weightsOrNull(f.getKey());
            if (w != null) {
                for (int i = 0; i < n; i++) {
                    logits[i] += w[i] * f.getValue();
                }
            }
        }
        return new Scores(logits, similarity, nearest, recalled, best);
    }

    /**
     * @return up to three reasons for label {@code best}: the evidence that most separates it
     *     from the runner-up label; never empty (when nothing stands out, it says so)
     */
    public List<String> reasons(Scores s, int best, Map<String, Double> features) {
        List<String> out = evidence(s, best, runnerUp(s, best), features);
        if (out.isEmpty()) {
            return List.of("no strong evidence either way (closest in meaning to " + labels.get(best) + ")");
        }
        return out;
    }

    /**
     * @return up to two pieces of evidence for the runner-up label against {@code best}, each
     *     prefixed "for LABEL: "; empty when nothing speaks for it
     */
    public List<String> against(Scores s, int best, Map<String, Double> features) {
        int second = runnerUp(s, best);
        if (second < 0) {
            return List.of();
        }
        String prefix = "for " + labels.get(second) + ": ";
        return evidence(s, second, best, features).stream().limit(2).map(e -> prefix + e).toList();
    }

    private int runnerUp(Scores s, int best) {
        int second = -1;
        for (int i = 0; i < labels.size(); i++) {
            if (i != best && (second < 0 || s.logits()[i] > s.logits()[second])) {
                second = i;
            }
        }
        return second;
    }

    /** The evidence for label {@code label} against {@code versus}, or against the others' average when {@code versus < 0}. */
    private List<String> evidence(Scores s, int label, int versus, Map<String, Double> features) {
        record Evidence(String text, double margin) {}
        List<Evidence> evidence = new ArrayList<>();
        for (Map.Entry<String, Double> f : features.entrySet()) {
            double[] w = state.weightsOrNull(f.getKey());
            if (w == null || f.getValue() == 0) {
                continue;
            }
            double margin = (w[label] - against(w, label, versus)) * f.getValue();
            if (margin > 0.05) {
                evidence.add(new Evidence(f.getKey() + (f.getValue() == 1 ? "" : "=" + round(f.getValue()))
                        + " (+" + round(margin) + ")", margin));
            }
        }
        double base = state.bias()[label] - against(state.bias(), label, versus);
        if (base > 0.05) {
            evidence.add(new Evidence("usual share of " + labels.get(label) + " (+" + round(base) + ")", base));
        }
        double margin = embeddingWeight * (s.similarity()[label] - against(s.similarity(), label, versus));
        if (margin > 0.05) {
            evidence.add(new Evidence("meaning (+" + round(margin) + ")", margin));
        }
        double recalledMargin = s.recalled()[label] - against(s.recalled(), label, versus);
        if (recalledMargin > 0.05 && s.nearest()[label] != null) {
            evidence.add(new Evidence("like your correction '" + s.nearest()[label] + "' (similarity "
                    + round(s.nearestSimilarity()[label]) + ", +" + round(recalledMargin) + ")", recalledMargin));
        }
        evidence.sort(Comparator.comparingDouble(Evidence::margin).reversed());
        return evidence.stream().limit(3).map(Evidence::text).toList();
    }

    /** @return the value compared against: {@code values[versus]}, or the mean of the others when {@code versus < 0} */
    private double against(double[] values, int label, int versus) {
        if (versus >= 0) {
            return values[versus];
        }
        double others = 0;
        for (int i = 0; i < values.length; i++) {
            others += i == label ? 0 : values[i];
        }
        return others / Math.max(1, values.length - 1);
    }

    /** @return the index of the largest value */
    public static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** @return the probabilities of {@code logits} */
    public static double[] softmax(double[] logits) {
        double max = java.util.Arrays.stream(logits).max().orElse(0);
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** @return a unit-length copy of {@code v} (a zero vector stays zero) */
    public static float[] normalise(float[] v) {
        return Vectors.normalizeInPlace(v.clone());
    }

    /** @return a correction's note on one line, at most 48 characters */
    public static String clip(String note) {
        String one = note.strip().replaceAll("\\s+", " ");
        return one.length() > 48 ? one.substring(0, 47) + "…" : one;
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
