package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.BrainRouter;
import dev.aios.api.spi.BrainRouterFactory;
import dev.aios.routing.BrainCatalog;
import dev.aios.routing.LearnedBrainRouter;
import dev.aios.routing.RoutingThreshold;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates a {@link LearnedBrainRouter} by name ({@code learned}) through {@link BrainRouterFactory}.
 * Settings: {@code brains} (path of a {@link BrainCatalog} properties file; required),
 * {@code stateFile}, {@code strongShare} or {@code qualityPerCost}, {@code dailyBudget},
 * {@code maxCostPerCall}. A run's own spending is capped by the allowance each request carries
 * (the goal's budget), so there is no per-run setting here.
 */
public final class LearnedBrainRouterFactory implements BrainRouterFactory {
    private static final Set<String> KEYS = Set.of("brains", "stateFile", "strongShare", "qualityPerCost",
            "dailyBudget", "maxCostPerCall");

    /** For {@link java.util.ServiceLoader}. */
    public LearnedBrainRouterFactory() {}

    @Override
    public String name() {
        return "learned";
    }

    @Override
    public BrainRouter create(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (key.equals("runBudget")) {
                throw AiOsException.permanent("setting 'runBudget' of the learned brain router was removed: a run's"
                        + " spending is capped by its goal's budget (Budget.withMaxCost), which each request carries as"
                        + " its allowance; remove the setting and set the goal's budget instead");
            }
            if (!KEYS.contains(key)) {
                throw AiOsException.permanent("unknown setting '" + key + "' for the learned brain router; settings are "
                        + new TreeSet<>(KEYS));
            }
        }
        String brains = settings.get("brains");
        if (brains == null || brains.isBlank()) {
            throw AiOsException.permanent("the learned brain router needs 'brains': the path of a brain configuration file");
        }
        if (settings.containsKey("strongShare") && settings.containsKey("qualityPerCost")) {
            throw AiOsException.permanent("give either 'strongShare' or 'qualityPerCost', not both");
        }
        LearnedBrainRouter.Builder builder = LearnedBrainRouter.builder().brains(BrainCatalog.load(Path.of(brains)));
        if (settings.containsKey("stateFile")) {
            builder.stateFile(Path.of(settings.get("stateFile")));
        }
        if (settings.containsKey("strongShare")) {
            builder.threshold(RoutingThreshold.strongShare(number(settings, "strongShare")));
        }
        if (settings.containsKey("qualityPerCost")) {
            builder.threshold(RoutingThreshold.qualityPerCost(number(settings, "qualityPerCost")));
        }
        if (settings.containsKey("dailyBudget")) {
            builder.dailyBudget(BigDecimal.valueOf(number(settings, "dailyBudget")));
        }
        if (settings.containsKey("maxCostPerCall")) {
            builder.maxCostPerCall(BigDecimal.valueOf(number(settings, "maxCostPerCall")));
        }
        return builder.build();
    }

    private static double number(Map<String, String> settings, String key) {
        try {
            return Double.parseDouble(settings.get(key).strip());
        } catch (NumberFormatException e) {
            throw AiOsException.permanent("setting '" + key + "' is not a number: " + settings.get(key));
        }
    }
}
