package dev.aios.routing;

import java.util.Locale;

/**
 * The state of the circuit breaker of a brain's provider, as {@link LearnedBrainRouter#breakerStates()}
 * reports it (see {@link Resilience} for when a breaker opens and for how long).
 */
public enum BreakerState {
    /** Calls go through. */
    CLOSED,
    /** Failed too often in a row: no call goes to the provider until the cooldown ends. */
    OPEN,
    /** The cooldown ended: the next call is a trial, which closes the breaker or opens it again. */
    HALF_OPEN;

    /** @return the state as a console or a metric shows it: {@code closed}, {@code open} or {@code half-open} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
