package dev.aios.inference.local.internal;

import dev.aios.api.AiOsException;
import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.GenerationResult;
import dev.aios.inference.local.GenerationResult.StopReason;
import dev.aios.inference.local.TokenListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continuous batching: one worker thread owns the {@link LlamaEngine} and, between decode steps,
 * admits queued requests into free cache slots and prefills their prompts in chunks, so concurrent
 * callers share every step's pass over the weights and a long prompt does not stall the others. Requests finish independently and free their slot at
 * once; a cancelled future frees its slot at the next step.
 */
public final class GenerationScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationScheduler.class);

    private final LlamaEngine engine;
    private final ModelTokenizer tokenizer;
    private final Set<Integer> endTokens;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final List<Request> active = new ArrayList<>();
    private final List<Request> prefilling = new ArrayList<>();
    private final boolean[] busy;
    private final Thread worker;
    private volatile boolean closed;

    private final int prefillChunk;
    private final PrefixCache prefixCache;
    // The token strings for constrained decoding, read on the first request with a JSON schema.
    private @Nullable TokenVocabulary vocabulary;

    /**
     * Starts the worker.
     *
     * @param prefillChunk prompt tokens prefilled per step, between decode steps
     * @param prefixCache where prompts find and leave the keys and values of their prefixes; used
     *     by the worker only
     */
    public GenerationScheduler(LlamaEngine engine, ModelTokenizer tokenizer, Set<Integer> endTokens, String name,
            int prefillChunk, PrefixCache prefixCache) {
        this.prefillChunk = prefillChunk;
        this.prefixCache = prefixCache;
        this.engine = engine;
        this.tokenizer = tokenizer;
        this.endTokens = Set.copyOf(endTokens);
        this.busy = new boolean[engine.maxBatch()];
        this.worker = Thread.ofPlatform().daemon().name("aios-local-model-" + name).unstarted(this::run);
        worker.start();
    }

    /** Queues one generation; the future completes when it ends, exceptionally if it fails. */
    public CompletableFuture<GenerationResult> submit(int[] prompt, GenerationOptions options, TokenListener listener) {
        return submitAll(List.of(prompt), options, listener).get(0);
    }

    /**
     * Queues several generations at once, so they are admitted in the same step and decoded
     * together.
     */
    public List<CompletableFuture<GenerationResult>> submitAll(List<int[]> prompts, GenerationOptions options,
            TokenListener listener) {
        List<Request> requests = new ArrayList<>();
        for (int[] prompt : prompts) {
            requests.add(new Request(validate(prompt), options, listener, System.nanoTime()));
        }
        synchronized (queue) {
            if (closed) {
                throw AiOsException.permanent("the local model is closed");
            }
            queue.addAll(requests);
            queue.notifyAll();
        }
        return requests.stream().map(r -> r.future).toList();
    }

    private int[] validate(int[] prompt) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens");
        }
        if (prompt.length >= engine.maxSequenceLength()) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens but the cache holds "
                    + engine.maxSequenceLength() + " per sequence; raise maxSequenceLength or shorten the prompt");
        }
        int vocab = engine.config().vocabSize();
        for (int t : prompt) {
            if (t < 0 || t >= vocab) {
                throw new IllegalArgumentException("prompt token " + t + " is outside the vocabulary of " + vocab);
            }
        }
        return prompt.clone();
    }

    private void run() {
        engine.bindThread();
        while (true) {
            synchronized (queue) {
                while (!closed && queue.isEmpty() && active.isEmpty() && prefilling.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (closed) {
                    break;
                }
                while (active.size() + prefilling.size() < busy.length && !queue.isEmpty()) {
                    admit(queue.poll());
                }
            }
            prefillChunks();
            active.removeIf(this::finishedOrCancelled);
            if (!active.isEmpty()) {
                decodeStep();
            }
        }
        AiOsException stopped = AiOsException.permanent("the local model was closed before this generation finished");
        synchronized (queue) {
            queue.forEach(r -> r.future.completeExceptionally(stopped));
            queue.clear();
        }
        active.forEach(r -> r.future.completeExceptionally(stopped));
        active.clear();
        prefilling.forEach(r -> r.future.completeExceptionally(stopped));
        prefilling.clear();
    }

    private void admit(Request r) {
        if (r.future.isDone()) {
            return;
        }
        int slot = 0;
        while (busy[slot]) {
            slot++;
        }
        busy[slot] = true;
        r.slot = slot;
        r.sampler = new Sampler(r.options, engine.config().vocabSize(), r.prompt);
        r.text = new TextStream(tokenizer, r.options.stopStrings(), r.listener);
        r.tokens = new int[r.options.maxTokens()];
        if (r.options.jsonSchema() != null) {
            try {
                r.constraint = new JsonConstraint(r.options.jsonSchema(), vocabulary(), constraintEnds(r.options));
            } catch (RuntimeException e) {
                r.done = true;
                release(r);
                r.future.completeExceptionally(e);
                return;
            }
        }
        prefilling.add(r);
    }

    /**
     * Runs up to {@code prefillChunk} prompt tokens of the admitted requests, oldest first, so a
     * long prompt delays the running sequences' next token by one chunk, not by the whole prompt.
     * A request looks up the prefix cache when its prefill starts, not when it is admitted: prompts
     * prefill one after another, so one that shares a prefix with a request admitted before it (in
     * the same batch, or while that one was still prefilling) finds the blocks that one stored.
     */
    private void prefillChunks() {
        int budget = prefillChunk;
        while (budget > 0 && !prefilling.isEmpty()) {
            Request r = prefilling.get(0);
            if (r.future.isDone()) {
                prefilling.remove(0);
                release(r);
                continue;
            }
            try {
                long start = System.nanoTime();
                if (!r.lookedUp) {
                    r.lookedUp = true;
                    r.prefilled = prefixCache.restore(r.slot, r.prompt);
                }
                int n = Math.min(budget, r.prompt.length - r.prefilled);
                float[][] logits = engine.prefill(r.slot, Arrays.copyOfRange(r.prompt, r.prefilled, r.prefilled + n), false);
                r.prefilled += n;
                prefixCache.store(r.slot, r.prompt, r.prefilled);
                r.prefillNanos += System.nanoTime() - start;
                budget -= n;
                if (r.prefilled == r.prompt.length) {
                    prefilling.remove(0);
                    active.add(r);
                    accept(r, r.sampler.next(constrained(r, logits[0])));
                }
            } catch (RuntimeException e) {
                prefilling.remove(0);
                fail(r, e);
            }
        }
    }

    private void decodeStep() {
        int n = active.size();
        int[] slots = new int[n];
        int[] last = new int[n];
        for (int i = 0; i < n; i++) {
            Request r = active.get(i);
            slots[i] = r.slot;
            last[i] = r.tokens[r.count - 1];
        }
        float[][] logits;
        long start = System.nanoTime();
        try {
            logits = engine.decode(slots, last);
            long spent = System.nanoTime() - start;
            active.forEach(r -> r.decodeNanos += spent);
        } catch (RuntimeException e) {
            LOG.warn("decode step for {} sequences failed", n, e);
            new ArrayList<>(active).forEach(r -> fail(r, e));
            return;
        }
        for (int i = 0; i < n; i++) {
            Request r = active.get(i);
            try {
                accept(r, r.sampler.next(constrained(r, logits[i])));
            } catch (RuntimeException e) {
                // A listener that throws ends its own generation, not the batch.
                r.done = true;
                release(r);
                r.future.completeExceptionally(e);
            }
        }
        active.removeIf(this::finishedOrCancelled);
    }

    private TokenVocabulary vocabulary() {
        if (vocabulary == null) {
            vocabulary = TokenVocabulary.read(tokenizer.json(), tokenizer.source().toString(), engine.config().vocabSize());
        }
        return vocabulary;
    }

    private Set<Integer> constraintEnds(GenerationOptions options) {
        Set<Integer> ends = new java.util.HashSet<>(endTokens);
        ends.addAll(options.stopTokens());
        return ends;
    }

    /** @return {@code row} with the tokens that cannot continue the request's JSON document masked */
    private float[] constrained(Request r, float[] row) {
        if (r.constraint != null) {
            int remaining = Math.min(r.tokens.length - r.count, engine.maxSequenceLength() - engine.length(r.slot));
            long start = System.nanoTime();
            r.constraint.mask(row, remaining, r.options.greedy() && r.options.repetitionPenalty() == 1);
            r.constraintNanos += System.nanoTime() - start;
        }
        return row;
    }

    private void accept(Request r, int token) {
        long now = System.nanoTime();
        r.tokens[r.count++] = token;
        if (r.constraint != null) {
            long start = System.nanoTime();
            r.constraint.accept(token);
            r.constraintNanos += System.nanoTime() - start;
        }
        if (r.count == 1) {
            r.firstTokenNanos = now;
        }
        StopReason reason = null;
        boolean end = !r.options.ignoreEos() && endTokens.contains(token) || r.options.stopTokens().contains(token);
        if (end) {
            reason = StopReason.END_TOKEN;
            r.text.update(r.tokens, r.count - 1);
        } else if (r.text.update(r.tokens, r.count)) {
            reason = StopReason.STOP_STRING;
        } else if (r.constraint != null && r.constraint.finished()) {
            reason = StopReason.END_TOKEN; // the JSON document is complete: nothing may follow it
        } else if (r.count == r.tokens.length) {
            reason = StopReason.MAX_TOKENS;
        } else if (engine.length(r.slot) >= engine.maxSequenceLength()) {
            reason = StopReason.CONTEXT_FULL;
        }
        if (reason != null) {
            r.text.flush();
            r.done = true;
            release(r);
            int[] out = Arrays.copyOf(r.tokens, r.count);
            r.future.complete(new GenerationResult(r.text.text(), out, r.prompt.length, reason,
                    Duration.ofNanos(r.firstTokenNanos - r.submittedNanos), Duration.ofNanos(r.prefillNanos),
                    Duration.ofNanos(r.decodeNanos), Duration.ofNanos(r.constraintNanos)));
        }
    }

    private boolean finishedOrCancelled(Request r) {
        if (r.done) {
            return true;
        }
        if (r.future.isDone()) {
            release(r);
            return true;
        }
        return false;
    }

    private void fail(Request r, RuntimeException e) {
        r.done = true;
        release(r);
        active.remove(r);
        r.future.completeExceptionally(e);
    }

    private void release(Request r) {
        if (r.slot >= 0 && busy[r.slot]) {
            engine.release(r.slot);
            busy[r.slot] = false;
        }
    }

    /** Stops the worker; queued and running generations fail with "closed". */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Request {
        final int[] prompt;
        final GenerationOptions options;
        final TokenListener listener;
        final long submittedNanos;
        final CompletableFuture<GenerationResult> future = new CompletableFuture<>();
        int slot = -1;
        Sampler sampler;
        @Nullable JsonConstraint constraint;
        TextStream text;
        int[] tokens;
        int count;
        long prefillNanos;
        long constraintNanos;
        int prefilled;
        boolean lookedUp;
        long firstTokenNanos;
        // Time in decode steps this sequence took part in; other requests' prefills are not counted.
        long decodeNanos;
        boolean done;

        Request(int[] prompt, GenerationOptions options, TokenListener listener, long submittedNanos) {
            this.prompt = prompt;
            this.options = options;
            this.listener = listener;
            this.submittedNanos = submittedNanos;
        }
    }
}
