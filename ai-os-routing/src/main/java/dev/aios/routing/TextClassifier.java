package dev.aios.routing;

import dev.aios.api.AiOsException;
import dev.aios.routing.internal.ClassifierScores;
import dev.aios.routing.internal.ClassifierState;
import dev.aios.routing.internal.ClassifierState.Exemplar;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small text classifier that starts from prior knowledge and learns from corrections, one at a
 * time, on this machine: for example mail triage (needs-you, routine, noise).
 *
 * <p>It is a softmax regression over two kinds of evidence, started from priors rather than from
 * labelled data. Meaning: the text's in-process sentence embedding (all-MiniLM-L6-v2, quantised)
 * against the label's {@link Builder#prototype prototypes} (descriptions of the label, typical
 * texts; the closest one counts, so a label can be described several ways), times
 * {@link Builder#embeddingWeight}. Cheap
 * features: named numbers the caller computes (a header present, a sender known, question
 * marks), each with a weight per label, starting from the {@link Builder#featureWeight prior
 * weights} given. Corrections: each corrected text is kept as an exemplar of its label and adds
 * to that label's score for texts nearly the same as it (cosine similarity, numbers masked, above
 * {@link Builder#correctionReach correctionReach}, 0.92 by default, growing to +8 for an identical
 * text), so a correction carries over to the next issue of the same newsletter or notification
 * without reaching mail that is merely on the same topic (a reply in the same thread);
 * the feature weights take a gradient step from the mistake (more if the corrected text still
 * lacks its label). A feature with a {@link Builder#featureWeight prior weight} (a rule of thumb,
 * backed by what the writer knew) and the labels' biases move {@link Builder#priorStrength
 * priorStrength + 1} times more slowly than a feature without one, so corrections teach the
 * specific features the caller adds for them (such as the sender's address) rather than swing a
 * rule that holds for every text. {@link Classification#reasons()} names the strongest evidence
 * for the label and {@link Classification#against()} the strongest for the runner-up.
 *
 * <p>With a {@link Builder#stateFile state file}, the learned state is loaded at build (the
 * priors then only fill in what it lacks: rules and prototypes it never had) and written by
 * {@link #save()}. Thread-safe.
 * {@snippet :
 * TextClassifier triage = TextClassifier.builder()
 *         .labels("needs-you", "routine", "noise")
 *         .prototype("noise", "A newsletter or an automatic notification; no one waits for an answer")
 *         .featureWeight("noise", "listUnsubscribe", 2.5)
 *         .stateFile(Path.of("state/triage.bin"))
 *         .build();
 * Classification c = triage.classify(mailText, Map.of("listUnsubscribe", 1.0));
 * triage.correct(mailText, Map.of("listUnsubscribe", 1.0), "routine");   // the user said so
 * triage.save();
 * }
 */
public final class TextClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(TextClassifier.class);
    /** Texts are cut here before embedding: the opening of a text says what it is. */
    private static final int MAX_CHARS = 1_500;
    /** At most this many gradient steps per correction. */
    private static final int MAX_STEPS = 5;
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    private final EmbeddingModel embedder;
    private final List<String> labels;
    private final double learningRate;
    private final double priorStrength;
    private final Set<String> priorFeatures;
    private final @Nullable Path stateFile;
    private final ClassifierState state;
    private final ClassifierScores scores;

    private TextClassifier(Builder b, EmbeddingModel embedder, ClassifierState state) {
        this.embedder = embedder;
        this.labels = List.copyOf(b.labels);
        this.learningRate = b.learningRate;
        this.priorStrength = b.priorStrength;
        Set<String> withPrior = new LinkedHashSet<>();
        b.priorWeights.values().forEach(w -> withPrior.addAll(w.keySet()));
        this.priorFeatures = Set.copyOf(withPrior);
        this.stateFile = b.stateFile;
        this.state = state;
        this.scores = new ClassifierScores(labels, b.embeddingWeight, b.correctionReach, state);
    }

    /** @return a builder; set {@link Builder#labels} and some prior knowledge */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the labels, in the order given */
    public List<String> labels() {
        return labels;
    }

    /** @return how many corrections this classifier has learned, over its whole life (state file included) */
    public synchronized long corrections() {
        return state.corrections();
    }

    /** @return the normalised embedding of {@code text} (the part this classifier reads of it) */
    public float[] embed(String text) {
        String clipped = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return ClassifierScores.normalise(embedder.embed(clipped.isBlank() ? "(empty)" : clipped).content().vector());
    }

    /**
     * @return what a correction is matched on: the embedding of the text with its numbers masked,
     *     or {@code meaning} itself when the text has none. Numbers are what differs between issues
     *     of one newsletter or notification (ids, counts, dates) and say nothing about the label:
     *     masked, such texts are near-identical (cosine 0.95 and above), while a reply and the
     *     request it answers stay apart; the meaning keeps its numbers.
     */
    private float[] key(String text, float[] meaning) {
        String clipped = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        return DIGITS.matcher(clipped).find() ? embed(DIGITS.matcher(clipped).replaceAll("0")) : meaning;
    }

    /**
     * Classifies a text.
     *
     * @param text the text, such as a mail's subject and body
     * @param features cheap features by name (unknown names weigh nothing until a correction weighs them)
     */
    public Classification classify(String text, Map<String, Double> features) {
        float[] meaning = embed(text);
        boolean anyCorrection;
        synchronized (this) {
            anyCorrection = state.corrections() > 0;
        }
        return classify(meaning, anyCorrection ? key(text, meaning) : meaning, features);
    }

    /** Classifies a text already embedded with {@link #embed} (corrections are matched on that embedding too). */
    public Classification classify(float[] embedding, Map<String, Double> features) {
        return classify(embedding, embedding, features);
    }

    private synchronized Classification classify(float[] embedding, float[] key, Map<String, Double> features) {
        ClassifierScores.Scores s = scores.score(embedding, key, features);
        int best = ClassifierScores.argmax(s.logits());
        double[] p = ClassifierScores.softmax(s.logits());
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            probabilities.put(labels.get(i), p[i]);
        }
        return new Classification(labels.get(best), probabilities, scores.reasons(s, best, features),
                scores.against(s, best, features));
    }

    /**
     * Learns that {@code text} has {@code label}: the text becomes an exemplar of the label, and
     * the feature weights take one gradient step towards it.
     *
     * @throws AiOsException if {@code label} is not one of {@link #labels()}
     */
    public void correct(String text, Map<String, Double> features, String label) {
        float[] meaning = embed(text);
        correct(meaning, key(text, meaning), features, label, text.strip().lines().findFirst().orElse(""));
    }

    /**
     * Learns that a text already embedded with {@link #embed} has {@code label}.
     *
     * @param note a few words naming the text, shown in later reasons ("like 'note'")
     */
    public void correct(float[] embedding, Map<String, Double> features, String label, String note) {
        correct(embedding, embedding, features, label, note);
    }

    private synchronized void correct(float[] embedding, float[] key, Map<String, Double> features, String label,
            String note) {
        int target = labels.indexOf(label);
        if (target < 0) {
            throw AiOsException.permanent("cannot learn label '" + label + "': the classifier's labels are " + labels);
        }
        // One gradient step on what the model thought before the correction, so the features learn
        // from the mistake; then the text joins the exemplars (it speaks for texts close to it);
        // then more steps only if the text itself still lacks its label.
        step(embedding, key, features, target);
        state.exemplars().add(new Exemplar(label, ClassifierScores.clip(note), key.clone(), true));
        for (int i = 0; i < MAX_STEPS
                && ClassifierScores.argmax(scores.score(embedding, key, features).logits()) != target; i++) {
            step(embedding, key, features, target);
        }
        state.countCorrection();
    }

    private void step(float[] embedding, float[] key, Map<String, Double> features, int target) {
        double[] p = ClassifierScores.softmax(scores.score(embedding, key, features).logits());
        double anchored = learningRate / (1 + priorStrength);
        for (int i = 0; i < labels.size(); i++) {
            double g = p[i] - (i == target ? 1 : 0);
            state.bias()[i] -= anchored * 0.1 * g;
            for (Map.Entry<String, Double> f : features.entrySet()) {
                if (f.getValue() != 0) {
                    double rate = priorFeatures.contains(f.getKey()) ? anchored : learningRate;
                    state.weights(f.getKey())[i] -= rate * g * f.getValue();
                }
            }
        }
    }

    /**
     * Writes the learned state to the {@link Builder#stateFile state file}, atomically.
     *
     * @throws AiOsException if no state file was set, or it cannot be written
     */
    public synchronized void save() {
        if (stateFile == null) {
            throw AiOsException.permanent("this classifier has no stateFile(...) to save to");
        }
        state.write(stateFile);
    }

    /** Options of a {@link TextClassifier}; {@link #build()} validates them. */
    public static final class Builder {
        private final List<String> labels = new ArrayList<>();
        private final Map<String, List<String>> prototypes = new LinkedHashMap<>();
        private final Map<String, Map<String, Double>> priorWeights = new LinkedHashMap<>();
        private final Map<String, Double> priorBias = new LinkedHashMap<>();
        private @Nullable EmbeddingModel embeddingModel;
        private double embeddingWeight = 8;
        private double learningRate = 0.1;
        private double priorStrength = 9;
        private double correctionReach = ClassifierScores.DEFAULT_REACH;
        private @Nullable Path stateFile;

        private Builder() {}

        /** The labels, at least two, distinct (required). */
        public Builder labels(String... names) {
            labels.clear();
            labels.addAll(List.of(names));
            return this;
        }

        /** Adds a prototype of {@code label}: a description of it or a typical text; it becomes an exemplar. */
        public Builder prototype(String label, String text) {
            prototypes.computeIfAbsent(label, l -> new ArrayList<>()).add(Objects.requireNonNull(text, "prototype text"));
            return this;
        }

        /** Sets the prior weight of {@code feature} for {@code label} (default 0): a rule of thumb, later moved by corrections. */
        public Builder featureWeight(String label, String feature, double weight) {
            priorWeights.computeIfAbsent(label, l -> new LinkedHashMap<>()).put(feature, weight);
            return this;
        }

        /** Sets the prior bias of {@code label} (default 0): how likely it is before any evidence, in logits. */
        public Builder bias(String label, double logit) {
            priorBias.put(label, logit);
            return this;
        }

        /** The embedding model (default: in-process all-MiniLM-L6-v2, quantised); share one across classifiers. */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = model;
            return this;
        }

        /** How much meaning weighs against features: the logit added per unit of cosine similarity (default 8). */
        public Builder embeddingWeight(double weight) {
            this.embeddingWeight = weight;
            return this;
        }

        /** The step of each correction's gradient update on the feature weights (default 0.1). */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        /**
         * How firmly the prior weights and the biases hold against corrections (default 9): they
         * learn at {@code learningRate / (1 + priorStrength)}, features without a prior weight at
         * {@code learningRate}. 0 lets every weight move alike.
         */
        public Builder priorStrength(double strength) {
            this.priorStrength = strength;
            return this;
        }

        /**
         * How far a corrected text reaches (default 0.92): it speaks for texts whose cosine similarity
         * to it (numbers masked) is above this. With MiniLM, issues of one newsletter or one
         * notification template are 0.95 and above, while different mails on one topic (a request
         * and the reply to it, a booking and a later demand from the same office) reach 0.88, so
         * lower values carry a correction to mail it does not describe.
         *
         * @throws IllegalArgumentException when {@code cosine} is not a cosine similarity, in [-1, 1]
         */
        public Builder correctionReach(double cosine) {
            if (!(cosine >= -1 && cosine <= 1)) {
                throw new IllegalArgumentException("correctionReach is a cosine similarity in [-1, 1], was " + cosine);
            }
            this.correctionReach = cosine;
            return this;
        }

        /** Where the learned state is loaded from at build (when it exists) and saved by {@link #save()} (default: none). */
        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        /**
         * @return the classifier, its state loaded from the state file or seeded from the priors
         * @throws AiOsException naming the option that is wrong
         */
        public TextClassifier build() {
            Set<String> distinct = new LinkedHashSet<>(labels);
            if (labels.size() < 2 || distinct.size() != labels.size() || labels.stream().anyMatch(l -> l == null || l.isBlank())) {
                throw bad("labels must be at least two distinct non-blank names, were " + labels);
            }
            for (String label : prototypes.keySet()) {
                checkLabel("prototype", label);
            }
            priorWeights.keySet().forEach(l -> checkLabel("featureWeight", l));
            priorBias.keySet().forEach(l -> checkLabel("bias", l));
            if (!(embeddingWeight >= 0 && embeddingWeight <= 100)) {
                throw bad("embeddingWeight must be within [0, 100], was " + embeddingWeight);
            }
            if (!(learningRate > 0 && learningRate <= 10)) {
                throw bad("learningRate must be within (0, 10], was " + learningRate);
            }
            if (!(correctionReach >= 0 && correctionReach < 1)) {
                throw bad("correctionReach must be within [0, 1), was " + correctionReach);
            }
            if (!(priorStrength >= 0 && priorStrength <= 1_000)) {
                throw bad("priorStrength must be within [0, 1000], was " + priorStrength);
            }
            if (prototypes.isEmpty() && priorWeights.isEmpty() && (stateFile == null || !Files.exists(stateFile))) {
                throw bad("give some prior knowledge: prototype(...) or featureWeight(...), or a stateFile(...) that exists");
            }
            EmbeddingModel embedder = embeddingModel != null ? embeddingModel : new AllMiniLmL6V2QuantizedEmbeddingModel();
            ClassifierState state;
            TextClassifier classifier;
            if (stateFile != null && Files.exists(stateFile)) {
                state = ClassifierState.read(stateFile, List.copyOf(labels));
                classifier = new TextClassifier(this, embedder, state);
                // A newer release may bring rules and descriptions the saved state never had: add them,
                // leaving what the state learned for the ones it has.
                Set<String> known = new java.util.HashSet<>();
                priorWeights.values().forEach(w -> w.keySet().stream().filter(f -> state.weightsOrNull(f) != null)
                        .forEach(known::add));
                priorWeights.forEach((label, features) -> features.forEach((feature, w) -> {
                    if (!known.contains(feature)) {
                        state.weights(feature)[labels.indexOf(label)] = w;
                    }
                }));
                Set<String> notes = new java.util.HashSet<>();
                state.exemplars().stream().filter(x -> !x.corrected()).forEach(x -> notes.add(x.label() + "\n" + x.note()));
                prototypes.forEach((label, texts) -> texts.stream()
                        .filter(t -> !notes.contains(label + "\n" + ClassifierScores.clip(t)))
                        .forEach(t -> state.exemplars().add(new Exemplar(label, ClassifierScores.clip(t), classifier.embed(t), false))));
                LOG.info("text classifier: loaded {} exemplars and {} corrections from {}", state.exemplars().size(),
                        state.corrections(), stateFile);
            } else {
                state = new ClassifierState(labels);
                classifier = new TextClassifier(this, embedder, state);
                priorBias.forEach((label, b) -> state.bias()[labels.indexOf(label)] = b);
                priorWeights.forEach((label, features) -> features.forEach(
                        (feature, w) -> state.weights(feature)[labels.indexOf(label)] = w));
                prototypes.forEach((label, texts) -> texts.forEach(
                        t -> state.exemplars().add(new Exemplar(label, ClassifierScores.clip(t), classifier.embed(t), false))));
                // Each label starts pointing at the mean of its prototypes.
                int dim = classifier.embed("dimension").length;
                float[][] vectors = new float[labels.size()][dim];
                for (Exemplar x : state.exemplars()) {
                    float[] v = vectors[labels.indexOf(x.label())];
                    for (int d = 0; d < dim; d++) {
                        v[d] += x.vector()[d];
                    }
                }
                for (int l = 0; l < vectors.length; l++) {
                    vectors[l] = ClassifierScores.normalise(vectors[l]);
                }
                state.initVectors(vectors);
            }
            return classifier;
        }

        private void checkLabel(String option, String label) {
            if (!labels.contains(label)) {
                throw bad(option + "(...) names label '" + label + "', which is not one of labels " + labels);
            }
        }

        private static AiOsException bad(String message) {
            return AiOsException.permanent("TextClassifier: " + message);
        }
    }
}
