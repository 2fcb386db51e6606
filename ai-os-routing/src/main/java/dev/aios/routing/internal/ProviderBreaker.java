package dev.aios.routing.internal;

/**
 * A circuit breaker for one provider: after {@code threshold} failed calls in a row it opens and
 * refuses calls for the cooldown; then it lets one trial call through (half-open), which closes it
 * on success or opens it again on failure. Thread-safe; time comes from the caller in nanoseconds.
 */
final class ProviderBreaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private final String provider;
    private final int threshold;
    private final long cooldownNanos;
    private int failuresInARow;
    private long openedAt;
    private State state = State.CLOSED;
    private boolean trialInFlight;

    ProviderBreaker(String provider, int threshold, long cooldownNanos) {
        this.provider = provider;
        this.threshold = threshold;
        this.cooldownNanos = cooldownNanos;
    }

    String provider() {
        return provider;
    }

    /** @return whether a call may go to this provider now (does not take the half-open trial) */
    synchronized boolean allows(long now) {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> now - openedAt >= cooldownNanos;
            case HALF_OPEN -> !trialInFlight;
        };
    }

    /** @return whether this call may proceed; takes the single trial slot when half-open */
    synchronized boolean tryAcquire(long now) {
        if (state == State.OPEN && now - openedAt >= cooldownNanos) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.CLOSED) {
            return true;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    synchronized void onSuccess() {
        failuresInARow = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    /** @return whether this failure opened the circuit */
    synchronized boolean onFailure(long now) {
        failuresInARow++;
        boolean opens = state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= threshold);
        if (opens) {
            state = State.OPEN;
            openedAt = now;
            trialInFlight = false;
        }
        return opens;
    }

    /**
     * @return the state a call would find now: an open circuit whose cooldown has ended lets a
     *     trial through, so it reads as half-open
     */
    synchronized State state(long now) {
        return state == State.OPEN && now - openedAt >= cooldownNanos ? State.HALF_OPEN : state;
    }

    /** @return nanoseconds until an open circuit lets a trial through, 0 if it already does */
    synchronized long nanosUntilTrial(long now) {
        return state == State.OPEN ? Math.max(0, cooldownNanos - (now - openedAt)) : 0;
    }
}
