package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.Budget;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.routing.RoutingThreshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Which brain takes a request: the hard constraints (private data, needs, context window, the
 * caller's allowance, the daily budget and the per-call cap), then the learned choice (each
 * brain's estimated acceptance traded against its price), escalation one brain up per rejection,
 * exploration, and the strong-share controller. Also owns the acceptance models and their online
 * updates, since choosing and learning read and write the same weights.
 *
 * <p>The decision allocates nothing: the features are written into one scratch array under the
 * lock, and copied out only when the caller asks (a brain call that will learn from its verdict).
 */
final class RoutingPolicy {
    private final BrainTable table;
    private final AcceptanceModel[] models;
    private final RoutingThreshold threshold;
    private final double maxCostPerCall;
    private final double exploration;
    private final double learningRate;
    private final double l2;
    private final int dimension;
    private final ReentrantLock lock = new ReentrantLock();
    private final SplittableRandom random;
    private final float[] scratch;
    private double lambda;

    RoutingPolicy(BrainTable table, double[] priors, int dimension, RoutingThreshold threshold, double maxCostPerCall,
            double exploration, double learningRate, double l2, long seed) {
        this.table = table;
        this.dimension = dimension;
        this.threshold = threshold;
        this.maxCostPerCall = maxCostPerCall;
        this.exploration = exploration;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.random = new SplittableRandom(seed);
        this.scratch = new float[dimension];
        this.lambda = threshold.kind() == RoutingThreshold.Kind.QUALITY_PER_COST ? threshold.value() : 0.1;
        models = new AcceptanceModel[table.size()];
        for (int i = 0; i < models.length; i++) {
            models[i] = new AcceptanceModel(dimension, priors[i]);
        }
    }

    int dimension() {
        return dimension;
    }

    // ---- constraints ------------------------------------------------------------------------

    /** @return the brains that meet the request's hard constraints, as a bit set */
    long allowed(BrainRequest request, boolean overDailyBudget) {
        int needs = BrainTable.mask(request.needs());
        int tokens = request.estimatedInputTokens();
        int maxOut = request.requestedOutputTokens();
        boolean limited = request.allowance() != null;
        long allowed = 0;
        for (int i = 0; i < table.size(); i++) {
            if (request.privateData() && !table.local[i]) {
                continue;
            }
            if ((table.capabilities[i] & needs) != needs || table.contextWindow[i] < tokens) {
                continue;
            }
            if (table.price[i] > 0 && (overDailyBudget || estimatedCost(i, tokens, maxOut) > maxCostPerCall)) {
                continue;
            }
            if (limited && request.affordableOutputTokens(table.brains[i].profile()) < 1) {
                continue;
            }
            allowed |= 1L << i;
        }
        return allowed;
    }

    private double estimatedCost(int i, long in, long out) {
        return (table.inPrice[i] * in + table.outPrice[i] * out) / 1_000_000.0;
    }

    /**
     * @return the error for a request no brain may take, naming each brain and why; a
     *     {@link BudgetExhaustedException} when only the caller's allowance stood in the way
     */
    AiOsException noBrain(BrainRequest request, boolean overDailyBudget, String dailyBudgetReason) {
        int tokens = request.estimatedInputTokens();
        int maxOut = request.requestedOutputTokens();
        List<String> why = new ArrayList<>();
        boolean onlyTheAllowance = true;
        for (int i = 0; i < table.size(); i++) {
            BrainProfile p = table.brains[i].profile();
            String name = table.name(i);
            String reason;
            if (request.privateData() && !table.local[i]) {
                reason = "runs in the cloud and the data is private";
            } else if (!p.capabilities().containsAll(request.needs())) {
                List<BrainProfile.Capability> missing = new ArrayList<>(request.needs());
                missing.removeAll(p.capabilities());
                reason = "lacks " + missing;
            } else if (table.contextWindow[i] < tokens) {
                reason = "context window " + table.contextWindow[i] + " < ~" + tokens + " tokens";
            } else if (table.price[i] > 0 && overDailyBudget) {
                reason = dailyBudgetReason;
            } else if (table.price[i] > 0 && estimatedCost(i, tokens, maxOut) > maxCostPerCall) {
                reason = "an estimated " + String.format(Locale.ROOT, "%.6f", estimatedCost(i, tokens, maxOut))
                        + " per call exceeds maxCostPerCall " + maxCostPerCall;
            } else {
                BrainRequest.Allowance allowance = request.allowance();
                reason = "the allowance left (" + (allowance == null ? "none" : allowance.tokens() + " tokens, "
                        + allowance.cost() + " in cost") + ") cannot pay for ~" + tokens + " input tokens and any answer";
                why.add(name + ": " + reason);
                continue;
            }
            onlyTheAllowance = false;
            why.add(name + ": " + reason);
        }
        String message = "no brain can take the '" + request.purpose() + "' request: " + String.join("; ", why);
        BrainRequest.Allowance allowance = request.allowance();
        if (onlyTheAllowance && allowance != null) {
            Budget.Kind kind = allowance.tokens() <= tokens ? Budget.Kind.TOKENS : Budget.Kind.COST;
            return new BudgetExhaustedException(kind, message + ". The run's budget is spent; raise it to go on.");
        }
        return AiOsException.permanent(message + ". Add a brain that fits, or relax the request or the budgets.");
    }

    // ---- the choice -------------------------------------------------------------------------

    /**
     * Chooses among {@code candidates} (non-empty); allocates nothing.
     *
     * @param embedding the prompt's embedding, or null to decide on the priors alone
     * @param features where to copy the decision's features, or null; written whenever an
     *     embedding is given
     * @return the chosen brain's index
     */
    int choose(BrainRequest request, long candidates, float @Nullable [] embedding, float @Nullable [] features) {
        lock.lock();
        try {
            boolean single = Long.bitCount(candidates) == 1;
            // With one candidate the features serve only a verdict to come: skip them when none will.
            boolean known = embedding != null && (!single || features != null);
            if (known) {
                var chat = request.chat();
                PromptFeatures.fill(embedding, PromptFeatures.promptText(chat), chat.messages().size(),
                        request.purpose(), scratch);
                if (features != null) {
                    System.arraycopy(scratch, 0, features, 0, dimension);
                }
            }
            return single ? Long.numberOfTrailingZeros(candidates) : chooseLocked(candidates, known, request.escalation());
        } finally {
            lock.unlock();
        }
    }

    private int chooseLocked(long candidates, boolean known, int escalation) {
        double cheapest = Double.POSITIVE_INFINITY;
        double dearest = 0;
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            cheapest = Math.min(cheapest, table.price[i]);
            dearest = Math.max(dearest, table.price[i]);
        }
        double span = dearest - cheapest;
        int best = -1;
        double bestUtility = Double.NEGATIVE_INFINITY;
        // byPrice order: on equal utility the cheaper brain wins.
        for (int i : table.byPrice) {
            if ((candidates & (1L << i)) == 0) {
                continue;
            }
            double p = known ? models[i].predict(scratch) : prior(i);
            double normalised = span > 0 ? (table.price[i] - cheapest) / span : 0;
            double utility = p - lambda * normalised;
            if (utility > bestUtility + 1e-12) {
                bestUtility = utility;
                best = i;
            }
        }
        boolean stronger = table.price[best] > cheapest;
        if (escalation > 0) {
            best = stepUp(best, candidates, escalation);
        } else if (exploration > 0 && random.nextDouble() < exploration) {
            best = randomOther(best, candidates);
        }
        if (threshold.kind() == RoutingThreshold.Kind.STRONG_SHARE && escalation == 0) {
            // Robbins-Monro: raise the price of quality when too many calls go strong, lower it otherwise.
            lambda = Math.max(0, lambda + 0.02 * ((stronger ? 1 : 0) - threshold.value()));
        }
        return best;
    }

    private double prior(int i) {
        float[] w = models[i].weights();
        return AcceptanceModel.sigmoid(w[w.length - 1]);
    }

    /** @return the brain {@code steps} places dearer than {@code from} among the candidates, or the dearest */
    private int stepUp(int from, long candidates, int steps) {
        boolean passed = false;
        int last = from;
        int taken = 0;
        for (int i : table.byPrice) {
            if ((candidates & (1L << i)) == 0) {
                continue;
            }
            if (i == from) {
                passed = true;
                continue;
            }
            if (passed && table.price[i] >= table.price[from]) {
                last = i;
                if (++taken == steps) {
                    return i;
                }
            }
        }
        return last;
    }

    private int randomOther(int chosen, long candidates) {
        int pick = random.nextInt(Long.bitCount(candidates) - 1);
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            if (i != chosen && pick-- == 0) {
                return i;
            }
        }
        return chosen;
    }

    // ---- learning ---------------------------------------------------------------------------

    /** Learns one verdict on brain {@code learner}'s answer to a prompt with features {@code x}. */
    void learn(int learner, float[] x, AnswerVerdict verdict) {
        lock.lock();
        try {
            models[learner].update(x, verdict == AnswerVerdict.ACCEPTED ? 1 : 0, learningRate, l2);
        } finally {
            lock.unlock();
        }
    }

    /** Learns from a prompt whose embedding is known, computing its features in the scratch array. */
    void learn(int learner, BrainRequest request, float[] embedding, AnswerVerdict verdict) {
        lock.lock();
        try {
            var chat = request.chat();
            PromptFeatures.fill(embedding, PromptFeatures.promptText(chat), chat.messages().size(), request.purpose(),
                    scratch);
            models[learner].update(scratch, verdict == AnswerVerdict.ACCEPTED ? 1 : 0, learningRate, l2);
        } finally {
            lock.unlock();
        }
    }

    /** @return brain {@code brain}'s estimated acceptance probability for the request */
    double acceptanceEstimate(int brain, BrainRequest request, float[] embedding) {
        lock.lock();
        try {
            var chat = request.chat();
            PromptFeatures.fill(embedding, PromptFeatures.promptText(chat), chat.messages().size(), request.purpose(),
                    scratch);
            return models[brain].predict(scratch);
        } finally {
            lock.unlock();
        }
    }

    // ---- state ------------------------------------------------------------------------------

    /** What the state file keeps of the policy, copied under the lock. */
    record Saved(double lambda, float[][] weights, float[][] squaredGradients, long[] updates) {}

    Saved save() {
        lock.lock();
        try {
            int n = models.length;
            float[][] w = new float[n][];
            float[][] g = new float[n][];
            long[] u = new long[n];
            for (int i = 0; i < n; i++) {
                w[i] = models[i].weights().clone();
                g[i] = models[i].squaredGradients().clone();
                u[i] = models[i].updates();
            }
            return new Saved(lambda, w, g, u);
        } finally {
            lock.unlock();
        }
    }

    /** Restores the strong-share controller's rate (only that threshold learns it). */
    void restoreLambda(double saved) {
        if (threshold.kind() == RoutingThreshold.Kind.STRONG_SHARE) {
            lock.lock();
            try {
                lambda = saved;
            } finally {
                lock.unlock();
            }
        }
    }

    void restoreModel(int brain, float[] weights, float[] squaredGradients, long updates) {
        lock.lock();
        try {
            models[brain] = new AcceptanceModel(weights, squaredGradients, updates);
        } finally {
            lock.unlock();
        }
    }

}
