package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainTicket;
import dev.aios.api.Usage;
import dev.aios.routing.Resilience;
import dev.aios.routing.RoutingReport;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The learned router's round trip: one brain call is decided ({@link RoutingPolicy}), made with
 * retries and fallback ({@link ResilientCaller}), accounted ({@link SpendLedger}), and answered
 * with a {@link LearnedTicket} that carries what its verdict teaches; the verdict updates the
 * answering brain's estimate and, now and then, the state file ({@link RouterStateStore}).
 * Nothing is remembered between a call and its verdict but the ticket the caller holds.
 */
public final class LearnedRouting {
    /** Settings, validated by the public builder. */
    public record Settings(List<Brain> brains, double[] priors, EmbeddingModel embedder, RoutingThreshold threshold,
            Resilience resilience, @Nullable BigDecimal dailyBudget, @Nullable BigDecimal maxCostPerCall,
            double exploration, double learningRate, double l2, @Nullable Path stateFile, int saveEvery, Clock clock,
            long seed) {}

    private final BrainTable table;
    private final List<Brain> brains;
    private final PromptEmbeddings embeddings;
    private final SpendLedger ledger;
    private final RoutingPolicy policy;
    private final ResilientCaller caller;
    private final RouterStateStore state;

    /** Builds the parts and restores the state file when there is one. */
    public LearnedRouting(Settings settings) {
        table = new BrainTable(settings.brains());
        brains = List.copyOf(settings.brains());
        embeddings = new PromptEmbeddings(settings.embedder());
        ledger = new SpendLedger(table, settings.dailyBudget(), settings.clock());
        double maxCostPerCall = settings.maxCostPerCall() == null ? Double.POSITIVE_INFINITY
                : settings.maxCostPerCall().doubleValue();
        policy = new RoutingPolicy(table, settings.priors(), PromptFeatures.dimension(embeddings.dimension()),
                settings.threshold(), maxCostPerCall, settings.exploration(), settings.learningRate(), settings.l2(),
                settings.seed());
        caller = new ResilientCaller(table, settings.resilience(), ledger);
        state = new RouterStateStore(settings.stateFile(), settings.saveEvery(), table, policy, ledger);
        state.restoreIfPresent();
    }

    /** @return the configured brains, in the order given */
    public List<Brain> brains() {
        return brains;
    }

    /** @return the dimension of the router's embeddings */
    public int embeddingDimension() {
        return embeddings.dimension();
    }

    /** @return the brain the router would choose, embedding the prompt when there is a choice */
    public Brain route(BrainRequest request) {
        return brains.get(decide(request, embedIfChoice(request), null));
    }

    /** @return the brain the router would choose for a prompt whose embedding is known; allocates nothing */
    public Brain route(BrainRequest request, float[] embedding) {
        return table.brains[decide(request, embedding, null)];
    }

    /**
     * Answers {@code request}: decides, calls with retries and fallback, accounts the call.
     *
     * @param partialText where a streamed answer's pieces go, or null for a blocking call
     */
    public BrainAnswer chat(BrainRequest request, @Nullable Consumer<String> partialText) {
        float[] embedding = embedIfChoice(request);
        float[] features = embedding == null ? null : new float[policy.dimension()];
        long allowed = allowed(request);
        int chosen = decide(request, allowed, embedding, features);
        ResilientCaller.Answered answered = caller.call(request, chosen, allowed, partialText);
        int i = answered.brain();
        Usage usage = Usage.ofCall(table.brains[i].profile(), request.estimatedInputTokens(), answered.response());
        ledger.answered(i, i != chosen, usage, allowed, answered.nanos());
        String name = table.name(i);
        return new BrainAnswer(answered.response(), name, usage, new LearnedTicket(this, name, i, request, features));
    }

    /** Learns the verdict on an answer this router gave; a ticket from elsewhere is ignored. */
    public void recordOutcome(BrainTicket ticket, AnswerVerdict verdict) {
        if (!(ticket instanceof LearnedTicket mine) || mine.issuer != this) {
            return;
        }
        if (mine.features != null) {
            policy.learn(mine.answeredBy, mine.features, verdict);
        } else {
            policy.learn(mine.answeredBy, mine.request, embeddings.embed(promptText(mine.request)), verdict);
        }
        ledger.verdict(mine.answeredBy, verdict);
        state.verdictLearned();
    }

    /** Learns a verdict on {@code brain}'s answer to {@code request}, embedding the prompt when not given. */
    public void recordOutcome(String brain, BrainRequest request, float @Nullable [] embedding, AnswerVerdict verdict) {
        int i = table.indexOf(brain);
        policy.learn(i, request, embedding != null ? embedding : embeddings.embed(promptText(request)), verdict);
        ledger.verdict(i, verdict);
        state.verdictLearned();
    }

    /** @return brain {@code brain}'s estimated acceptance probability for the request */
    public double acceptanceEstimate(String brain, BrainRequest request, float[] embedding) {
        return policy.acceptanceEstimate(table.indexOf(brain), request, embedding);
    }

    /** @return the embedding the router uses for {@code text} (cached) */
    public float[] embed(String text) {
        return embeddings.embed(text);
    }

    /** @return each brain's provider's breaker state now, by brain name */
    public java.util.Map<String, dev.aios.routing.BreakerState> breakerStates() {
        return java.util.Collections.unmodifiableMap(caller.breakerStates(System.nanoTime()));
    }

    /** @return the ledger as a report */
    public RoutingReport report() {
        return ledger.report();
    }

    /** Writes the state file now. */
    public void save() {
        state.save();
    }


    private float @Nullable [] embedIfChoice(BrainRequest request) {
        return Long.bitCount(allowed(request)) > 1 ? embeddings.embed(promptText(request)) : null;
    }

    private static String promptText(BrainRequest request) {
        return PromptFeatures.promptText(request.chat());
    }

    private long allowed(BrainRequest request) {
        return policy.allowed(request, ledger.overDailyBudget());
    }

    private int decide(BrainRequest request, float @Nullable [] embedding, float @Nullable [] features) {
        return decide(request, allowed(request), embedding, features);
    }

    /** The decision: constraints, open circuits, the choice, the escalation count; allocates nothing when it succeeds. */
    private int decide(BrainRequest request, long allowed, float @Nullable [] embedding, float @Nullable [] features) {
        if (allowed == 0) {
            throw policy.noBrain(request, ledger.overDailyBudget(), ledger.dailyBudgetReason());
        }
        long now = System.nanoTime();
        long candidates = caller.closed(allowed, now);
        if (candidates == 0) {
            throw caller.allOpen(request, allowed, now);
        }
        int chosen = policy.choose(request, candidates, embedding, features);
        if (request.escalation() > 0) {
            ledger.escalated(chosen);
        }
        return chosen;
    }
}
