package dev.aios.api;

import java.math.BigDecimal;

/**
 * Model usage of a run or a call: calls, tokens and cost.
 *
 * @param modelCalls number of model calls
 * @param inputTokens tokens sent to models
 * @param outputTokens tokens received from models
 * @param cost money spent, in the currency of the brains' prices
 */
public record Usage(long modelCalls, long inputTokens, long outputTokens, BigDecimal cost) {

    /** No usage at all. */
    public static final Usage NONE = new Usage(0, 0, 0, BigDecimal.ZERO);

    /** Validates. */
    public Usage {
        Checks.notNegative(modelCalls, "modelCalls");
        Checks.notNegative(inputTokens, "inputTokens");
        Checks.notNegative(outputTokens, "outputTokens");
        Checks.notNull(cost, "cost");
    }

    /** @return input plus output tokens */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    /** @return the sum of this and {@code other} */
    public Usage plus(Usage other) {
        return new Usage(modelCalls + other.modelCalls, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, cost.add(other.cost));
    }
}
