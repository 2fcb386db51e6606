package dev.aios.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TextClassifier} decided about one text, and why: the evidence on both sides, so
 * a person can see what spoke for the label and what spoke against it.
 *
 * @param label the most probable label
 * @param probabilities every label's probability, in the classifier's label order (copied)
 * @param reasons the strongest pieces of evidence for {@code label}, strongest first, in words
 *     such as {@code "bulk mail header (+2.40)"} or {@code "like your correction 'a newsletter…'"}
 *     (copied; never empty for a classifier's answer)
 * @param against the strongest evidence for the runner-up label, strongest first, each naming
 *     that label, such as {@code "for routine: request verb (+1.00)"} (copied; may be empty)
 */
public record Classification(String label, Map<String, Double> probabilities, List<String> reasons, List<String> against) {

    /** Validates and copies. */
    public Classification {
        Objects.requireNonNull(label, "label");
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(probabilities, "probabilities")));
        reasons = List.copyOf(reasons);
        against = List.copyOf(against);
    }

    /** A classification with no evidence against it. */
    public Classification(String label, Map<String, Double> probabilities, List<String> reasons) {
        this(label, probabilities, reasons, List.of());
    }

    /** @return the probability of {@link #label()} */
    public double confidence() {
        return probabilities.getOrDefault(label, 0.0);
    }
}
