package dev.aios.bench.local;

import java.time.Duration;
import java.util.List;

/**
 * What the table asks of an engine: generate a fixed number of tokens greedily (no end-of-sequence
 * stop) from prompts given as token ids, and say how long each part took. One implementation per
 * engine keeps each engine's API out of the table.
 */
interface GenerationEngine extends AutoCloseable {

    /** The engine's name in the table. */
    String name();

    /** Whether {@link #generate} decodes several prompts together in one batch. */
    boolean batches();

    /**
     * Generates {@code tokens} tokens after each prompt. With more than one prompt, only an engine
     * that {@link #batches()} is asked.
     */
    Run generate(List<int[]> prompts, int tokens);

    @Override
    void close();

    /**
     * One generation's timings.
     *
     * @param timeToFirstToken from the call to the first generated token (of the first sequence)
     * @param prefill the prompt's forward pass (of the first sequence)
     * @param promptTokens tokens in the first sequence's prompt
     * @param decode the time of the tokens after the first, all sequences decoded together
     * @param decodedAfterFirst tokens generated after each sequence's first, summed over sequences
     * @param tokens the first sequence's generated tokens
     */
    record Run(Duration timeToFirstToken, Duration prefill, int promptTokens, Duration decode,
            int decodedAfterFirst, int[] tokens) {

        double prefillTokensPerSecond() {
            return promptTokens / seconds(prefill);
        }

        double decodeTokensPerSecond() {
            return decodedAfterFirst / seconds(decode);
        }

        private static double seconds(Duration d) {
            return d.toNanos() / 1e9;
        }
    }
}
