package dev.aios.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@link BrainRouter#cheapestFit}: constraints, then price. */
final class CheapestFitRouter implements BrainRouter {
    private final List<Brain> brains;

    CheapestFitRouter(List<Brain> brains) {
        this.brains = List.copyOf(Checks.notNull(brains, "brains"));
        if (this.brains.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one brain");
        }
        Set<String> names = new HashSet<>();
        for (Brain brain : this.brains) {
            if (!names.add(brain.name())) {
                throw new IllegalArgumentException("two brains are named '" + brain.name() + "'");
            }
        }
    }

    @Override
    public List<Brain> brains() {
        return brains;
    }

    @Override
    public Brain route(BrainRequest request) {
        Brain best = null;
        List<String> ruledOut = new ArrayList<>();
        int tokens = request.estimatedInputTokens();
        boolean onlyTheAllowance = true;
        for (Brain brain : brains) {
            BrainProfile p = brain.profile();
            if (request.privateData() && p.location() != BrainProfile.Location.LOCAL) {
                ruledOut.add(brain.name() + ": runs in the cloud and the data is private");
            } else if (!p.capabilities().containsAll(request.needs())) {
                ruledOut.add(brain.name() + ": lacks " + missing(request, p));
            } else if (p.contextWindow() < tokens) {
                ruledOut.add(brain.name() + ": context window " + p.contextWindow() + " < ~" + tokens + " tokens");
            } else if (request.allowance() != null && request.affordableOutputTokens(p) < 1) {
                ruledOut.add(brain.name() + ": the allowance left (" + request.allowance().tokens() + " tokens, "
                        + request.allowance().cost() + " in cost) cannot pay for ~" + tokens
                        + " input tokens and any answer");
                continue;
            } else if (best == null || price(p) < price(best.profile())) {
                best = brain;
            }
            if (best != brain) {
                onlyTheAllowance = false;
            }
        }
        if (best == null && onlyTheAllowance && request.allowance() != null) {
            throw new BudgetExhaustedException(request.allowance().tokens() <= tokens ? Budget.Kind.TOKENS
                    : Budget.Kind.COST, "no brain can take the '" + request.purpose() + "' request: "
                    + String.join("; ", ruledOut) + ". The run's budget is spent; raise it to go on.");
        }
        if (best == null) {
            throw AiOsException.permanent("no brain can take the '" + request.purpose() + "' request: "
                    + String.join("; ", ruledOut) + ". Add a brain that fits, or relax the request.");
        }
        return best;
    }

    private static Set<BrainProfile.Capability> missing(BrainRequest request, BrainProfile profile) {
        Set<BrainProfile.Capability> missing = new HashSet<>(request.needs());
        missing.removeAll(profile.capabilities());
        return missing;
    }

    private static double price(BrainProfile p) {
        return p.inputPricePerMillion().doubleValue() + p.outputPricePerMillion().doubleValue();
    }
}
