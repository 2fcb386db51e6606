package dev.aios.routing;

import dev.aios.api.AiOsException;
import java.time.Duration;

/**
 * How the router's brains survive provider trouble. A call that fails with a retriable error
 * (timeout, rate limit, server error) is retried on the same brain up to {@code maxRetries} times
 * with exponential backoff from {@code initialBackoff} up to {@code maxBackoff}; then the next
 * brain that meets the request's constraints is tried. A call that runs past {@code callTimeout}
 * counts as a retriable failure. After {@code breakerFailures} failed calls in a row at one
 * provider its circuit opens: its brains get no calls for {@code breakerCooldown}, after which one
 * trial call decides whether it closes again.
 *
 * <p>Defaults ({@link #defaults()}): 2 retries, 200 ms to 2 s backoff, 60 s per call, the breaker
 * opens after 5 failures in a row and stays open 30 s.
 *
 * @param maxRetries retries of one brain before moving on, {@code >= 0}
 * @param initialBackoff wait before the first retry, {@code >= 0}
 * @param maxBackoff longest wait between retries, {@code >= initialBackoff}
 * @param callTimeout longest one call may take, positive
 * @param breakerFailures failures in a row that open a provider's circuit, {@code >= 1}
 * @param breakerCooldown how long an open circuit stays open, positive
 */
public record Resilience(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration callTimeout,
        int breakerFailures, Duration breakerCooldown) {

    private static final Resilience DEFAULTS = new Resilience(2, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(60), 5, Duration.ofSeconds(30));

    /** Validates; messages name the option. */
    public Resilience {
        if (maxRetries < 0) {
            throw bad("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw bad("initialBackoff must be >= 0, was " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw bad("maxBackoff must be >= initialBackoff (" + initialBackoff + "), was " + maxBackoff);
        }
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw bad("callTimeout must be positive, was " + callTimeout);
        }
        if (breakerFailures < 1) {
            throw bad("breakerFailures must be >= 1, was " + breakerFailures);
        }
        if (breakerCooldown == null || breakerCooldown.isNegative() || breakerCooldown.isZero()) {
            throw bad("breakerCooldown must be positive, was " + breakerCooldown);
        }
    }

    private static AiOsException bad(String message) {
        return AiOsException.permanent("resilience: " + message);
    }

    /** @return 2 retries, 200 ms to 2 s backoff, 60 s per call, breaker at 5 failures for 30 s */
    public static Resilience defaults() {
        return DEFAULTS;
    }

    /** @return a copy with {@code maxRetries} replaced */
    public Resilience withMaxRetries(int value) {
        return new Resilience(value, initialBackoff, maxBackoff, callTimeout, breakerFailures, breakerCooldown);
    }

    /** @return a copy with both backoff bounds replaced */
    public Resilience withBackoff(Duration initial, Duration max) {
        return new Resilience(maxRetries, initial, max, callTimeout, breakerFailures, breakerCooldown);
    }

    /** @return a copy with {@code callTimeout} replaced */
    public Resilience withCallTimeout(Duration value) {
        return new Resilience(maxRetries, initialBackoff, maxBackoff, value, breakerFailures, breakerCooldown);
    }

    /** @return a copy with the breaker's threshold and cooldown replaced */
    public Resilience withBreaker(int failures, Duration cooldown) {
        return new Resilience(maxRetries, initialBackoff, maxBackoff, callTimeout, failures, cooldown);
    }
}
