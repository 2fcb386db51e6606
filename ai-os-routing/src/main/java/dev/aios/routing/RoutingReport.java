package dev.aios.routing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The router's accounting, for a host's dashboard or logs.
 *
 * @param brains one entry per brain, in the router's order (copied)
 * @param cost what all answers cost
 * @param costIfStrongest what the same calls (same tokens) would have cost on the dearest brain
 *     that met each call's constraints
 * @param spentToday what was spent today, against the daily budget
 */
public record RoutingReport(List<BrainStats> brains, BigDecimal cost, BigDecimal costIfStrongest,
        BigDecimal spentToday) {

    /** Copies. */
    public RoutingReport {
        brains = List.copyOf(brains);
    }

    /** @return money saved against always using the strongest brain (never negative) */
    public BigDecimal costSaved() {
        BigDecimal saved = costIfStrongest.subtract(cost);
        return saved.signum() < 0 ? BigDecimal.ZERO : saved;
    }

    /** @return the stats of the brain named {@code name} */
    public BrainStats brain(String name) {
        for (BrainStats stats : brains) {
            if (stats.brain().equals(name)) {
                return stats;
            }
        }
        throw new IllegalArgumentException("no brain named '" + name + "' in this report; brains: "
                + brains.stream().map(BrainStats::brain).toList());
    }
}
