package dev.aios.api;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Limits on one run of a goal. Exhausting any of them ends the run with
 * {@link RunStatus#BUDGET_EXHAUSTED} and a partial result; it never throws into the host.
 *
 * <p>Defaults ({@link #defaults()}): 50 steps, 200,000 model tokens, no cost limit, 10 minutes of
 * wall time. A step is one attempt at one plan step's action, so retries count.
 *
 * @param maxSteps most step attempts (tool calls and sub-goals) the run may start, {@code >= 1}
 * @param maxTokens most model tokens (input plus output) the run may use, {@code >= 0}
 * @param maxCost most money the run may spend on model calls, in the currency of the brains'
 *     prices, {@code >= 0}
 * @param maxWallTime longest the run may take, positive
 */
public record Budget(int maxSteps, long maxTokens, BigDecimal maxCost, Duration maxWallTime) {

    /** Which budget a limit or an exhaustion refers to. */
    public enum Kind {
        /** Step attempts. */
        STEPS,
        /** Model tokens, input plus output. */
        TOKENS,
        /** Money spent on model calls. */
        COST,
        /** Elapsed wall-clock time. */
        WALL_TIME
    }

    private static final Budget DEFAULTS =
            new Budget(50, 200_000, new BigDecimal(Long.MAX_VALUE), Duration.ofMinutes(10));

    /** Validates every limit. */
    public Budget {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be >= 1, was " + maxSteps);
        }
        Checks.notNegative(maxTokens, "maxTokens");
        Checks.notNull(maxCost, "maxCost");
        if (maxCost.signum() < 0) {
            throw new IllegalArgumentException("maxCost must be >= 0, was " + maxCost);
        }
        Checks.notNull(maxWallTime, "maxWallTime");
        if (maxWallTime.isNegative() || maxWallTime.isZero()) {
            throw new IllegalArgumentException("maxWallTime must be positive, was " + maxWallTime);
        }
    }

    /** @return the default budget: 50 steps, 200,000 tokens, no cost limit, 10 minutes */
    public static Budget defaults() {
        return DEFAULTS;
    }

    /** @return a copy with {@code maxSteps} replaced */
    public Budget withMaxSteps(int value) {
        return new Budget(value, maxTokens, maxCost, maxWallTime);
    }

    /** @return a copy with {@code maxTokens} replaced */
    public Budget withMaxTokens(long value) {
        return new Budget(maxSteps, value, maxCost, maxWallTime);
    }

    /** @return a copy with {@code maxCost} replaced */
    public Budget withMaxCost(BigDecimal value) {
        return new Budget(maxSteps, maxTokens, value, maxWallTime);
    }

    /** @return a copy with {@code maxWallTime} replaced */
    public Budget withMaxWallTime(Duration value) {
        return new Budget(maxSteps, maxTokens, maxCost, value);
    }
}
