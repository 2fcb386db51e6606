package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.routing.BrainStats;
import dev.aios.routing.Resilience;
import dev.aios.routing.RoutingReport;
import dev.aios.routing.RoutingThreshold;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learned router's engine: constraints, the choice, escalation, exploration, the strong-share
 * controller, the ring of recent decisions that links a routed request to the brain that answered
 * it, fallback with retries and circuit breakers, the ledger, and persistence.
 *
 * <p>Why a ring of decisions: the runtime calls {@code route(request)}, then
 * {@code brain.model().chat(request.chat())} on another thread, then
 * {@code recordOutcome(brain, request, accepted)}. The brain returned is a pre-built
 * {@link FallbackChatModel} per configured brain, so routing allocates nothing; the wrapper finds
 * the decision by the identity of the chat request (its constraints decide which brains it may
 * fall back to), and the outcome finds it by the identity of the brain request (its features and
 * the brain that really answered are what the model learns from).
 */
public final class RouterCore {
    private static final Logger log = LoggerFactory.getLogger(RouterCore.class);
    private static final int RING = 256;
    private static final int EMBEDDING_CACHE = 512;
    // Ledger counter slots per brain.
    static final int CALLS = 0;
    static final int FAILURES = 1;
    static final int IN = 2;
    static final int OUT = 3;
    static final int LATENCY = 4;
    static final int ESCALATIONS = 5;
    static final int FALLBACKS = 6;
    static final int ACCEPTED = 7;
    static final int REJECTED = 8;
    static final int COUNTERS = 9;
    private static final ExecutorService CALLS_EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    /** One routed request, reused in place so routing allocates nothing. */
    private static final class Decision {
        BrainRequest request;
        ChatRequest chat;
        final float[] x;
        boolean hasFeatures;
        String runId;
        long allowed;
        long candidates;
        int chosen = -1;
        int answeredBy = -1;

        Decision(int dimension) {
            x = new float[dimension];
        }
    }

    private static final int MAX_TRACKED_RUNS = 10_000;

    /** Settings, validated by the public builder. */
    public record Settings(List<Brain> brains, double[] priors, EmbeddingModel embedder, RoutingThreshold threshold,
            Resilience resilience, BigDecimal dailyBudget, BigDecimal runBudget, BigDecimal maxCostPerCall,
            double exploration, double learningRate, double l2, Path stateFile, int saveEvery, Clock clock, long seed) {}

