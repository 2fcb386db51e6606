package dev.aios.inference.local.internal;

import java.util.Objects;

/**
 * The {@code rope_scaling} entry of a {@code config.json}: how rotary position embeddings are
 * stretched beyond the context the model was first trained for.
 *
 * @param type the variant as the config names it ({@code "type"} or {@code "rope_type"}):
 *     {@code "linear"}, {@code "dynamic"} or {@code "llama3"} are understood by
 *     {@link LlamaConfig#ropeInverseFrequencies()}; others ({@code "yarn"}, ...) are refused there
 * @param factor the scaling factor (config {@code factor}); must be positive
 * @param lowFreqFactor {@code low_freq_factor} of the {@code llama3} variant (1 when absent)
 * @param highFreqFactor {@code high_freq_factor} of the {@code llama3} variant (4 when absent)
 * @param originalMaxPositions {@code original_max_position_embeddings} (the config's
 *     {@code max_position_embeddings} when absent)
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
        int originalMaxPositions) {

    /** Rejects a null type and non-positive factors. */
    public RopeScaling {
        Objects.requireNonNull(type, "type");
        if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > 0)) {
            throw new IllegalArgumentException("rope_scaling factors must be positive: factor " + factor
                    + ", low_freq_factor " + lowFreqFactor + ", high_freq_factor " + highFreqFactor);
        }
        if (originalMaxPositions <= 0) {
            throw new IllegalArgumentException(
                    "rope_scaling original_max_position_embeddings must be positive: " + originalMaxPositions);
        }
    }
}
