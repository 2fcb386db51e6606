package dev.aios.routing;

import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainRouter;
import dev.aios.api.BrainTicket;
import dev.aios.api.Secrets;
import dev.aios.routing.internal.LearnedRouting;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BrainRouter} that sends each model call to the cheapest brain that does the job, and
 * learns which that is from verified outcomes.
 *
 * <p>For each request it (1) keeps only the brains that meet the hard constraints: private data
 * only to {@code LOCAL} brains, the needed capabilities, a context window that holds the prompt,
 * the caller's {@linkplain BrainRequest#allowance() allowance}, the daily budget and the per-call
 * cost cap (paid brains only); (2) skips brains whose provider's circuit is open; (3) estimates
 * each remaining brain's chance of an accepted answer from the prompt's in-process sentence
 * embedding and a few cheap features, and picks the best trade of that chance against price under
 * the {@link RoutingThreshold}; (4) on an escalated request (a weaker answer was just rejected)
 * steps up to a dearer brain, one step per rejection.
 *
 * <p>{@link #chat} is one round trip: the call is retried on retriable errors with backoff, then
 * falls back to the next brain the request's constraints allow (dearer ones first), with a circuit
 * breaker per provider ({@link Resilience}); every brain is sent the request with its output
 * capped to the allowance ({@link BrainRequest#chatFor}). The {@link BrainAnswer} names the brain
 * that really answered and what the call used, as entered in the ledger ({@link #report()}); its
 * ticket, handed back to {@link #recordOutcome(BrainTicket, AnswerVerdict)}, updates that brain's
 * estimate online (a contextual bandit: it learns only from the brain it tried); a small
 * exploration rate keeps every brain's estimate alive. State (estimates, ledger, today's spend)
 * persists in {@link Builder#stateFile}.
 * {@snippet :
 * LearnedBrainRouter router = LearnedBrainRouter.builder()
 *         .brain(Brain.local("local", localModel))
 *         .brain(new Brain("gpt", openAiModel, gptProfile))
 *         .threshold(RoutingThreshold.strongShare(0.3))
 *         .stateFile(Path.of("router.state"))
 *         .build();
 * BrainAnswer answer = router.chat(request);
 * router.recordOutcome(answer.ticket(), AnswerVerdict.of(check(answer.text())));
 * }
 * Thread-safe.
 */
public final class LearnedBrainRouter implements BrainRouter {
    private final LearnedRouting routing;

    private LearnedBrainRouter(LearnedRouting routing) {
        this.routing = routing;
    }

    /** @return a builder; at least one brain is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the brains, in the order given */
    @Override
    public List<Brain> brains() {
        return routing.brains();
    }

    /**
     * @return the configured brain the router would choose now (it is not called; the choice
     *     moves the strong-share controller and the exploration like a real one)
     * @throws AiOsException not retriable if no brain meets the constraints (the message names
     *     each brain and why), retriable if every brain that does has its provider's circuit open
     */
    @Override
    public Brain route(BrainRequest request) {
        return routing.route(request);
    }

    /**
     * Chooses for a request whose prompt embedding the caller already has (from the same
     * embedding model), skipping the embedding step; allocates nothing.
     *
     * @param embedding the embedding of the request's prompt text (its last user message)
     */
    public Brain route(BrainRequest request, float[] embedding) {
        return routing.route(request, checked(embedding));
    }

    /**
     * {@inheritDoc}
     *
     * @throws AiOsException not retriable if no brain meets the constraints (a
     *     {@link dev.aios.api.BudgetExhaustedException} when only the allowance stood in the
     *     way); retriable if every allowed brain's circuit is open or every one failed in a way a
     *     later try may not
     */
    @Override
    public BrainAnswer chat(BrainRequest request) {
        try {
            return routing.chat(request, null);
        } catch (RuntimeException e) {
            // A provider's error may echo the key it was sent: nothing leaves the router unscrubbed.
            throw Secrets.scrub(e);
        }
    }

    /**
     * Like {@link #chat}, streaming: the answer's pieces of text go to {@code partialText} as the
     * brain writes them (a brain that cannot stream gives its whole answer as one piece), and the
     * answer is returned when complete. Retries and fallback happen only until the first piece
     * was passed on; a stream that breaks after that throws its error.
     */
    @Override
    public BrainAnswer stream(BrainRequest request, Consumer<String> partialText) {
        if (partialText == null) {
            throw AiOsException.permanent("partialText must not be null; pass a consumer of the answer's pieces");
        }
        try {
            return routing.chat(request, partialText);
        } catch (RuntimeException e) {
            throw Secrets.scrub(e);
        }
    }

    /** Learns the verdict on an answer of {@link #chat}; tickets of other routers are ignored. */
    @Override
    public void recordOutcome(BrainTicket ticket, AnswerVerdict verdict) {
        if (ticket == null || verdict == null) {
            throw AiOsException.permanent("ticket and verdict must not be null (pass answer.ticket() and a verdict)");
        }
        routing.recordOutcome(ticket, verdict);
    }

    /**
     * Learns from a verdict on {@code brain}'s answer with the prompt's embedding given, for
     * example to train the router from a log of past outcomes before use.
     */
    public void recordOutcome(Brain brain, BrainRequest request, float[] embedding, AnswerVerdict verdict) {
        routing.recordOutcome(brain.name(), request, checked(embedding), verdict);
    }

    /** @return the estimated chance that {@code brain}'s answer to {@code request} is accepted */
    public double acceptanceEstimate(Brain brain, BrainRequest request, float[] embedding) {
        return routing.acceptanceEstimate(brain.name(), request, checked(embedding));
    }

    /** @return the embedding the router uses for {@code text} (cached; do not modify it) */
    public float[] embed(String text) {
        return routing.embed(text);
    }

    /**
     * The circuit breakers as they stand now, for a console or a health check: each brain's name
     * with the state of its provider's breaker (brains of one provider share it). A breaker whose
     * cooldown has ended reads {@link BreakerState#HALF_OPEN}: the next call to it is a trial.
     *
     * @return brain name to breaker state, in the order the brains were given; a snapshot
     */
    public Map<String, BreakerState> breakerStates() {
        return routing.breakerStates();
    }

    /** @return calls, tokens, cost, latency, escalations per brain, and the cost saved */
    public RoutingReport report() {
        return routing.report();
    }

    /** Writes the state file now (it is also written after every {@code saveEvery} outcomes). */
    public void save() {
        routing.save();
    }

    private float[] checked(float[] embedding) {
        if (embedding == null) {
            throw AiOsException.permanent("embedding must not be null");
        }
        if (embedding.length != routing.embeddingDimension()) {
            throw AiOsException.permanent("the embedding has " + embedding.length + " dimensions, the router's model has "
                    + routing.embeddingDimension() + "; embed with the same model (LearnedBrainRouter.embed)");
        }
        return embedding;
    }

    @Override
    public String toString() {
        return "LearnedBrainRouter" + brains().stream().map(Brain::name).toList();
    }

    /**
     * Options of a {@link LearnedBrainRouter}. Defaults: the in-process all-MiniLM-L6-v2
     * (quantised) embedding model; {@code qualityPerCost(0.2)}; {@link Resilience#defaults()}; no
     * daily budget and no per-call cap; exploration 0.02; learning rate 0.05; L2 1e-4; no state
     * file; save after every outcome; the system clock; seed 42.
     */
    public static final class Builder {
        private final List<Brain> brains = new ArrayList<>();
        private final List<Double> priors = new ArrayList<>();
        private @Nullable EmbeddingModel embeddingModel;
        private RoutingThreshold threshold = RoutingThreshold.qualityPerCost(0.2);
        private Resilience resilience = Resilience.defaults();
        private @Nullable BigDecimal dailyBudget;
        private @Nullable BigDecimal maxCostPerCall;
        private double exploration = 0.02;
        private double learningRate = 0.05;
        private double l2 = 1e-4;
        private @Nullable Path stateFile;
        private int saveEvery = 1;
        private Clock clock = Clock.systemDefaultZone();
        private long seed = 42;

        private Builder() {}

        /**
         * Adds a brain with a prior acceptance rate taken from its price rank (the cheapest 0.70,
         * the dearest 0.85), until outcomes teach the router better.
         */
        public Builder brain(Brain brain) {
            return brain(brain, Double.NaN);
        }

        /** Adds a brain with the acceptance rate to assume before any outcome, in (0, 1). */
        public Builder brain(Brain brain, double priorAcceptance) {
            if (brain == null) {
                throw AiOsException.permanent("brain must not be null");
            }
            if (!Double.isNaN(priorAcceptance) && !(priorAcceptance > 0 && priorAcceptance < 1)) {
                throw AiOsException.permanent("priorAcceptance of brain " + brain.name() + " must be in (0, 1), was "
                        + priorAcceptance);
            }
            brains.add(brain);
            priors.add(priorAcceptance);
            return this;
        }

        /** Adds brains with priors from their price rank. */
        public Builder brains(List<Brain> brains) {
            brains.forEach(this::brain);
            return this;
        }

        /** The sentence embedding model for prompts; the default runs in process. */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = model;
            return this;
        }

        /** How quality trades against price. */
        public Builder threshold(RoutingThreshold threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Retries, backoff, call timeout and circuit breakers. */
        public Builder resilience(Resilience resilience) {
            this.resilience = resilience;
            return this;
        }

        /** Most money paid brains may cost per calendar day (in the clock's zone); then only free ones. */
        public Builder dailyBudget(BigDecimal budget) {
            this.dailyBudget = budget;
            return this;
        }

        /**
         * Most money one call may be expected to cost (its estimated input tokens plus its
         * {@code maxOutputTokens}, or 1000); dearer paid brains are ruled out for it.
         */
        public Builder maxCostPerCall(BigDecimal cap) {
            this.maxCostPerCall = cap;
            return this;
        }

        /** Share of first-try calls sent to another eligible brain to keep its estimate alive, 0..0.5. */
        public Builder exploration(double rate) {
            this.exploration = rate;
            return this;
        }

        /** Step size of the online updates, in (0, 10]. */
        public Builder learningRate(double rate) {
            this.learningRate = rate;
            return this;
        }

        /** L2 shrinkage per update, 0..1. */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** File the estimates and ledger persist in across restarts; read at build() when present. */
        public Builder stateFile(Path file) {
            this.stateFile = file;
            return this;
        }

        /** Write the state file after this many outcomes, {@code >= 1}. */
        public Builder saveEvery(int outcomes) {
            this.saveEvery = outcomes;
            return this;
        }

        /** The clock that decides when a day (for the daily budget) begins. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Seed of the exploration's random choices, for reproducible routing. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @return the router, with state restored from the state file when it exists
         * @throws AiOsException naming the option that is missing or invalid, or if the state file
         *     is unreadable
         */
        public LearnedBrainRouter build() {
            if (brains.isEmpty()) {
                throw bad("no brains: add at least one with brain(...)");
            }
            Set<String> names = new HashSet<>();
            for (Brain brain : brains) {
                if (!names.add(brain.name())) {
                    throw bad("two brains are named '" + brain.name() + "'; brain names must be unique");
                }
            }
            if (threshold == null) {
                throw bad("threshold must not be null");
            }
            if (resilience == null) {
                throw bad("resilience must not be null");
            }
            if (dailyBudget != null && dailyBudget.signum() < 0) {
                throw bad("dailyBudget must be >= 0, was " + dailyBudget);
            }
            if (maxCostPerCall != null && maxCostPerCall.signum() < 0) {
                throw bad("maxCostPerCall must be >= 0, was " + maxCostPerCall);
            }
            if (!(exploration >= 0 && exploration <= 0.5)) {
                throw bad("exploration must be between 0 and 0.5, was " + exploration);
            }
            if (!(learningRate > 0 && learningRate <= 10)) {
                throw bad("learningRate must be in (0, 10], was " + learningRate);
            }
            if (!(l2 >= 0 && l2 <= 1)) {
                throw bad("l2 must be between 0 and 1, was " + l2);
            }
            if (saveEvery < 1) {
                throw bad("saveEvery must be >= 1, was " + saveEvery);
            }
            if (clock == null) {
                throw bad("clock must not be null");
            }
            EmbeddingModel embedder = embeddingModel != null ? embeddingModel : new AllMiniLmL6V2QuantizedEmbeddingModel();
            return new LearnedBrainRouter(new LearnedRouting(new LearnedRouting.Settings(List.copyOf(brains),
                    priors(), embedder, threshold, resilience, dailyBudget, maxCostPerCall, exploration, learningRate,
                    l2, stateFile, saveEvery, clock, seed)));
        }

        private double[] priors() {
            List<Double> prices = brains.stream()
                    .map(b -> b.profile().inputPricePerMillion().add(b.profile().outputPricePerMillion()).doubleValue())
                    .sorted().distinct().toList();
            double[] out = new double[brains.size()];
            for (int i = 0; i < out.length; i++) {
                if (!Double.isNaN(priors.get(i))) {
                    out[i] = priors.get(i);
                    continue;
                }
                double price = brains.get(i).profile().inputPricePerMillion()
                        .add(brains.get(i).profile().outputPricePerMillion()).doubleValue();
                double rank = prices.size() == 1 ? 0 : (double) prices.indexOf(price) / (prices.size() - 1);
                out[i] = 0.70 + 0.15 * rank;
            }
            return out;
        }

        private static AiOsException bad(String message) {
            return AiOsException.permanent("LearnedBrainRouter: " + message);
        }
    }
}