    private final Brain[] brains;
    private final Brain[] routed;
    private final double[] price;
    private final double[] inPrice;
    private final double[] outPrice;
    private final boolean[] local;
    private final int[] capabilities;
    private final int[] contextWindow;
    private final int[] byPrice;
    private final ProviderBreaker[] breakers;
    private final AcceptanceModel[] models;
    private final EmbeddingModel embedder;
    private final int embeddingDims;
    private final int dimension;
    private final RoutingThreshold threshold;
    private final Resilience resilience;
    private final BigDecimal dailyBudget;
    private final double maxCostPerCall;
    private final double exploration;
    private final double learningRate;
    private final double l2;
    private final Path stateFile;
    private final int saveEvery;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Decision[] ring;
    private int next;
    private final SplittableRandom random;
    private double lambda;
    private final long[][] counters;
    private final BigDecimal[] cost;
    private BigDecimal costIfStrongest = BigDecimal.ZERO;
    private BigDecimal spentToday = BigDecimal.ZERO;
    private final BigDecimal runBudget;
    /** Spending per agent run, for the run budget; the oldest runs are forgotten past a bound. */
    private final Map<String, BigDecimal> spentByRun = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BigDecimal> eldest) {
            return size() > MAX_TRACKED_RUNS;
        }
    };
    private long day;
    private long dayEndsAtMillis;
    private boolean overDailyBudget;
    private long outcomesSinceSave;
    private final Map<String, float[]> embeddings = new LinkedHashMap<>(EMBEDDING_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > EMBEDDING_CACHE;
        }
    };

    public RouterCore(Settings settings) {
        int n = settings.brains().size();
        if (n > 64) {
            throw AiOsException.permanent("the learned router takes at most 64 brains, was given " + n);
        }
        brains = settings.brains().toArray(Brain[]::new);
        routed = new Brain[n];
        price = new double[n];
        inPrice = new double[n];
        outPrice = new double[n];
        local = new boolean[n];
        capabilities = new int[n];
        contextWindow = new int[n];
        breakers = new ProviderBreaker[n];
        models = new AcceptanceModel[n];
        counters = new long[n][COUNTERS];
        cost = new BigDecimal[n];
        embedder = settings.embedder();
        embeddingDims = embedder.dimension();
        dimension = PromptFeatures.dimension(embeddingDims);
        threshold = settings.threshold();
        resilience = settings.resilience();
        dailyBudget = settings.dailyBudget();
        runBudget = settings.runBudget();
        maxCostPerCall = settings.maxCostPerCall() == null ? Double.POSITIVE_INFINITY
                : settings.maxCostPerCall().doubleValue();
        exploration = settings.exploration();
        learningRate = settings.learningRate();
        l2 = settings.l2();
        stateFile = settings.stateFile();
        saveEvery = settings.saveEvery();
        clock = settings.clock();
        random = new SplittableRandom(settings.seed());
        lambda = threshold.kind() == RoutingThreshold.Kind.QUALITY_PER_COST ? threshold.value() : 0.1;
        Map<String, ProviderBreaker> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            BrainProfile p = brains[i].profile();
            inPrice[i] = p.inputPricePerMillion().doubleValue();
            outPrice[i] = p.outputPricePerMillion().doubleValue();
            price[i] = inPrice[i] + outPrice[i];
            local[i] = p.location() == BrainProfile.Location.LOCAL;
            for (BrainProfile.Capability c : p.capabilities()) {
                capabilities[i] |= 1 << c.ordinal();
            }
            contextWindow[i] = p.contextWindow();
            breakers[i] = byProvider.computeIfAbsent(p.provider(), provider -> new ProviderBreaker(provider,
                    resilience.breakerFailures(), resilience.breakerCooldown().toNanos()));
            models[i] = new AcceptanceModel(dimension, settings.priors()[i]);
            cost[i] = BigDecimal.ZERO;
            routed[i] = new Brain(brains[i].name(), new FallbackChatModel(this, i), p,
                    brains[i].streams() ? new FallbackStreamingChatModel(this, i) : null);
        }
        byPrice = new int[n];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(price[a], price[b]));
        for (int i = 0; i < n; i++) {
            byPrice[i] = order.get(i);
        }
        ring = new Decision[RING];
        for (int i = 0; i < RING; i++) {
            ring[i] = new Decision(dimension);
        }
        startDay(clock.millis());
        if (stateFile != null && Files.exists(stateFile)) {
            restore(RouterState.read(stateFile));
        }
    }

    /** @return the brains the router hands out (each wraps a configured brain with fallback) */
    public List<Brain> routedBrains() {
        return List.of(routed);
    }

    /** @return the dimension of the router's embeddings */
    public int embeddingDimension() {
        return embeddingDims;
    }

    // ---- routing ----------------------------------------------------------------------------

    public Brain route(BrainRequest request) {
        long allowed = allowed(request);
        float[] embedding = null;
        if (Long.bitCount(allowed) > 1) {
            embedding = embed(PromptFeatures.promptText(request.chat()));
        }
        return route(request, embedding);
    }

    /**
     * Routes with a known embedding ({@code null} when the caller knows there is no choice to
     * make); allocates nothing on the way to a successful choice.
     */
    public Brain route(BrainRequest request, float[] embedding) {
        long allowed = allowed(request);
        if (allowed == 0) {
            throw noBrain(request);
        }
        long now = System.nanoTime();
        long candidates = 0;
        for (long bits = allowed; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            if (breakers[i].allows(now)) {
                candidates |= 1L << i;
            }
        }
        if (candidates == 0) {
            throw allOpen(request, allowed, now);
        }
        lock.lock();
        try {
            Decision d = ring[next];
            next = (next + 1) % RING;
            d.request = request;
            d.chat = request.chat();
            d.runId = request.runId();
            d.allowed = allowed;
            d.candidates = candidates;
            d.answeredBy = -1;
            d.hasFeatures = false;
            int chosen;
            if (Long.bitCount(candidates) == 1) {
                chosen = Long.numberOfTrailingZeros(candidates);
            } else {
                if (embedding != null) {
                    PromptFeatures.fill(embedding, PromptFeatures.promptText(request.chat()),
                            request.chat().messages().size(), request.purpose(), d.x);
                    d.hasFeatures = true;
                }
                chosen = choose(d, candidates, request.escalation());
            }
            d.chosen = chosen;
            if (request.escalation() > 0) {
                counters[chosen][ESCALATIONS]++;
            }
            return routed[chosen];
        } finally {
            lock.unlock();
        }
    }

    private int choose(Decision d, long candidates, int escalation) {
        double cheapest = Double.POSITIVE_INFINITY;
        double dearest = 0;
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            cheapest = Math.min(cheapest, price[i]);
            dearest = Math.max(dearest, price[i]);
        }
        double span = dearest - cheapest;
        int best = -1;
        double bestUtility = Double.NEGATIVE_INFINITY;
        // byPrice order: on equal utility the cheaper brain wins.
        for (int k = 0; k < byPrice.length; k++) {
            int i = byPrice[k];
            if ((candidates & (1L << i)) == 0) {
                continue;
            }
            double p = d.hasFeatures ? models[i].predict(d.x) : prior(i);
            double normalised = span > 0 ? (price[i] - cheapest) / span : 0;
            double utility = p - lambda * normalised;
            if (utility > bestUtility + 1e-12) {
                bestUtility = utility;
                best = i;
            }
        }
        boolean stronger = price[best] > cheapest;
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
        int position = -1;
        int last = from;
        int taken = 0;
        for (int k = 0; k < byPrice.length; k++) {
            int i = byPrice[k];
            if ((candidates & (1L << i)) == 0) {
                continue;
            }
            if (i == from) {
                position = k;
                continue;
            }
            if (position >= 0 && price[i] >= price[from]) {
                last = i;
                if (++taken == steps) {
                    return i;
                }
            }
        }
        return last;
    }

    private int randomOther(int chosen, long candidates) {
        int others = Long.bitCount(candidates) - 1;
        int pick = random.nextInt(others);
        for (long bits = candidates; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            if (i != chosen && pick-- == 0) {
                return i;
            }
        }
        return chosen;
    }

    /** @return the brains that meet the request's hard constraints, as a bit set */
    private long allowed(BrainRequest request) {
        int needs = 0;
        if (!request.needs().isEmpty()) {
            for (BrainProfile.Capability c : request.needs()) {
                needs |= 1 << c.ordinal();
            }
        }
        int tokens = request.estimatedInputTokens();
        boolean overBudget = overDailyBudget() || overRunBudget(request);
        int maxOut = maxOutputTokens(request);
        long allowed = 0;
        for (int i = 0; i < brains.length; i++) {
            if (request.privateData() && !local[i]) {
                continue;
            }
            if ((capabilities[i] & needs) != needs || contextWindow[i] < tokens) {
                continue;
            }
            if (price[i] > 0 && (overBudget || estimatedCost(i, tokens, maxOut) > maxCostPerCall)) {
                continue;
            }
            allowed |= 1L << i;
        }
        return allowed;
    }

    private static int maxOutputTokens(BrainRequest request) {
        Integer max = request.chat().parameters() == null ? null : request.chat().parameters().maxOutputTokens();
        return max == null ? 1000 : max;
    }

    private double estimatedCost(int i, long in, long out) {
        return (inPrice[i] * in + outPrice[i] * out) / 1_000_000.0;
    }

    private boolean overDailyBudget() {
        if (dailyBudget == null) {
            return false;
        }
        long now = clock.millis();
        if (now >= dayEndsAtMillis) {
            lock.lock();
            try {
                if (now >= dayEndsAtMillis) {
                    startDay(now);
                    spentToday = BigDecimal.ZERO;
                    overDailyBudget = false;
                }
            } finally {
                lock.unlock();
            }
        }
        return overDailyBudget;
    }

    /** Called with the lock held (from route) or without (from noBrain): the map is only touched under it. */
    private boolean overRunBudget(BrainRequest request) {
        if (runBudget == null || request.runId() == null) {
            return false;
        }
        boolean held = lock.isHeldByCurrentThread();
        if (!held) {
            lock.lock();
        }
        try {
            BigDecimal spent = spentByRun.get(request.runId());
            return spent != null && spent.compareTo(runBudget) >= 0;
        } finally {
            if (!held) {
                lock.unlock();
            }
        }
    }

    private void startDay(long nowMillis) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), clock.getZone());
        day = today.toEpochDay();
        dayEndsAtMillis = today.plusDays(1).atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
    }

    private AiOsException noBrain(BrainRequest request) {
        int tokens = request.estimatedInputTokens();
        int maxOut = maxOutputTokens(request);
        List<String> why = new ArrayList<>();
        for (int i = 0; i < brains.length; i++) {
            BrainProfile p = brains[i].profile();
            String name = brains[i].name();
            if (request.privateData() && !local[i]) {
                why.add(name + ": runs in the cloud and the data is private");
            } else if (!p.capabilities().containsAll(request.needs())) {
                List<BrainProfile.Capability> missing = new ArrayList<>(request.needs());
                missing.removeAll(p.capabilities());
                why.add(name + ": lacks " + missing);
            } else if (contextWindow[i] < tokens) {
                why.add(name + ": context window " + contextWindow[i] + " < ~" + tokens + " tokens");
            } else if (overDailyBudget) {
                why.add(name + ": the daily budget of " + dailyBudget + " is spent (" + spentToday + " today)");
            } else if (overRunBudget(request)) {
                why.add(name + ": run " + request.runId() + " has spent its budget of " + runBudget);
            } else {
                why.add(name + ": an estimated " + String.format(java.util.Locale.ROOT, "%.6f",
                        estimatedCost(i, tokens, maxOut)) + " per call exceeds maxCostPerCall " + maxCostPerCall);
            }
        }
        return AiOsException.permanent("no brain can take the '" + request.purpose() + "' request: " + String.join("; ", why)
                + ". Add a brain that fits, or relax the request or the budgets.");
    }

    private AiOsException allOpen(BrainRequest request, long allowed, long now) {
        List<String> why = new ArrayList<>();
        long wait = Long.MAX_VALUE;
        for (long bits = allowed; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            long until = breakers[i].nanosUntilTrial(now);
            wait = Math.min(wait, until);
            why.add(brains[i].name() + " (provider " + breakers[i].provider() + ")");
        }
        return AiOsException.retriable("every brain that can take the '" + request.purpose() + "' request has its provider's"
                + " circuit open after repeated failures: " + String.join(", ", why) + "; try again in "
                + Duration.ofNanos(wait).toMillis() + " ms");
    }

    // ---- learning ---------------------------------------------------------------------------

    public void recordOutcome(Brain brain, BrainRequest request, float[] embedding, boolean accepted) {
        int learner = indexOf(brain.name());
        RouterState snapshot = null;
        boolean learned = false;
        lock.lock();
        try {
            Decision d = find(request, null);
            if (d != null) {
                learner = d.answeredBy >= 0 ? d.answeredBy : learner;
                if (!d.hasFeatures && embedding != null) {
                    PromptFeatures.fill(embedding, PromptFeatures.promptText(request.chat()),
                            request.chat().messages().size(), request.purpose(), d.x);
                    d.hasFeatures = true;
                }
                if (d.hasFeatures) {
                    // Learn from the decision's own features, under the lock: no copy per outcome.
                    snapshot = learn(learner, d.x, accepted);
                    learned = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (!learned) {
            // No routing decision to reuse: embed outside the lock (slow), then learn.
            float[] e = embedding != null ? embedding : embed(PromptFeatures.promptText(request.chat()));
            float[] x = new float[dimension];
            PromptFeatures.fill(e, PromptFeatures.promptText(request.chat()), request.chat().messages().size(),
                    request.purpose(), x);
            lock.lock();
            try {
                snapshot = learn(learner, x, accepted);
            } finally {
                lock.unlock();
            }
        }
        if (snapshot != null) {
            writeQuietly(snapshot);
        }
    }

    /** One online update; call with the lock held. @return a state to save, or null */
    private RouterState learn(int learner, float[] x, boolean accepted) {
        models[learner].update(x, accepted ? 1 : 0, learningRate, l2);
        counters[learner][accepted ? ACCEPTED : REJECTED]++;
        if (stateFile != null && ++outcomesSinceSave >= saveEvery) {
            outcomesSinceSave = 0;
            return snapshot();
        }
        return null;
    }

    /** @return the index of the brain that answered {@code request} (after any fallback), or -1 */
    public int answeredBy(BrainRequest request) {
        lock.lock();
        try {
            Decision d = find(request, null);
            return d == null ? -1 : d.answeredBy;
        } finally {
            lock.unlock();
        }
    }

    /** @return brain {@code brain}'s estimated acceptance probability for the request */
    public double acceptanceEstimate(Brain brain, BrainRequest request, float[] embedding) {
        float[] x = new float[dimension];
        PromptFeatures.fill(embedding, PromptFeatures.promptText(request.chat()), request.chat().messages().size(),
                request.purpose(), x);
        int i = indexOf(brain.name());
        lock.lock();
        try {
            return models[i].predict(x);
        } finally {
            lock.unlock();
        }
    }

    /** @return the current exchange rate between acceptance probability and normalised price */
    public double lambda() {
        lock.lock();
        try {
            return lambda;
        } finally {
            lock.unlock();
        }
    }

    private Decision find(BrainRequest request, ChatRequest chat) {
        for (int k = 1; k <= RING; k++) {
            Decision d = ring[Math.floorMod(next - k, RING)];
            if (d.chosen >= 0 && ((request != null && d.request == request) || (chat != null && d.chat == chat))) {
                return d;
            }
        }
        return null;
    }

    private int indexOf(String name) {
        for (int i = 0; i < brains.length; i++) {
            if (brains[i].name().equals(name)) {
                return i;
            }
        }
        throw AiOsException.permanent("brain '" + name + "' is not one of this router's brains "
                + java.util.Arrays.stream(brains).map(Brain::name).toList());
    }

    public float[] embed(String text) {
        synchronized (embeddings) {
            float[] cached = embeddings.get(text);
            if (cached != null) {
                return cached;
            }
        }
        Embedding embedding = embedder.embed(text.isBlank() ? "(empty)" : text).content();
        float[] vector = embedding.vector();
        if (vector.length != embeddingDims) {
            throw AiOsException.permanent("the embedding model returned " + vector.length + " dimensions, expected "
                    + embeddingDims);
        }
        synchronized (embeddings) {
            embeddings.put(text, vector);
        }
        return vector;
    }

    // ---- calling, with retries, fallback and breakers ---------------------------------------

    ChatResponse call(int primary, ChatRequest request) {
        return withFallback(primary, request, i -> callOnce(i, request));
    }

    /**
     * Streams the answer to {@code handler} from a virtual thread: the same retries, fallback and
     * breakers as {@link #call}, but only until the first piece of text has reached the handler;
     * a stream that breaks after that is reported as an error, since its text was already shown.
     */
    void stream(int primary, ChatRequest request, StreamingChatResponseHandler handler) {
        CALLS_EXECUTOR.submit(() -> {
            ChatResponse response;
            try {
                response = withFallback(primary, request, i -> streamOnce(i, request, handler));
            } catch (StreamBroken e) {
                handler.onError(e.getCause());
                return;
            } catch (RuntimeException e) {
                handler.onError(e);
                return;
            }
            handler.onCompleteResponse(response);
        });
    }

    /** One try of one brain: its answer, or an exception. */
    private interface Attempt {
        ChatResponse run(int brain) throws InterruptedException;
    }

    /** A stream failed after text reached the handler: no retry, no fallback. */
    private static final class StreamBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamBroken(Throwable cause) {
            super(cause);
        }
    }

    private ChatResponse withFallback(int primary, ChatRequest request, Attempt tryBrain) {
        long allowed;
        int[] order;
        boolean escalated;
        lock.lock();
        try {
            Decision d = find(null, request);
            allowed = d != null ? d.allowed : fallbackSet(primary);
            escalated = d != null && d.request.escalation() > 0;
        } finally {
            lock.unlock();
        }
        order = fallbackOrder(primary, allowed);
        List<String> failures = new ArrayList<>();
        boolean retriable = false;
        for (int i : order) {
            ProviderBreaker breaker = breakers[i];
            if (!breaker.tryAcquire(System.nanoTime())) {
                failures.add(brains[i].name() + ": provider " + breaker.provider() + "'s circuit is open");
                retriable = true;
                continue;
            }
            for (int attempt = 0; attempt <= resilience.maxRetries(); attempt++) {
                long start = System.nanoTime();
                try {
                    ChatResponse response = tryBrain.run(i);
                    breaker.onSuccess();
                    account(i, primary, request, allowed, response, System.nanoTime() - start);
                    return response;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw AiOsException.permanent("the call to brain " + brains[i].name() + " was interrupted", e);
                } catch (StreamBroken e) {
                    lock.lock();
                    try {
                        counters[i][FAILURES]++;
                    } finally {
                        lock.unlock();
                    }
                    breaker.onFailure(System.nanoTime());
                    throw e;
                } catch (RuntimeException e) {
                    boolean canRetry = isRetriable(e);
                    retriable |= canRetry;
                    lock.lock();
                    try {
                        counters[i][FAILURES]++;
                    } finally {
                        lock.unlock();
                    }
                    if (breaker.onFailure(System.nanoTime())) {
                        log.warn("provider {}: circuit opened after repeated failures; its brains get no calls for {}",
                                breaker.provider(), resilience.breakerCooldown());
                    }
                    String reason = describe(e);
                    log.debug("brain {} failed (attempt {}): {}", brains[i].name(), attempt + 1, reason);
                    if (!canRetry || attempt == resilience.maxRetries()
                            || !breaker.allows(System.nanoTime())) {
                        failures.add(brains[i].name() + ": " + reason
                                + (canRetry && attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""));
                        break;
                    }
                    if (!sleepBackoff(attempt)) {
                        throw AiOsException.permanent("interrupted while waiting to retry brain " + brains[i].name());
                    }
                }
            }
        }
        String message = "every brain that could take this request failed: " + String.join("; ", failures)
                + (escalated ? " (the request was escalated)" : "")
                + ". Check the providers' status and keys, or add a local brain as a last resort.";
        throw retriable ? AiOsException.retriable(message) : AiOsException.permanent(message);
    }

    private ChatResponse callOnce(int i, ChatRequest request) throws InterruptedException {
        Future<ChatResponse> future = CALLS_EXECUTOR.submit(() -> brains[i].model().chat(request));
        try {
            return future.get(resilience.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new dev.langchain4j.exception.TimeoutException("no answer within " + resilience.callTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw AiOsException.permanent(Secrets.redact(String.valueOf(cause)));
        }
    }

    /**
     * Streams from brain {@code i} (its streaming model, or its blocking answer as one piece) and
     * waits: for the first piece or the end within the call timeout, then for the end.
     */
    private ChatResponse streamOnce(int i, ChatRequest request, StreamingChatResponseHandler handler)
            throws InterruptedException {
        StreamingChatModel streaming = brains[i].streamingModel();
        if (streaming == null) {
            ChatResponse response = callOnce(i, request);
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            if (text != null && !text.isEmpty()) {
                handler.onPartialResponse(text);
            }
            return response;
        }
        StreamAttempt attempt = new StreamAttempt(handler);
        streaming.chat(request, attempt);
        try {
            attempt.started.get(resilience.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            attempt.abandon();
            throw new dev.langchain4j.exception.TimeoutException("no answer within " + resilience.callTimeout());
        } catch (ExecutionException e) {
            // Failed before any text: the caller may retry or fall back.
            throw attempt.failure(e.getCause());
        }
        try {
            return attempt.done.get();
        } catch (ExecutionException e) {
            throw attempt.textShown ? new StreamBroken(e.getCause()) : attempt.failure(e.getCause());
        }
    }

    /** Forwards one stream's pieces; turns its end into futures the fallback loop waits on. */
    private static final class StreamAttempt implements StreamingChatResponseHandler {
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        private final StreamingChatResponseHandler handler;
        private volatile boolean abandoned;
        volatile boolean textShown;

        StreamAttempt(StreamingChatResponseHandler handler) {
            this.handler = handler;
        }

        void abandon() {
            abandoned = true;
        }

        RuntimeException failure(Throwable cause) {
            return cause instanceof RuntimeException r ? r : AiOsException.permanent(Secrets.redact(String.valueOf(cause)));
        }

        @Override
        public void onPartialResponse(String partial) {
            if (abandoned) {
                return;
            }
            textShown = true;
            started.complete(null);
            handler.onPartialResponse(partial);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            started.complete(null);
            done.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            started.completeExceptionally(error);
            done.completeExceptionally(error);
        }
    }

    static boolean isRetriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AiOsException aios) {
                return aios.isRetriable();
            }
            if (t instanceof dev.langchain4j.exception.RetriableException
                    || t instanceof java.io.IOException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t instanceof dev.langchain4j.exception.NonRetriableException) {
                return false;
            }
            if (t instanceof dev.langchain4j.exception.HttpException http) {
                int status = http.statusCode();
                return status == 408 || status == 429 || status >= 500;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = Secrets.redact(e.getMessage());
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private boolean sleepBackoff(int attempt) {
        long base = resilience.initialBackoff().toNanos();
        long max = resilience.maxBackoff().toNanos();
        long wait = Math.min(max, base << Math.min(20, attempt));
        // Jitter keeps many callers from retrying in lockstep against a recovering provider.
        wait = (long) (wait * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Without a routing decision (the brain's model was called directly): stay where the primary is. */
    private long fallbackSet(int primary) {
        long set = 0;
        for (int i = 0; i < brains.length; i++) {
            boolean sameSide = !local[primary] || local[i];
            if (sameSide && (capabilities[i] & capabilities[primary]) == capabilities[primary]
                    && contextWindow[i] >= contextWindow[primary]) {
                set |= 1L << i;
            }
        }
        return set | 1L << primary;
    }

    /** The chosen brain first, then dearer ones (stronger) cheapest first, then cheaper ones dearest first. */
    private int[] fallbackOrder(int primary, long allowed) {
        int[] order = new int[Long.bitCount(allowed | 1L << primary)];
        int n = 0;
        order[n++] = primary;
        for (int k = 0; k < byPrice.length; k++) {
            int i = byPrice[k];
            if (i != primary && (allowed & 1L << i) != 0 && price[i] >= price[primary]) {
                order[n++] = i;
            }
        }
        for (int k = byPrice.length - 1; k >= 0; k--) {
            int i = byPrice[k];
            if (i != primary && (allowed & 1L << i) != 0 && price[i] < price[primary]) {
                order[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(order, n);
    }

    private void account(int i, int primary, ChatRequest request, long allowed, ChatResponse response, long nanos) {
        long in;
        long out;
        TokenUsage tokens = response.tokenUsage();
        if (tokens != null && tokens.inputTokenCount() != null && tokens.outputTokenCount() != null) {
            in = tokens.inputTokenCount();
            out = tokens.outputTokenCount();
        } else {
            in = PromptFeatures.promptText(request).length() / 4 + 1;
            String text = response.aiMessage() == null || response.aiMessage().text() == null
                    ? "" : response.aiMessage().text();
            out = text.length() / 4 + 1;
        }
        BigDecimal spent = brains[i].profile().cost(in, out);
        int dearest = i;
        for (long bits = allowed; bits != 0; bits &= bits - 1) {
            int j = Long.numberOfTrailingZeros(bits);
            if (price[j] > price[dearest]) {
                dearest = j;
            }
        }
        BigDecimal ifStrongest = brains[dearest].profile().cost(in, out);
        lock.lock();
        try {
            long[] c = counters[i];
            c[CALLS]++;
            c[IN] += in;
            c[OUT] += out;
            c[LATENCY] += nanos;
            if (i != primary) {
                c[FALLBACKS]++;
            }
            cost[i] = cost[i].add(spent);
            costIfStrongest = costIfStrongest.add(ifStrongest);
            overDailyBudget(); // rolls the day over first if midnight passed
            spentToday = spentToday.add(spent);
            overDailyBudget = dailyBudget != null && spentToday.compareTo(dailyBudget) >= 0;
            Decision d = find(null, request);
            if (d != null) {
                d.answeredBy = i;
                if (d.runId != null && runBudget != null) {
                    spentByRun.merge(d.runId, spent, BigDecimal::add);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- accounting and persistence ---------------------------------------------------------

    public RoutingReport report() {
        lock.lock();
        try {
            List<BrainStats> stats = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO;
            for (int i = 0; i < brains.length; i++) {
                long[] c = counters[i];
                stats.add(new BrainStats(brains[i].name(), c[CALLS], c[FAILURES], c[IN], c[OUT], cost[i],
                        Duration.ofNanos(c[LATENCY]), c[ESCALATIONS], c[FALLBACKS], c[ACCEPTED], c[REJECTED]));
                total = total.add(cost[i]);
            }
            return new RoutingReport(stats, total, costIfStrongest, spentToday);
        } finally {
            lock.unlock();
        }
    }

    public void save() {
        if (stateFile == null) {
            throw AiOsException.permanent("this router has no stateFile to save to; set one with"
                    + " LearnedBrainRouter.builder().stateFile(path)");
        }
        RouterState snapshot;
        lock.lock();
        try {
            snapshot = snapshot();
            outcomesSinceSave = 0;
        } finally {
            lock.unlock();
        }
        synchronized (this) {
            snapshot.write(stateFile);
        }
    }

    private void writeQuietly(RouterState snapshot) {
        try {
            synchronized (this) {
                snapshot.write(stateFile);
            }
        } catch (AiOsException e) {
            // Learning must not fail a run; the next save tries again.
            log.warn("{}", e.getMessage());
        }
    }

    private RouterState snapshot() {
        Map<String, RouterState.BrainState> saved = new LinkedHashMap<>();
        for (int i = 0; i < brains.length; i++) {
            saved.put(brains[i].name(), new RouterState.BrainState(brains[i].name(), models[i].weights().clone(),
                    models[i].squaredGradients().clone(), models[i].updates(), counters[i].clone(), cost[i]));
        }
        return new RouterState(dimension, lambda, day, spentToday, costIfStrongest, saved);
    }

    private void restore(RouterState state) {
        if (state.dimension != dimension) {
            log.warn("router state {} was learned with {} features, this router uses {} (another embedding model?);"
                    + " starting with fresh estimates and keeping the ledger", stateFile, state.dimension, dimension);
        }
        if (threshold.kind() == RoutingThreshold.Kind.STRONG_SHARE) {
            lambda = state.lambda;
        }
        if (state.day == day) {
            spentToday = state.spentToday;
            overDailyBudget = dailyBudget != null && spentToday.compareTo(dailyBudget) >= 0;
        }
        costIfStrongest = state.costIfStrongest;
        for (int i = 0; i < brains.length; i++) {
            RouterState.BrainState saved = state.brains.get(brains[i].name());
            if (saved == null) {
                continue;
            }
            if (state.dimension == dimension) {
                models[i] = new AcceptanceModel(saved.weights(), saved.squaredGradients(), saved.updates());
            }
            System.arraycopy(saved.counters(), 0, counters[i], 0, Math.min(COUNTERS, saved.counters().length));
            cost[i] = saved.cost();
        }
        log.info("router state restored from {} ({} brains known)", stateFile, state.brains.size());
    }
}
