package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Secrets;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Resilience;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an answer from the chosen brain or, failing that, from the next one the request allows:
 * each try with the call timeout, retriable failures retried with jittered backoff, one circuit
 * breaker per provider, and a fallback order of the chosen brain, then dearer ones cheapest
 * first, then cheaper ones dearest first. Every brain is sent {@link BrainRequest#chatFor} its own
 * profile, so the caller's allowance caps the answer on whichever brain answers. A streamed
 * answer may fall back only until its first piece of text reached the caller.
 */
final class ResilientCaller {
    private static final Logger log = LoggerFactory.getLogger(ResilientCaller.class);
    private static final ExecutorService CALLS_EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    /** Who answered, with what, and how long it took. */
    record Answered(int brain, ChatResponse response, long nanos) {}

    private final BrainTable table;
    private final Resilience resilience;
    private final SpendLedger ledger;
    private final ProviderBreaker[] breakers;

    ResilientCaller(BrainTable table, Resilience resilience, SpendLedger ledger) {
        this.table = table;
        this.resilience = resilience;
        this.ledger = ledger;
        breakers = new ProviderBreaker[table.size()];
        Map<String, ProviderBreaker> byProvider = new LinkedHashMap<>();
        for (int i = 0; i < breakers.length; i++) {
            breakers[i] = byProvider.computeIfAbsent(table.brains[i].profile().provider(), provider ->
                    new ProviderBreaker(provider, resilience.breakerFailures(), resilience.breakerCooldown().toNanos()));
        }
    }

    /** @return each brain's name with its provider's breaker state now, in the table's order */
    Map<String, dev.aios.routing.BreakerState> breakerStates(long now) {
        Map<String, dev.aios.routing.BreakerState> states = new LinkedHashMap<>();
        for (int i = 0; i < breakers.length; i++) {
            states.put(table.name(i), switch (breakers[i].state(now)) {
                case CLOSED -> dev.aios.routing.BreakerState.CLOSED;
                case OPEN -> dev.aios.routing.BreakerState.OPEN;
                case HALF_OPEN -> dev.aios.routing.BreakerState.HALF_OPEN;
            });
        }
        return states;
    }

    /** @return the brains of {@code allowed} whose provider's circuit lets a call through now */
    long closed(long allowed, long now) {
        long candidates = 0;
        for (long bits = allowed; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            if (breakers[i].allows(now)) {
                candidates |= 1L << i;
            }
        }
        return candidates;
    }

    /** @return the retriable error for a request whose every allowed brain has its circuit open */
    AiOsException allOpen(BrainRequest request, long allowed, long now) {
        List<String> why = new ArrayList<>();
        long wait = Long.MAX_VALUE;
        for (long bits = allowed; bits != 0; bits &= bits - 1) {
            int i = Long.numberOfTrailingZeros(bits);
            wait = Math.min(wait, breakers[i].nanosUntilTrial(now));
            why.add(table.name(i) + " (provider " + breakers[i].provider() + ")");
        }
        return AiOsException.retriable("every brain that can take the '" + request.purpose() + "' request has its"
                + " provider's circuit open after repeated failures: " + String.join(", ", why) + "; try again in "
                + Duration.ofNanos(wait).toMillis() + " ms");
    }

    /**
     * Calls {@code primary}, then falls back over {@code allowed}.
     *
     * @param partialText where streamed pieces go, or null for a blocking call
     * @throws AiOsException naming every brain tried and why it failed, retriable when trying
     *     later may help
     * @throws RuntimeException the stream's own error when it broke after text was passed on
     */
    Answered call(BrainRequest request, int primary, long allowed, @Nullable Consumer<String> partialText) {
        List<String> failures = new ArrayList<>();
        boolean retriable = false;
        for (int i : fallbackOrder(primary, allowed)) {
            ProviderBreaker breaker = breakers[i];
            if (!breaker.tryAcquire(System.nanoTime())) {
                failures.add(table.name(i) + ": provider " + breaker.provider() + "'s circuit is open");
                retriable = true;
                continue;
            }
            ChatRequest chat = request.chatFor(table.brains[i]);
            for (int attempt = 0; attempt <= resilience.maxRetries(); attempt++) {
                long start = System.nanoTime();
                try {
                    ChatResponse response = partialText == null ? callOnce(i, chat) : streamOnce(i, chat, partialText);
                    breaker.onSuccess();
                    return new Answered(i, response, System.nanoTime() - start);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw AiOsException.permanent("the call to brain " + table.name(i) + " was interrupted", e);
                } catch (StreamAttempt.Broken e) {
                    ledger.failed(i);
                    breaker.onFailure(System.nanoTime());
                    throw e.reported();
                } catch (RuntimeException e) {
                    boolean canRetry = isRetriable(e);
                    retriable |= canRetry;
                    ledger.failed(i);
                    if (breaker.onFailure(System.nanoTime())) {
                        log.warn("provider {}: circuit opened after repeated failures; its brains get no calls for {}",
                                breaker.provider(), resilience.breakerCooldown());
                    }
                    String reason = describe(e);
                    log.debug("brain {} failed (attempt {}): {}", table.name(i), attempt + 1, reason);
                    if (!canRetry || attempt == resilience.maxRetries() || !breaker.allows(System.nanoTime())) {
                        failures.add(table.name(i) + ": " + reason
                                + (canRetry && attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""));
                        break;
                    }
                    if (!sleepBackoff(attempt)) {
                        throw AiOsException.permanent("interrupted while waiting to retry brain " + table.name(i));
                    }
                }
            }
        }
        String message = "every brain that could take this request failed: " + String.join("; ", failures)
                + (request.escalation() > 0 ? " (the request was escalated)" : "")
                + ". Check the providers' status and keys, or add a local brain as a last resort.";
        throw retriable ? AiOsException.retriable(message) : AiOsException.permanent(message);
    }

    private ChatResponse callOnce(int i, ChatRequest request) throws InterruptedException {
        Future<ChatResponse> future = CALLS_EXECUTOR.submit(() -> table.brains[i].model().chat(request));
        try {
            return future.get(resilience.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new dev.langchain4j.exception.TimeoutException("no answer within " + resilience.callTimeout());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw StreamAttempt.unchecked(e.getCause());
        }
    }

    /**
     * Streams from brain {@code i} (its streaming model, or its blocking answer as one piece) and
     * waits: for the first piece or the end within the call timeout, then for the end.
     */
    private ChatResponse streamOnce(int i, ChatRequest request, Consumer<String> partialText)
            throws InterruptedException {
        StreamingChatModel streaming = table.brains[i].streamingModel();
        if (streaming == null) {
            ChatResponse response = callOnce(i, request);
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            if (text != null && !text.isEmpty()) {
                partialText.accept(text);
            }
            return response;
        }
        StreamAttempt attempt = new StreamAttempt(partialText);
        streaming.chat(request, attempt);
        return attempt.await(resilience.callTimeout());
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
        String message = Secrets.scrub(e.getMessage());
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

    /** The chosen brain first, then dearer ones (stronger) cheapest first, then cheaper ones dearest first. */
    private int[] fallbackOrder(int primary, long allowed) {
        int[] order = new int[Long.bitCount(allowed | 1L << primary)];
        int n = 0;
        order[n++] = primary;
        for (int i : table.byPrice) {
            if (i != primary && (allowed & 1L << i) != 0 && table.price[i] >= table.price[primary]) {
                order[n++] = i;
            }
        }
        for (int k = table.byPrice.length - 1; k >= 0; k--) {
            int i = table.byPrice[k];
            if (i != primary && (allowed & 1L << i) != 0 && table.price[i] < table.price[primary]) {
                order[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(order, n);
    }
}
