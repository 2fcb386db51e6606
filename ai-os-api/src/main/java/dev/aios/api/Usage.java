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

    /**
     * The usage of one call to a brain with {@code profile}: the provider's token counts when it
     * reported them, else the project's estimate ({@link dev.aios.api.text.Tokens}), priced by the profile.
     *
     * @param estimatedInputTokens the request's estimate, used when the provider did not count
     */
    public static Usage ofCall(BrainProfile profile, int estimatedInputTokens,
            dev.langchain4j.model.chat.response.ChatResponse response) {
        long in;
        long out;
        dev.langchain4j.model.output.TokenUsage tokens = response.tokenUsage();
        if (tokens != null && tokens.inputTokenCount() != null && tokens.outputTokenCount() != null) {
            in = tokens.inputTokenCount();
            out = tokens.outputTokenCount();
        } else {
            in = estimatedInputTokens;
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            out = dev.aios.api.text.Tokens.estimate(text == null ? "" : text);
        }
        return new Usage(1, in, out, profile.cost(in, out));
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
