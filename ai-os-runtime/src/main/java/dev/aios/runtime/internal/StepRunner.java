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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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
    private final AtomicReference<@Nullable BudgetExhaustedException> exhausted = new AtomicReference<>();

    StepRunner(AgentSettings settings, ParkedApprovals approvals, RunExecution run, RunBudget budget, int depth) {
        this.settings = settings;
        this.approvals = approvals;
        this.run = run;
        this.budget = budget;
        this.depth = depth;
    }

    /** @return the first budget exhaustion a step met, or null; the run must end with it */
    @Nullable BudgetExhaustedException exhausted() {
        return exhausted.get();
    }

    /**
     * Runs {@code step}. Never throws: a cancelled run, a spent budget or an unexpected error
     * become the step's record.
     *
     * @param results the labelled result of each step that succeeded so far, by id
     */
    StepRecord run(PlanStep step, Map<String, ToolResult> results) {
        try {
            return switch (step.action()) {
                case PlanStep.CallTool call -> callTool(step, call, results);
                case PlanStep.SubGoal sub -> runSubGoal(step, sub, results);
            };
        } catch (BudgetExhaustedException e) {
            exhausted.compareAndSet(null, e); // the first one ends the run; steps run concurrently
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

    private StepRecord callTool(PlanStep step, PlanStep.CallTool action, Map<String, ToolResult> results)
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
        while (true) {
            // One step at a time owns an identical call: a second one, even in a parallel step, waits for it
            // and reuses its result, so a call that succeeded is never fired twice in a run.
            CompletableFuture<@Nullable ToolResult> mine = new CompletableFuture<>();
            CompletableFuture<@Nullable ToolResult> owner = calls.putIfAbsent(key, mine);
            if (owner == null) {
                try {
                    StepRecord record = gateAndAct(step, call, tool, flows, argumentsLabel);
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
    private StepRecord gateAndAct(PlanStep step, ToolCall call, ToolDescriptor tool, Map<String, Provenance> flows,
            Provenance argumentsLabel) throws InterruptedException {
        budget.checkAlive();
        GateRequest gateRequest = new GateRequest(call, tool, flows, run);
        FlowGate.Verdict gated = FlowGate.decide(settings.flow(), settings.gate(), gateRequest);
        GateDecision gate = gated.decision();
        // records reach replan prompts and lessons: they keep the reason a planner may read
        GateDecision recorded = new GateDecision(gate.verdict(), gated.plannerReason());
        switch (gate.verdict()) {
            case DENY -> {
                run.emit(AgentEvent.Type.STEP_DENIED, step.id(), gate.reason());
                return new StepRecord(step, Status.DENIED, 0, recorded, null, null, recorded.reason());
            }
            case ASK -> {
                StepRecord refused = awaitApproval(step, call, tool, gate, recorded, flows);
                if (refused != null) {
                    return refused;
                }
            }
            case ALLOW -> run.emit(AgentEvent.Type.STEP_ALLOWED, step.id(), gate.reason());
        }

        int attempts = 0;
        while (true) {
            budget.chargeStep();
            attempts++;
            run.emit(AgentEvent.Type.STEP_STARTED, step.id(), tool.name() + " (attempt " + attempts + ")");
            ToolResult result = Extractor.NAME.equals(tool.name())
                    ? run.extractor().extract(call, argumentsLabel)
                    : invoke(call).withProvenance(settings.flow().labelResult(tool, argumentsLabel));
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

    /** @return null if approved; otherwise the record of the refused step */
    private @Nullable StepRecord awaitApproval(PlanStep step, ToolCall call, ToolDescriptor tool, GateDecision gate,
            GateDecision recorded, Map<String, Provenance> flows) throws InterruptedException {
        Instant now = Instant.now();
        long waitNanos = Math.min(settings.approvalTimeout().toNanos(), budget.remainingNanos());
        ApprovalRequest request = new ApprovalRequest(UUID.randomUUID().toString(), run.runId(), run.goal(), call, tool,
                gate.reason(), now, now.plusNanos(waitNanos), flows);
        var answer = approvals.park(request);
        run.emit(AgentEvent.Type.APPROVAL_REQUESTED, step.id(), "approval " + request.id() + ": " + gate.reason());
        try {
            ParkedApprovals.Answer a = answer.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            rememberDecision(tool, a);
            if (a.approved()) {
                run.emit(AgentEvent.Type.APPROVAL_GRANTED, step.id(),
                        "approved" + (a.note().isEmpty() ? "" : ": " + a.note()));
                return null;
            }
            GateDecision denial = GateDecision.deny("denied by a human: " + a.note());
            run.emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        } catch (TimeoutException e) {
            if (budget.remainingNanos() <= 0) {
                throw budget.wallTimeExhausted();
            }
            String why = "nobody answered the approval request within " + settings.approvalTimeout();
            run.emit(AgentEvent.Type.APPROVAL_TIMED_OUT, step.id(), why);
            return new StepRecord(step, Status.APPROVAL_TIMED_OUT, 0, recorded, null, null, why);
        } catch (ExecutionException e) {
            throw new IllegalStateException("approval answers never fail", e);
        } finally {
            approvals.expire(request.id());
        }
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

    private ToolResult invoke(ToolCall call) throws InterruptedException {
        ToolRegistry tools = settings.tools();
        Future<ToolResult> future = VirtualTasks.start("aios-tool-" + call.tool(), () -> tools.call(call));
        long toolLimit = settings.toolTimeout().toNanos();
        long wallLeft = budget.remainingNanos();
        try {
            ToolResult result = future.get(Math.max(0, Math.min(toolLimit, wallLeft)), TimeUnit.NANOSECONDS);
            return result != null ? result : ToolResult.failure("tool " + call.tool() + " returned nothing");
        } catch (TimeoutException e) {
            future.cancel(true);
            if (wallLeft < toolLimit) {
                throw budget.wallTimeExhausted();
            }
            return ToolResult.failure("tool " + call.tool() + " did not answer within " + settings.toolTimeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return ToolResult.failure("tool " + call.tool() + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : Secrets.scrub(cause.getMessage())));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private StepRecord runSubGoal(PlanStep step, PlanStep.SubGoal sub, Map<String, ToolResult> results) {
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
        RunOutcome outcome = run.runChild(child, run.runId() + "/" + step.id());
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
