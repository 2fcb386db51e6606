package dev.aios.routing;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What one brain did since the router's state was created (it survives restarts).
 *
 * @param brain the brain's name
 * @param calls calls it answered
 * @param failures calls that failed (errors and timeouts, retries included)
 * @param inputTokens tokens it read
 * @param outputTokens tokens it wrote
 * @param cost what its answers cost, from its profile's prices
 * @param totalLatency time spent in its answered calls
 * @param escalations calls it received because a weaker brain's answer was rejected
 * @param fallbacks calls it answered because the chosen brain failed
 * @param accepted answers verification accepted
 * @param rejected answers verification rejected
 */
public record BrainStats(String brain, long calls, long failures, long inputTokens, long outputTokens,
        BigDecimal cost, Duration totalLatency, long escalations, long fallbacks, long accepted, long rejected) {

    /** @return the mean latency of an answered call, zero when none */
    public Duration meanLatency() {
        return calls == 0 ? Duration.ZERO : totalLatency.dividedBy(calls);
    }

    /** @return the share of verified answers that were accepted, or NaN when none was verified */
    public double acceptanceRate() {
        long verified = accepted + rejected;
        return verified == 0 ? Double.NaN : (double) accepted / verified;
    }
}
