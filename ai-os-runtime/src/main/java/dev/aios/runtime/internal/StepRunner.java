package dev.aios.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.GateDecision;
import dev.aios.api.Goal;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.PlanStep;
import dev.aios.api.Provenance;
import dev.aios.api.RunOutcome;
import dev.aios.api.Secrets;
import dev.aios.api.StepRecord;
import dev.aios.api.StepRecord.Status;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;
import dev.aios.api.spi.GateRequest;
import dev.aios.api.spi.JournalException;
import dev.aios.runtime.internal.AgentTelemetry.ApprovalOutcome;
import dev.aios.runtime.internal.AgentTelemetry.ToolOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one plan step of a run: gate, act (with retries for idempotent tools), verify; or a
 * sub-goal as a child run. Every way a step can end becomes a {@link StepRecord}; only a spent
 * budget is remembered beside it ({@link #exhausted()}) for the scheduler to end the run with.
 */
final class StepRunner {
    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);

    private final AgentSettings settings;
    private final ParkedApprovals approvals;
    private final RunExecution run;
    private final RunBudget budget;
    private final int depth;
    /**
     * Calls of this run by tool and arguments: the claim of the step running one (completed with
     * its result when it succeeds, and kept), so an identical call is never fired twice.
     */
    private final Map<String, CompletableFuture<@Nullable ToolResult>> calls = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable RuntimeException> fatal = new AtomicReference<>();
    /** Calls a crash interrupted and nobody approved repeating: no step of this run makes them. */
    private final Set<String> doubtful = ConcurrentHashMap.newKeySet();
    private final AgentTelemetry telemetry;

    StepRunner(AgentSettings settings, ParkedApprovals approvals, RunExecution run, RunBudget budget, int depth) {
        this.settings = settings;
        this.telemetry = settings.telemetry();
        this.approvals = approvals;
        this.run = run;
        this.budget = budget;
        this.depth = depth;
    }

    /**
     * @return the first budget exhaustion or journal failure a step met, or null; the run must
     *     end with it
     */
    @Nullable RuntimeException fatal() {
        return fatal.get();
    }

    /**
     * Runs {@code step}, on the calling thread (one of the step's own), counted in {@code aios.steps};
     * a tool step in an {@code execute_tool} span under the run's, which is current while it runs
     * (so the extractor's brain call, and a tool's own spans, go under it). Never throws: a
     * cancelled run, a spent budget or an unexpected error become the step's record.
     *
     * @param results the labelled result of each step that succeeded so far, by id
     * @param plan the number of the plan the step belongs to (1 for the first plan)
     */
    StepRecord run(PlanStep step, Map<String, ToolResult> results, int plan) {
        String toolTag = step.action() instanceof PlanStep.CallTool call
                ? telemetry.toolTag(call.tool())
                : AgentTelemetry.SUB_GOAL;
        Context parent = run.traceContext(); // passed in: this thread is new, and has no context of its own
        Span span = step.action() instanceof PlanStep.CallTool ? telemetry.startToolStep(parent, toolTag) : null;
        StepRecord record = null;
        try (Scope ignored = (span != null ? parent.with(span) : parent).makeCurrent()) {
            record = runStep(step, results, plan);
            return record;
        } finally {
            telemetry.stepEnded(span, toolTag, record);
        }
    }

    private StepRecord runStep(PlanStep step, Map<String, ToolResult> results, int plan) {
        String scope = RunJournaling.scope(run.runId(), plan, step.id());
        try {
            StepRecord restored = run.journal().recordedOutcome(scope, step);
            if (restored != null) {
                return restore(step, restored, results);
            }
            StepRecord record = switch (step.action()) {
                case PlanStep.CallTool call -> callTool(step, call, results, scope);
                case PlanStep.SubGoal sub -> runSubGoal(step, sub, results, plan);
            };
            if (record.status() != Status.CANCELLED) { // a cancelled step is run again by a resumed run
                run.journal().outcome(scope, record);
                run.recordSpend();
            }
            return record;
        } catch (BudgetExhaustedException | JournalException e) {
            fatal.compareAndSet(null, e); // the first one ends the run; steps run concurrently
            return new StepRecord(step, Status.CANCELLED, 0, null, null, null, e.getMessage());
        } catch (RunCancelledException | InterruptedException e) {
            return new StepRecord(step, Status.CANCELLED, 0, null, null, null, "the run was cancelled");
        } catch (RuntimeException e) {
            RuntimeException safe = Secrets.scrub(e);
            log.warn("run {}: step {} failed with an unexpected error", run.runId(), step.id(), safe);
            run.emit(AgentEvent.Type.STEP_FAILED, step.id(), "unexpected error: " + safe);
            return new StepRecord(step, Status.FAILED, 0, null, null, null, "unexpected error: " + safe);
        }
    }

    /**
     * A step an earlier life of the run finished: its record is reused, never run again, and a
     * call it made successfully counts as made, so an identical call later is not repeated either.
     */
    private StepRecord restore(PlanStep step, StepRecord restored, Map<String, ToolResult> results) {
        if (restored.succeeded() && restored.result() != null && step.action() instanceof PlanStep.CallTool action) {
            @SuppressWarnings("unchecked")
            Map<String, Object> arguments = (Map<String, Object>) StepReferences.fill(action.arguments(), results);
            calls.putIfAbsent(callKey(new ToolCall("restored", action.tool(), arguments)),
                    CompletableFuture.completedFuture(restored.result()));
        }
        run.emit(AgentEvent.Type.STEP_REUSED, step.id(), "restored from the run's journal: " + restored.status());
        return restored;
    }

    private StepRecord callTool(PlanStep step, PlanStep.CallTool action, Map<String, ToolResult> results, String scope)
            throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) StepReferences.fill(action.arguments(), results);
        Map<String, Provenance> flows = StepReferences.flows(action.arguments(), results, run.planLabel());
        Provenance argumentsLabel = Provenance.joinAll(flows.values());
        ToolCall call = new ToolCall(run.runId() + "/" + step.id(), action.tool(), arguments);
        ToolDescriptor tool = Extractor.NAME.equals(action.tool())
                ? Extractor.DESCRIPTOR
                : settings.tools().find(action.tool()).orElse(null);
        if (tool == null) {
            GateDecision denial = GateDecision.deny("no tool named '" + action.tool() + "' is registered");
            run.emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        }
        String key = callKey(call);
        if (doubtful.contains(key)) {
            GateDecision denial = GateDecision.deny("the same call to " + tool.name() + " may have happened before the"
                    + " run stopped, and nobody approved making it again");
            run.emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        }
        while (true) {
            // One step at a time owns an identical call: a second one, even in a parallel step, waits for it
            // and reuses its result, so a call that succeeded is never fired twice in a run.
            CompletableFuture<@Nullable ToolResult> mine = new CompletableFuture<>();
            CompletableFuture<@Nullable ToolResult> owner = calls.putIfAbsent(key, mine);
            if (owner == null) {
                try {
                    StepRecord record = gateAndAct(step, call, key, tool, flows, argumentsLabel, scope);
                    if (record.status() == Status.SUCCEEDED) {
                        mine.complete(record.result()); // stays: later identical calls reuse it
                    }
                    return record;
                } finally {
                    if (!mine.isDone()) { // it did not succeed: release the call for a step that tries it again
                        calls.remove(key, mine);
                        mine.complete(null);
                    }
                }
            }
            ToolResult earlier;
            try {
                earlier = owner.get(Math.max(0, budget.remainingNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw budget.wallTimeExhausted();
            } catch (ExecutionException e) {
                throw new IllegalStateException("call claims are never completed exceptionally", e);
            }
            if (earlier != null) {
                run.emit(AgentEvent.Type.STEP_REUSED, step.id(),
                        "identical call to " + tool.name() + " already succeeded in this run");
                return new StepRecord(step, Status.REUSED, 0, null, earlier, null,
                        "identical call already succeeded in this run; not repeated");
            }
            // the owner's attempt did not succeed and released the call: this step tries it in its own right
        }
    }

    /** Gates the call and, if it may run, runs it with retries for idempotent tools, and verifies the result. */
    private StepRecord gateAndAct(PlanStep step, ToolCall call, String callKey, ToolDescriptor tool,
            Map<String, Provenance> flows, Provenance argumentsLabel, String scope) throws InterruptedException {
        budget.checkAlive();
        RunJournaling.Intent interrupted = run.journal().interruptedCall(scope);
        GateRequest gateRequest = new GateRequest(call, tool, flows, run);
        FlowGate.Verdict gated = FlowGate.decide(settings.flow(), settings.gate(), gateRequest);
        GateDecision gate = gated.decision();
        telemetry.gateDecided(tool.name(), gate.verdict());
        // records reach replan prompts and lessons: they keep the reason a planner may read
        GateDecision recorded = new GateDecision(gate.verdict(), gated.plannerReason());
        switch (gate.verdict()) {
            case DENY -> {
                run.emit(AgentEvent.Type.STEP_DENIED, step.id(), gate.reason());
                return new StepRecord(step, Status.DENIED, 0, recorded, null, null, recorded.reason());
            }
            case ASK -> {
                StepRecord refused = awaitApproval(step, call, tool, gate, recorded, flows, scope, false);
                if (refused != null) {
                    return refused;
                }
            }
            case ALLOW -> run.emit(AgentEvent.Type.STEP_ALLOWED, step.id(), gate.reason());
        }

        boolean extract = Extractor.NAME.equals(tool.name());
        boolean repeatable = extract || tool.risk().idempotent();
        int attempts = 0;
        if (interrupted != null) {
            // An earlier life of the run began this call and never recorded how it ended.
            if (!repeatable && !tool.risk().acceptsIdempotencyKey()) {
                GateDecision doubt = GateDecision.ask("the run stopped while calling " + tool.name()
                        + ", so the call may or may not have happened; approve to make it again, or deny if it"
                        + " happened (the run then goes on as if it had, without calling it again)");
                StepRecord refused = awaitApproval(step, new ToolCall(call.id(), call.tool(), call.arguments(),
                        interrupted.key()), tool, doubt, doubt, flows,
                        // One question per interrupted call: once approved, the call is made again under a new
                        // durable intent, and if that one is interrupted too, it is a new question. (Named by the
                        // step alone, the old approval was found again and the call repeated without asking.)
                        scope + "\u0000in-doubt\u0000" + interrupted.serial(), true);
                if (refused != null) {
                    return notRepeated(step, refused, interrupted.attempt(), callKey);
                }
            }
            attempts = interrupted.attempt() - 1; // the same attempt again: the same idempotency key
        }
        while (true) {
            budget.chargeStep();
            attempts++;
            run.emit(AgentEvent.Type.STEP_STARTED, step.id(), tool.name() + " (attempt " + attempts + ")");
            String key = RunJournaling.idempotencyKey(scope, attempts, callKey);
            ToolCall attempt = new ToolCall(call.id(), call.tool(), call.arguments(), key);
            if (!repeatable) {
                // Durable before the call when nothing else would tell a resumed run that it may have happened;
                // a tool that takes the key is simply called again with it.
                run.journal().intent(scope, attempts, key, tool.name(), !tool.risk().acceptsIdempotencyKey());
            }
            ToolResult result = extract
                    ? run.extractor().extract(attempt, argumentsLabel)
                    : invoke(attempt, tool.name()).withProvenance(settings.flow().labelResult(tool, argumentsLabel));
            if (!result.error()) {
                Verification verdict = settings.verifier().verify(step, result, run);
                if (verdict.passed()) {
                    run.emit(AgentEvent.Type.STEP_SUCCEEDED, step.id(), verdict.reason());
                    return new StepRecord(step, Status.SUCCEEDED, attempts, recorded, result, verdict, verdict.reason());
                }
                run.emit(AgentEvent.Type.VERIFICATION_FAILED, step.id(), verdict.reason());
                return new StepRecord(step, Status.FAILED, attempts, recorded, result, verdict,
                        "result did not pass verification: " + verdict.reason());
            }
            boolean retry = tool.risk().idempotent() && attempts <= settings.maxRetries();
            if (!retry) {
                String why = tool.risk().idempotent()
                        ? "failed " + attempts + " times; the agent retries at most " + settings.maxRetries()
                        : "failed, and " + tool.name() + " is not idempotent, so it is not retried";
                run.emit(AgentEvent.Type.STEP_FAILED, step.id(), why + ": " + Excerpt.of(Secrets.scrub(result.text()), 200));
                return new StepRecord(step, Status.FAILED, attempts, recorded, result, null,
                        why + ": " + Excerpt.of(Secrets.scrub(result.text()), 500));
            }
            run.emit(AgentEvent.Type.STEP_RETRYING, step.id(), "attempt " + attempts + " failed: "
                    + Excerpt.of(Secrets.scrub(result.text()), 200));
            long backoff = settings.retryBackoff().toNanos() << Math.min(attempts - 1, 10);
            if (backoff >= budget.remainingNanos()) {
                throw budget.wallTimeExhausted();
            }
            TimeUnit.NANOSECONDS.sleep(backoff);
        }
    }

    /**
     * Parks the step until a person answers, or the request expires. The request and its answer
     * are journaled: a run resumed after a crash waits on the same request (same id, same
     * expiry: the timeout counts wall time across restarts), and an answer given before the crash
     * is not asked again.
     *
     * @param approvalScope names the request in the journal: the step's scope, or a derived one
     * @param inDoubt whether the request asks about a call a crash interrupted
     * @return null if approved; otherwise the record of the refused step
     */
    private @Nullable StepRecord awaitApproval(PlanStep step, ToolCall call, ToolDescriptor tool, GateDecision gate,
            GateDecision recorded, Map<String, Provenance> flows, String approvalScope, boolean inDoubt)
            throws InterruptedException {
        RunJournaling.RecordedApproval prior = run.journal().recordedApproval(approvalScope);
        if (prior != null && prior.decision() != null) {
            RunJournaling.Decision d = prior.decision();
            if (d.timedOut()) {
                run.emit(AgentEvent.Type.APPROVAL_TIMED_OUT, step.id(), d.note() + " (recorded before the restart)");
                return new StepRecord(step, Status.APPROVAL_TIMED_OUT, 0, recorded, null, null, d.note());
            }
            return answered(step, new ParkedApprovals.Answer(d.approved(), d.note()), " (answered before the restart)");
        }
        Instant now = Instant.now();
        ApprovalRequest request;
        if (prior != null) {
            request = RunJournaling.request(prior.request(), run.goal(), settings.tools());
        } else {
            long waitNanos = Math.min(settings.approvalTimeout().toNanos(), budget.remainingNanos());
            request = new ApprovalRequest(UUID.randomUUID().toString(), run.runId(), run.goal(), call, tool,
                    gate.reason(), now, now.plusNanos(Math.max(0, waitNanos)), flows);
            run.journal().approvalRequested(approvalScope, request, inDoubt);
        }
        long waitNanos = Math.min(Math.max(0, Duration.between(now, request.expiresAt()).toNanos()),
                budget.remainingNanos());
        var answer = approvals.park(request, a -> run.journal().approvalDecided(request.id(),
                new RunJournaling.Decision(a.approved(), a.note(), false)));
        long waitStart = System.nanoTime();
        run.emit(AgentEvent.Type.APPROVAL_REQUESTED, step.id(), "approval " + request.id() + ": " + request.reason()
                + (prior != null ? " (asked before the restart; still waiting)" : ""));
        try {
            ParkedApprovals.Answer a;
            try {
                a = answer.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                approvals.expire(request.id());
                a = answer.getNow(null); // answered (and journaled) as the clock ran out
                if (a == null) {
                    throw e;
                }
            }
            telemetry.approvalWaited(a.approved() ? ApprovalOutcome.APPROVED : ApprovalOutcome.DENIED,
                    System.nanoTime() - waitStart);
            if (!inDoubt) {
                rememberDecision(tool, a);
            }
            return answered(step, a, "");
        } catch (TimeoutException e) {
            telemetry.approvalWaited(ApprovalOutcome.EXPIRED, System.nanoTime() - waitStart);
            if (budget.remainingNanos() <= 0) {
                throw budget.wallTimeExhausted();
            }
            String why = "nobody answered the approval request within " + settings.approvalTimeout();
            run.journal().approvalDecided(request.id(), new RunJournaling.Decision(false, why, true));
            run.emit(AgentEvent.Type.APPROVAL_TIMED_OUT, step.id(), why);
            return new StepRecord(step, Status.APPROVAL_TIMED_OUT, 0, recorded, null, null, why);
        } catch (ExecutionException e) {
            throw new IllegalStateException("approval answers never fail", e);
        } finally {
            approvals.expire(request.id());
        }
    }

    /**
     * A person did not approve repeating a call a crash interrupted. Denied: it happened, says the
     * person, and the run goes on as if it had. Unanswered: nobody knows, so no step of this run
     * makes the same call again.
     */
    private StepRecord notRepeated(PlanStep step, StepRecord refused, int attempt, String key) {
        if (refused.status() == Status.DENIED) {
            String note = refused.detail().replaceFirst("^denied by a human: ", "");
            String text = "not called again after the run stopped: a person said it had happened"
                    + (note.isBlank() ? "" : " (" + note + ")");
            run.emit(AgentEvent.Type.STEP_SUCCEEDED, step.id(), text);
            return new StepRecord(step, Status.SUCCEEDED, attempt, GateDecision.allow("a person vouched for the call"),
                    ToolResult.success(text).withProvenance(run.goal().textLabel()),
                    new Verification(true, "a person vouched for it"), text);
        }
        doubtful.add(key);
        return refused;
    }

    private @Nullable StepRecord answered(PlanStep step, ParkedApprovals.Answer a, String when) {
        if (a.approved()) {
            run.emit(AgentEvent.Type.APPROVAL_GRANTED, step.id(),
                    "approved" + (a.note().isEmpty() ? "" : ": " + a.note()) + when);
            return null;
        }
        GateDecision denial = GateDecision.deny("denied by a human: " + a.note());
        run.emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason() + when);
        return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
    }

    /**
     * A human's answer is a preference worth keeping: it goes to long-term memory, where later
     * runs' perception recalls it for the planner.
     */
    private void rememberDecision(ToolDescriptor tool, ParkedApprovals.Answer answer) {
        String verdict = answer.approved() ? "approved" : "denied";
        String goalText = run.goal().text();
        String text = "The user " + verdict + " " + tool.name() + " for the goal: " + goalText
                + (answer.note().isBlank() ? "" : " (" + answer.note() + ")");
        try {
            settings.memory().remember(new MemoryRecord(
                    "preference:" + UUID.nameUUIDFromBytes((tool.name() + '\u0000' + goalText)
                            .getBytes(StandardCharsets.UTF_8)),
                    MemoryLayer.LONG_TERM, text, Instant.now(), 0.7,
                    Map.of("kind", "preference", "tool", tool.name(), "verdict", verdict))
                    .withProvenance(run.goal().textLabel()));
            // the user's own decision about the user's own goal (which it quotes: private when the goal is)
        } catch (RuntimeException e) {
            log.warn("run {}: could not remember the approval decision; ignored", run.runId(), e);
        }
    }

    /**
     * Calls the tool on a thread of its own, which carries the step's trace context (so a tool's
     * own spans go under the step's), counted and timed in {@code aios.tool.*} by {@code toolTag}.
     */
    private ToolResult invoke(ToolCall call, String toolTag) throws InterruptedException {
        ToolRegistry tools = settings.tools();
        long start = System.nanoTime();
        ToolOutcome outcome = ToolOutcome.CANCELLED;
        Future<ToolResult> future = VirtualTasks.start("aios-tool-" + call.tool(),
                Context.current().wrap(() -> tools.call(call)));
        long toolLimit = settings.toolTimeout().toNanos();
        long wallLeft = budget.remainingNanos();
        try {
            ToolResult result = future.get(Math.max(0, Math.min(toolLimit, wallLeft)), TimeUnit.NANOSECONDS);
            result = result != null ? result : ToolResult.failure("tool " + call.tool() + " returned nothing");
            outcome = result.error() ? ToolOutcome.ERROR : ToolOutcome.SUCCESS;
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            outcome = ToolOutcome.TIMEOUT;
            if (wallLeft < toolLimit) {
                throw budget.wallTimeExhausted();
            }
            return ToolResult.failure("tool " + call.tool() + " did not answer within " + settings.toolTimeout());
        } catch (ExecutionException e) {
            outcome = ToolOutcome.ERROR;
            Throwable cause = e.getCause();
            return ToolResult.failure("tool " + call.tool() + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : Secrets.scrub(cause.getMessage())));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } finally {
            telemetry.toolCalled(toolTag, outcome, System.nanoTime() - start);
        }
    }

    private StepRecord runSubGoal(PlanStep step, PlanStep.SubGoal sub, Map<String, ToolResult> results, int plan) {
        Provenance label = StepReferences.label(sub.goal(), results, run.planLabel());
        if (!label.isTrusted()) {
            // A goal is an instruction: text a stranger wrote never becomes one.
            GateDecision denial = GateDecision.deny("a sub-goal made from data the user did not write ("
                    + label.summary() + ") is never planned as an instruction; pass such data to a tool or to "
                    + Extractor.NAME + " instead");
            run.emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        }
        budget.chargeStep();
        if (depth + 1 > settings.maxSubGoalDepth()) {
            String why = "sub-goals may nest " + settings.maxSubGoalDepth() + " deep; this one would be deeper";
            run.emit(AgentEvent.Type.STEP_FAILED, step.id(), why);
            return new StepRecord(step, Status.FAILED, 1, null, null, null, why);
        }
        run.emit(AgentEvent.Type.STEP_STARTED, step.id(), "sub-goal");
        Goal parent = run.goal();
        Goal child = new Goal(parent.id() + "/" + step.id(), StepReferences.fill(sub.goal(), results),
                parent.context(), parent.budget(), parent.tags(), parent.contextLabels());
        // a later plan's step of the same id is another child run: its journal entries must not be taken for these
        RunOutcome outcome = run.runChild(child, run.runId() + "/" + step.id() + (plan > 1 ? "@" + plan : ""));
        switch (outcome.status()) {
            case BUDGET_EXHAUSTED -> throw new BudgetExhaustedException(outcome.exhausted(), outcome.detail());
            case CANCELLED -> throw new RunCancelledException();
            case FAILED -> {
                run.emit(AgentEvent.Type.STEP_FAILED, step.id(), "sub-goal failed: " + outcome.detail());
                // the child's detail may quote what its tools said: the record is as trusted as all of its steps
                Provenance everything = outcome.provenanceOfAll().join(label);
                return new StepRecord(step, Status.FAILED, 1, null,
                        ToolResult.failure(outcome.answer()).withProvenance(everything), null,
                        "sub-goal failed: " + outcome.detail());
            }
            case SUCCEEDED -> {
                ToolResult result = ToolResult.success(outcome.answer())
                        .withProvenance(outcome.answerProvenance().join(label));
                Verification verdict = settings.verifier().verify(step, result, run);
                run.emit(verdict.passed() ? AgentEvent.Type.STEP_SUCCEEDED : AgentEvent.Type.VERIFICATION_FAILED,
                        step.id(), verdict.reason());
                return new StepRecord(step, verdict.passed() ? Status.SUCCEEDED : Status.FAILED, 1, null, result,
                        verdict, verdict.reason());
            }
        }
        throw new IllegalStateException("unknown status " + outcome.status());
    }

    /** @return the identity of a call within a run: its tool and its arguments in canonical JSON */
    private static String callKey(ToolCall call) {
        try {
            return call.tool() + '\u0000' + RuntimeJson.canonical(call.arguments());
        } catch (JsonProcessingException e) {
            return call.tool() + '\u0000' + call.arguments(); // not JSON-able: identity by toString
        }
    }
}
