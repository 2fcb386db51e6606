package dev.aios.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TextClassifier} decided about one text, and why.
 *
 * @param label the most probable label
 * @param probabilities every label's probability, in the classifier's label order (copied)
 * @param reasons the strongest pieces of evidence for {@code label}, strongest first, in words
 *     such as {@code "feature listUnsubscribe (+2.40)"} or {@code "like 'a newsletter…' (0.61)"} (copied)
 */
public record Classification(String label, Map<String, Double> probabilities, List<String> reasons) {

    /** Validates and copies. */
    public Classification {
        Objects.requireNonNull(label, "label");
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(probabilities, "probabilities")));
        reasons = List.copyOf(reasons);
    }

    /** @return the probability of {@link #label()} */
    public double confidence() {
        return probabilities.getOrDefault(label, 0.0);
    }
}
