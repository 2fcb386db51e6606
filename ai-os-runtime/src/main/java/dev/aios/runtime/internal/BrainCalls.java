package dev.aios.runtime.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainRouter;
import dev.aios.api.BrainTicket;
import dev.aios.api.Goal;
import dev.aios.api.Secrets;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's brain calls: each is one round trip through the router ({@link BrainRouter#chat}) with
 * the run's remaining allowance, charged to the run's budget once with the usage the answer
 * reports. The only state kept between calls is what escalation needs: per purpose, how many
 * answers were rejected in a row. A failed call's exception is {@link Secrets#scrub scrubbed} before
 * it is thrown, whichever router (or none) made the call.
 */
final class BrainCalls {
    private static final Logger log = LoggerFactory.getLogger(BrainCalls.class);

    private final @Nullable BrainRouter router;
    private final RunBudget budget;
    private final Goal goal;
    private final String runId;
    private final Map<String, Integer> rejectedInARow = new ConcurrentHashMap<>();
    private final AgentTelemetry telemetry;

    BrainCalls(@Nullable BrainRouter router, RunBudget budget, Goal goal, String runId, AgentTelemetry telemetry) {
        this.telemetry = telemetry;
        this.router = router;
        this.budget = budget;
        this.goal = goal;
        this.runId = runId;
    }

    /**
     * Asks the router for an answer. The router runs on a virtual thread of its own so that the
     * wait ends when the run's wall time is spent or the run is cancelled, whatever the model does.
     * The call is a {@code chat} span under the calling thread's current span (the run's, or a
     * step's), and the router's thread carries that span's context (for a provider's own spans).
     */
    BrainAnswer chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs, boolean privateData) {
        budget.checkBeforeModelCall();
        BrainRouter brains = router;
        if (brains == null) {
            throw AiOsException.permanent("no brain configured, and the '" + purpose + "' stage needs one: give the agent a"
                    + " brain with Agent.builder().brain(...), or stage implementations that need none");
        }
        BrainRequest brainRequest = new BrainRequest(purpose, request, needs, privateData || goal.isPrivate(),
                rejectedInARow.getOrDefault(purpose, 0), runId, budget.allowance());
        long start = System.nanoTime();
        Span span = telemetry.startBrainCall(Context.current(), purpose);
        Future<BrainAnswer> future = VirtualTasks.start("aios-brain-" + purpose,
                Context.current().with(span).wrap(() -> brains.chat(brainRequest)));
        BrainAnswer answer;
        try {
            answer = await(purpose, future);
        } catch (RuntimeException | Error e) {
            telemetry.brainFailed(span, e, System.nanoTime() - start);
            throw e;
        }
        telemetry.brainAnswered(span, answer, System.nanoTime() - start);
        budget.charge(answer.usage());
        return answer;
    }

    /** @return the router's answer; or throws what its failure, or the wait's end, means for the run */
    private BrainAnswer await(String purpose, Future<BrainAnswer> future) {
        try {
            return future.get(Math.max(0, budget.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw budget.wallTimeExhausted();
        } catch (InterruptedException e) {
            future.cancel(true);
            // Only the host cancels (RunExecution.cancel marks the budget first); an interrupt also comes when the
            // run stops its remaining steps after a budget ran out, which must stay BUDGET_EXHAUSTED.
            throw new RunCancelledException();
        } catch (ExecutionException e) {
            // A provider's error may echo the key it was sent (a 401 body, an Authorization header), and what is
            // thrown here becomes the outcome's detail, events, the episode in memory and log lines: scrub it here.
            Throwable cause = e.getCause();
            if (cause instanceof AiOsException aios) {
                throw Secrets.scrub(aios);
            }
            RuntimeException safe = Secrets.scrub(cause);
            throw AiOsException.retriable("the brain for the '" + purpose + "' request failed: "
                    + Secrets.scrub(String.valueOf(cause)) + "; the run's reflector decides whether to try again", safe);
        }
    }

    /**
     * Passes the verdict to the router, and counts rejections in a row for the ticket's purpose so
     * that the next call for it is sent as an escalation. A failing router is logged, not fatal:
     * learning is a bonus, the run's result does not depend on it.
     */
    void recordVerdict(BrainTicket ticket, AnswerVerdict verdict) {
        if (router != null) {
            try {
                router.recordOutcome(ticket, verdict);
            } catch (RuntimeException e) {
                log.warn("run {}: the router failed to record an outcome; ignored", runId, e);
            }
        }
        if (verdict == AnswerVerdict.ACCEPTED) {
            rejectedInARow.put(ticket.purpose(), 0);
        } else {
            rejectedInARow.merge(ticket.purpose(), 1, Integer::sum);
        }
    }
}
