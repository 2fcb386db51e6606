package dev.aios.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the router knows about a brain: where it runs, what it costs, how much it can read, what
 * it can do and how fast it answers.
 *
 * @param provider who serves it, such as {@code openai}, {@code ollama} or {@code djl}
 * @param location whether prompts stay on this machine
 * @param inputPricePerMillion price of a million input tokens (0 for local brains)
 * @param outputPricePerMillion price of a million output tokens (0 for local brains)
 * @param contextWindow most tokens it reads in one request, {@code >= 1}
 * @param capabilities what it can do beyond plain text (copied)
 * @param typicalLatency a typical time to a full answer
 */
public record BrainProfile(
        String provider,
        Location location,
        BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion,
        int contextWindow,
        Set<Capability> capabilities,
        Duration typicalLatency) {

    /** Where a brain runs. */
    public enum Location {
        /** On this machine: prompts never leave it. */
        LOCAL,
        /** At a provider: prompts leave the machine. */
        CLOUD
    }

    /** What a brain can do beyond plain text. */
    public enum Capability {
        /** Native tool (function) calling. */
        TOOL_CALLING,
        /** Reliable JSON output (a JSON mode or schema). */
        JSON_OUTPUT,
        /** Images as input. */
        VISION,
        /** Good at code. */
        CODE
    }

    /** Validates and copies. */
    public BrainProfile {
        Checks.notBlank(provider, "provider");
        Checks.notNull(location, "location");
        Checks.notNull(inputPricePerMillion, "inputPricePerMillion");
        Checks.notNull(outputPricePerMillion, "outputPricePerMillion");
        if (inputPricePerMillion.signum() < 0 || outputPricePerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must be >= 0");
        }
        if (contextWindow < 1) {
            throw new IllegalArgumentException("contextWindow must be >= 1, was " + contextWindow);
        }
        Checks.notNull(capabilities, "capabilities");
        capabilities = Collections.unmodifiableSet(
                capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
        Checks.notNull(typicalLatency, "typicalLatency");
    }

    /** @return the profile of a free local brain with JSON output and an 8k context */
    public static BrainProfile local(String provider) {
        return new BrainProfile(provider, Location.LOCAL, BigDecimal.ZERO, BigDecimal.ZERO, 8192,
                EnumSet.of(Capability.JSON_OUTPUT), Duration.ofSeconds(1));
    }

    /** @return the cost of {@code inputTokens} in and {@code outputTokens} out */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        return inputPricePerMillion.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPricePerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(BigDecimal.valueOf(1_000_000));
    }
}
