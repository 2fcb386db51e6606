package dev.aios.routing;

import dev.aios.api.AiOsException;

/**
 * How much quality the user buys with money, in one of two forms.
 * <ul>
 *   <li>{@link #qualityPerCost(double)}: a fixed exchange rate. Each eligible brain scores its
 *       estimated acceptance probability minus {@code value} times its price, normalised so the
 *       cheapest eligible brain costs 0 and the dearest 1; the best score wins. 0 always buys the
 *       best estimate; 1 pays the full price gap only for a certain gain.</li>
 *   <li>{@link #strongShare(double)}: a target share of calls that go to a brain dearer than the
 *       cheapest eligible one. The router adjusts the exchange rate online so that the share of
 *       such calls tracks the target, sending the ones with the largest estimated gain.</li>
 * </ul>
 *
 * @param kind which form
 * @param value the exchange rate ({@code >= 0}) or the share ({@code 0..1})
 */
public record RoutingThreshold(Kind kind, double value) {

    /** The two forms of a threshold. */
    public enum Kind {
        /** A fixed exchange rate between acceptance probability and normalised price. */
        QUALITY_PER_COST,
        /** A target share of calls to brains dearer than the cheapest eligible one. */
        STRONG_SHARE
    }

    /** Validates. */
    public RoutingThreshold {
        if (kind == null) {
            throw AiOsException.permanent("routing threshold kind must not be null");
        }
        if (kind == Kind.STRONG_SHARE && !(value >= 0 && value <= 1)) {
            throw AiOsException.permanent("strongShare must be between 0 and 1, was " + value
                    + "; give the share of calls that may go to the stronger brains, e.g. 0.3");
        }
        if (kind == Kind.QUALITY_PER_COST && !(value >= 0 && Double.isFinite(value))) {
            throw AiOsException.permanent("qualityPerCost must be a finite number >= 0, was " + value);
        }
    }

    /** @return a threshold that trades acceptance probability against normalised price at {@code rate} */
    public static RoutingThreshold qualityPerCost(double rate) {
        return new RoutingThreshold(Kind.QUALITY_PER_COST, rate);
    }

    /** @return a threshold that aims for {@code share} (0..1) of calls to the stronger brains */
    public static RoutingThreshold strongShare(double share) {
        return new RoutingThreshold(Kind.STRONG_SHARE, share);
    }
}
