package dev.aios.inference.local;

import java.time.Duration;
import java.util.Objects;

/**
 * What one generation produced and how long it took.
 *
 * @param text the generated text, decoded without special tokens and cut before a stop string
 * @param tokens the generated token ids (the stop token, if one ended generation, included)
 * @param promptTokens how many tokens the prompt had
 * @param stopReason why generation ended
 * @param timeToFirstToken from submission to the first generated token (queueing included)
 * @param prefillTime time spent running the prompt through the model
 * @param decodeTime time of the decode steps that produced the tokens after the first (steps
 *     shared with other sequences of the batch count in full; other requests' prefills do not)
 * @param constraintTime time spent keeping the output to {@link GenerationOptions#jsonSchema()}
 *     (masking tokens, advancing the grammar); zero without a schema
 */
public record GenerationResult(
        String text,
        int[] tokens,
        int promptTokens,
        StopReason stopReason,
        Duration timeToFirstToken,
        Duration prefillTime,
        Duration decodeTime,
        Duration constraintTime) {

    /** Rejects nulls and negative counts. */
    public GenerationResult {
        Objects.requireNonNull(text, "text");
        tokens = tokens.clone();
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(timeToFirstToken, "timeToFirstToken");
        Objects.requireNonNull(prefillTime, "prefillTime");
        Objects.requireNonNull(decodeTime, "decodeTime");
        Objects.requireNonNull(constraintTime, "constraintTime");
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must be >= 0, was " + promptTokens);
        }
    }

    /** @return a copy of the generated token ids */
    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** @return how many tokens were generated */
    public int outputTokens() {
        return tokens.length;
    }

    /** @return tokens per second after the first token, or 0 when fewer than two were generated */
    public double decodeTokensPerSecond() {
        long nanos = decodeTime.toNanos();
        return tokens.length < 2 || nanos == 0 ? 0 : (tokens.length - 1) * 1e9 / nanos;
    }

    /** Why a generation ended. */
    public enum StopReason {
        /** The model produced an end-of-sequence token or one of the stop tokens. */
        END_TOKEN,
        /** A stop string appeared in the output. */
        STOP_STRING,
        /** {@link GenerationOptions#maxTokens()} were generated. */
        MAX_TOKENS,
        /** The sequence reached the model's cache length. */
        CONTEXT_FULL
    }
}
