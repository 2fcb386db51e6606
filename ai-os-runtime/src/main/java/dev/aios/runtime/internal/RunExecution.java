package dev.aios.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aios.api.AgentEvent;
import dev.aios.api.AiOsException;
import dev.aios.api.ApprovalRequest;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.api.Budget;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.GateDecision;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.api.StepRecord.Status;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.Usage;
import dev.aios.api.Verification;
import dev.aios.api.spi.FailureReport;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.Perception;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.RunContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one goal: the loop of perceive, plan, gate, act, verify, reflect and learn. The
 * thread that calls {@link #execute()} coordinates; each plan step runs on a virtual thread of
 * its own, so independent steps run concurrently, and every wait (a tool, a brain, a human) is
 * bounded by the run's wall-time budget and ends when the run is cancelled.
 */
public final class RunExecution implements RunContext {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
    /** A {@code {{stepId}}} reference, as {@link Plan} validates them; compiled once, used per step. */
    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\{\\{([^{}]+)}}");
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final AgentSettings settings;
    private final Events events;
    private final ParkedApprovals approvals;
    private final Goal goal;
    private final String runId;
    private final RunBudget budget;
    private final int depth;

    private final List<StepRecord> history = Collections.synchronizedList(new ArrayList<>());
    private final List<Reflection> reflections = new ArrayList<>();
    /** Results of calls that succeeded in this run, by tool and arguments: never fired twice. */
    private final Map<String, ToolResult> succeededCalls = new ConcurrentHashMap<>();
    private volatile @Nullable BudgetExhaustedException exhaustedInStep;
    /** Per purpose: the last brain call, and how many of its answers were rejected in a row. */
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    private record LastCall(Brain brain, BrainRequest request, int rejectedInARow) {}

    private @Nullable Thread coordinator;
    private boolean finishing;

    /** Creates the top-level run of {@code goal}. */
    public RunExecution(AgentSettings settings, ParkedApprovals approvals, Goal goal, String runId) {
        this(settings, new Events(settings.listeners()), approvals, goal, runId, new RunBudget(goal.budget()), 0);
    }

    private RunExecution(AgentSettings settings, Events events, ParkedApprovals approvals, Goal goal, String runId,
            RunBudget budget, int depth) {
        this.settings = settings;
        this.events = events;
        this.approvals = approvals;
        this.goal = goal;
        this.runId = runId;
        this.budget = budget;
        this.depth = depth;
    }

    /**
     * Asks the run to stop: no new work starts, and the coordinating thread is interrupted so
     * that waits end now. Does nothing once the run is finishing (learning must not be
     * interrupted: stores such as Lucene treat an interrupt as fatal).
     */
    public synchronized void cancel() {
        if (finishing) {
            return;
        }
        budget.cancel();
        if (coordinator != null) {
            coordinator.interrupt();
        }
    }

    private synchronized void enterFinishing() {
        finishing = true;
        Thread.interrupted(); // a cancel's interrupt must not reach learners or listeners
    }

    /** Runs the goal to its end. Never throws. */
    public RunOutcome execute() {
        synchronized (this) {
            coordinator = Thread.currentThread();
        }
        emit(AgentEvent.Type.RUN_STARTED, null, "goal: " + Text.abbreviate(goal.text(), 200));
        RunStatus status;
        String answer = "";
        String detail;
        Budget.Kind exhausted = null;
        int plans = 0;
        Plan plan = null;
        try {
            budget.checkAlive();
            Perception perception = perceive();
            plan = settings.planner().plan(new PlanningRequest(perception, List.of(), null), this);
            plans = 1;
            emit(AgentEvent.Type.PLAN_CREATED, null, describe(plan));
            while (true) {
                List<StepRecord> records = executePlan(plan);
                List<StepRecord> failed = records.stream()
                        .filter(r -> !r.succeeded() && r.status() != Status.SKIPPED)
                        .toList();
                if (failed.isEmpty() && records.stream().allMatch(StepRecord::succeeded)) {
                    status = RunStatus.SUCCEEDED;
                    answer = answer(plan, records);
                    detail = "all " + records.size() + " steps of plan " + plans + " succeeded";
                    break;
                }
                int replansLeft = settings.maxReplans() - (plans - 1);
                Reflection reflection = settings.reflector()
                        .reflect(new FailureReport(plan, failed, snapshot(), replansLeft), this);
                reflections.add(reflection);
                emit(AgentEvent.Type.REFLECTED, null, reflection.decision() + ": " + reflection.diagnosis());
                if (reflection.decision() == Reflection.Decision.GIVE_UP || replansLeft <= 0) {
                    status = RunStatus.FAILED;
                    detail = reflection.diagnosis()
                            + (replansLeft <= 0 ? " (no replans left: the agent allows " + settings.maxReplans() + ")" : "");
                    answer = partialAnswer();
                    break;
                }
                budget.checkAlive();
                plan = settings.planner().plan(new PlanningRequest(perception, snapshot(), reflection), this);
                plans++;
                emit(AgentEvent.Type.REPLANNED, null, "plan " + plans + ": " + describe(plan));
            }
        } catch (BudgetExhaustedException e) {
            status = RunStatus.BUDGET_EXHAUSTED;
            exhausted = e.kind();
            detail = e.getMessage();
            answer = partialAnswer();
            emit(AgentEvent.Type.BUDGET_EXHAUSTED, null, detail);
        } catch (RunCancelledException e) {
            status = RunStatus.CANCELLED;
            detail = "cancelled by the host";
            answer = partialAnswer();
        } catch (AiOsException e) {
            status = RunStatus.FAILED;
            detail = e.getMessage();
            answer = partialAnswer();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            log.warn("run {} failed with an unexpected error", runId, e);
            status = RunStatus.FAILED;
            detail = "unexpected " + e.getClass().getSimpleName() + " in the agent loop: " + e.getMessage();
            answer = partialAnswer();
        }
        if (budget.isCancelled() && status != RunStatus.SUCCEEDED) {
            status = RunStatus.CANCELLED;
            exhausted = null;
            detail = "cancelled by the host";
        }
        enterFinishing();
        if (status == RunStatus.CANCELLED) {
            emit(AgentEvent.Type.RUN_CANCELLED, null, detail);
        }
        RunOutcome outcome = new RunOutcome(runId, goal, status, answer, detail, exhausted, snapshot(), plans,
                budget.usage(), Duration.ofNanos(budget.elapsedNanos()), plan);
        if (depth == 0) {
            learn(outcome);
        }
        try {
            settings.memory().endRun(runId);
        } catch (RuntimeException e) {
            log.warn("run {}: dropping its working memory failed; ignored", runId, e);
        }
        emit(AgentEvent.Type.RUN_FINISHED, null, status + ": " + detail);
        return outcome;
    }

    // ---- perceive -------------------------------------------------------------------------

    private Perception perceive() {
        List<MemoryHit> memories;
        try {
            memories = settings.memory().recall(MemoryQuery.of(goal.text(), settings.recallLimit()));
        } catch (RuntimeException e) {
            log.warn("run {}: memory recall failed; planning without memories", runId, e);
            memories = List.of();
        }
        List<ToolDescriptor> all = settings.tools().tools();
        List<ToolDescriptor> tools = all.size() <= settings.toolsShown()
                ? all
                : settings.tools().search(goal.text(), settings.toolsShown());
        emit(AgentEvent.Type.PERCEIVED, null, memories.size() + " memories recalled, " + tools.size() + " of "
                + all.size() + " tools shown");
        return new Perception(goal, memories, tools);
    }

    // ---- act: one plan ---------------------------------------------------------------------

    private List<StepRecord> executePlan(Plan plan) {
        Map<String, StepRecord> done = new LinkedHashMap<>();
        Map<String, Future<StepRecord>> running = new HashMap<>();
        Map<String, String> results = new ConcurrentHashMap<>();
        BlockingQueue<StepRecord> completed = new LinkedBlockingQueue<>();
        try {
            while (done.size() < plan.steps().size()) {
                for (PlanStep step : plan.steps()) {
                    if (done.containsKey(step.id()) || running.containsKey(step.id())) {
                        continue;
                    }
                    String failedDependency = null;
                    boolean ready = true;
                    for (String dep : step.dependsOn()) {
                        StepRecord d = done.get(dep);
                        if (d == null) {
                            ready = false;
                        } else if (!d.succeeded()) {
                            failedDependency = dep;
                        }
                    }
                    if (failedDependency != null) {
                        record(done, skipped(step, "step " + failedDependency + " it depends on did not succeed"));
                    } else if (ready) {
                        running.put(step.id(), spawn("aios-step-" + step.id(), () -> {
                            StepRecord r = runStep(step, results);
                            completed.add(r);
                            return r;
                        }));
                    }
                }
                if (done.size() == plan.steps().size()) {
                    break;
                }
                long wait = budget.remainingNanos();
                if (wait <= 0) {
                    throw budget.wallTimeExhausted();
                }
                StepRecord r = completed.poll(wait, TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw budget.wallTimeExhausted();
                }
                running.remove(r.step().id());
                if (r.succeeded() && r.result() != null) {
                    results.put(r.step().id(), r.result().text());
                }
                record(done, r);
                BudgetExhaustedException spent = exhaustedInStep;
                if (spent != null) {
                    throw spent;
                }
                budget.checkAlive();
            }
            List<StepRecord> ordered = new ArrayList<>();
            plan.steps().forEach(s -> ordered.add(done.get(s.id())));
            return ordered;
        } catch (InterruptedException e) {
            budget.cancel();
            throw new RunCancelledException();
        } finally {
            if (done.size() < plan.steps().size()) {
                stopRemaining(plan, done, running, completed);
            }
        }
    }

    /** The run is ending mid-plan: interrupt running steps, collect how they ended, skip the rest. */
    private void stopRemaining(Plan plan, Map<String, StepRecord> done, Map<String, Future<StepRecord>> running,
            BlockingQueue<StepRecord> completed) {
        boolean interrupted = Thread.interrupted();
        running.values().forEach(f -> f.cancel(true));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!running.isEmpty()) {
            StepRecord r;
            try {
                r = completed.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
            if (r == null) {
                break;
            }
            running.remove(r.step().id());
            record(done, r);
        }
        for (PlanStep step : plan.steps()) {
            if (!done.containsKey(step.id())) {
                Status status = running.containsKey(step.id()) ? Status.CANCELLED : Status.SKIPPED;
                record(done, new StepRecord(step, status, 0, null, null, null, "the run ended before it finished"));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(Map<String, StepRecord> done, StepRecord r) {
        done.put(r.step().id(), r);
        history.add(r);
        if (r.status() == Status.SKIPPED) {
            emit(AgentEvent.Type.STEP_SKIPPED, r.step().id(), r.detail());
        }
    }

    private static StepRecord skipped(PlanStep step, String why) {
        return new StepRecord(step, Status.SKIPPED, 0, null, null, null, why);
    }

    // ---- gate, act, verify: one step -------------------------------------------------------

    private StepRecord runStep(PlanStep step, Map<String, String> results) {
        try {
            return switch (step.action()) {
                case PlanStep.CallTool call -> callTool(step, call, results);
                case PlanStep.SubGoal sub -> runSubGoal(step, sub, results);
            };
        } catch (BudgetExhaustedException e) {
            if (exhaustedInStep == null) {
                exhaustedInStep = e;
            }
            return new StepRecord(step, Status.CANCELLED, 0, null, null, null, e.getMessage());
        } catch (RunCancelledException | InterruptedException e) {
            return new StepRecord(step, Status.CANCELLED, 0, null, null, null, "the run was cancelled");
        } catch (RuntimeException e) {
            log.warn("run {}: step {} failed with an unexpected error", runId, step.id(), e);
            emit(AgentEvent.Type.STEP_FAILED, step.id(), "unexpected error: " + e);
            return new StepRecord(step, Status.FAILED, 0, null, null, null, "unexpected error: " + e);
        }
    }

    private StepRecord callTool(PlanStep step, PlanStep.CallTool action, Map<String, String> results)
            throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = (Map<String, Object>) substitute(action.arguments(), results);
        ToolCall call = new ToolCall(runId + "/" + step.id(), action.tool(), arguments);
        ToolDescriptor tool = settings.tools().find(action.tool()).orElse(null);
        if (tool == null) {
            GateDecision denial = GateDecision.deny("no tool named '" + action.tool() + "' is registered");
            emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        }
        String key = callKey(call);
        ToolResult earlier = succeededCalls.get(key);
        if (earlier != null) {
            emit(AgentEvent.Type.STEP_REUSED, step.id(), "identical call to " + tool.name() + " already succeeded in this run");
            return new StepRecord(step, Status.REUSED, 0, null, earlier, null,
                    "identical call already succeeded in this run; not repeated");
        }

        budget.checkAlive();
        GateDecision gate = settings.gate().decide(call, tool, this);
        switch (gate.verdict()) {
            case DENY -> {
                emit(AgentEvent.Type.STEP_DENIED, step.id(), gate.reason());
                return new StepRecord(step, Status.DENIED, 0, gate, null, null, gate.reason());
            }
            case ASK -> {
                StepRecord refused = awaitApproval(step, call, tool, gate);
                if (refused != null) {
                    return refused;
                }
            }
            case ALLOW -> emit(AgentEvent.Type.STEP_ALLOWED, step.id(), gate.reason());
        }

        int attempts = 0;
        while (true) {
            budget.chargeStep();
            attempts++;
            emit(AgentEvent.Type.STEP_STARTED, step.id(), tool.name() + " (attempt " + attempts + ")");
            ToolResult result = invoke(call);
            if (!result.error()) {
                Verification verdict = settings.verifier().verify(step, result, this);
                if (verdict.passed()) {
                    succeededCalls.put(key, result);
                    emit(AgentEvent.Type.STEP_SUCCEEDED, step.id(), verdict.reason());
                    return new StepRecord(step, Status.SUCCEEDED, attempts, gate, result, verdict, verdict.reason());
                }
                emit(AgentEvent.Type.VERIFICATION_FAILED, step.id(), verdict.reason());
                return new StepRecord(step, Status.FAILED, attempts, gate, result, verdict,
                        "result did not pass verification: " + verdict.reason());
            }
            boolean retry = tool.risk().idempotent() && attempts <= settings.maxRetries();
            if (!retry) {
                String why = tool.risk().idempotent()
                        ? "failed " + attempts + " times; the agent retries at most " + settings.maxRetries()
                        : "failed, and " + tool.name() + " is not idempotent, so it is not retried";
                emit(AgentEvent.Type.STEP_FAILED, step.id(), why + ": " + Text.abbreviate(result.text(), 200));
                return new StepRecord(step, Status.FAILED, attempts, gate, result, null,
                        why + ": " + Text.abbreviate(result.text(), 500));
            }
            emit(AgentEvent.Type.STEP_RETRYING, step.id(), "attempt " + attempts + " failed: "
                    + Text.abbreviate(result.text(), 200));
            long backoff = settings.retryBackoff().toNanos() << Math.min(attempts - 1, 10);
            if (backoff >= budget.remainingNanos()) {
                throw budget.wallTimeExhausted();
            }
            TimeUnit.NANOSECONDS.sleep(backoff);
        }
    }

    /** @return null if approved; otherwise the record of the refused step */
    private @Nullable StepRecord awaitApproval(PlanStep step, ToolCall call, ToolDescriptor tool, GateDecision gate)
            throws InterruptedException {
        Instant now = Instant.now();
        long waitNanos = Math.min(settings.approvalTimeout().toNanos(), budget.remainingNanos());
        ApprovalRequest request = new ApprovalRequest(UUID.randomUUID().toString(), runId, goal, call, tool,
                gate.reason(), now, now.plusNanos(waitNanos));
        var answer = approvals.park(request);
        emit(AgentEvent.Type.APPROVAL_REQUESTED, step.id(), "approval " + request.id() + ": " + gate.reason());
        try {
            ParkedApprovals.Answer a = answer.get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            rememberDecision(tool, a);
            if (a.approved()) {
                emit(AgentEvent.Type.APPROVAL_GRANTED, step.id(), "approved" + (a.note().isEmpty() ? "" : ": " + a.note()));
                return null;
            }
            GateDecision denial = GateDecision.deny("denied by a human: " + a.note());
            emit(AgentEvent.Type.STEP_DENIED, step.id(), denial.reason());
            return new StepRecord(step, Status.DENIED, 0, denial, null, null, denial.reason());
        } catch (TimeoutException e) {
            approvals.expire(request.id());
            if (budget.remainingNanos() <= 0) {
                throw budget.wallTimeExhausted();
            }
            String why = "nobody answered the approval request within " + settings.approvalTimeout();
            emit(AgentEvent.Type.APPROVAL_TIMED_OUT, step.id(), why);
            return new StepRecord(step, Status.APPROVAL_TIMED_OUT, 0, gate, null, null, why);
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
        String text = "The user " + verdict + " " + tool.name() + " for the goal: " + goal.text()
                + (answer.note().isBlank() ? "" : " (" + answer.note() + ")");
        try {
            settings.memory().remember(new dev.aios.api.MemoryRecord(
                    "preference:" + UUID.nameUUIDFromBytes((tool.name() + '\u0000' + goal.text())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    dev.aios.api.MemoryLayer.LONG_TERM, text, Instant.now(), 0.7,
                    Map.of("kind", "preference", "tool", tool.name(), "verdict", verdict)));
        } catch (RuntimeException e) {
            log.warn("run {}: could not remember the approval decision; ignored", runId, e);
        }
    }

    private ToolResult invoke(ToolCall call) throws InterruptedException {
        ToolRegistry tools = settings.tools();
        Future<ToolResult> future = spawn("aios-tool-" + call.tool(), () -> tools.call(call));
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
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private StepRecord runSubGoal(PlanStep step, PlanStep.SubGoal sub, Map<String, String> results) {
        budget.chargeStep();
        if (depth + 1 > settings.maxSubGoalDepth()) {
            String why = "sub-goals may nest " + settings.maxSubGoalDepth() + " deep; this one would be deeper";
            emit(AgentEvent.Type.STEP_FAILED, step.id(), why);
            return new StepRecord(step, Status.FAILED, 1, null, null, null, why);
        }
        emit(AgentEvent.Type.STEP_STARTED, step.id(), "sub-goal");
        Goal child = new Goal(goal.id() + "/" + step.id(), (String) substitute(sub.goal(), results), goal.context(),
                goal.budget(), goal.tags());
        RunExecution childRun = new RunExecution(settings, events, approvals, child, runId + "/" + step.id(), budget,
                depth + 1);
        RunOutcome outcome = childRun.execute();
        switch (outcome.status()) {
            case BUDGET_EXHAUSTED -> throw new BudgetExhaustedException(outcome.exhausted(), outcome.detail());
            case CANCELLED -> throw new RunCancelledException();
            case FAILED -> {
                emit(AgentEvent.Type.STEP_FAILED, step.id(), "sub-goal failed: " + outcome.detail());
                return new StepRecord(step, Status.FAILED, 1, null, ToolResult.failure(outcome.answer()), null,
                        "sub-goal failed: " + outcome.detail());
            }
            case SUCCEEDED -> {
                ToolResult result = ToolResult.success(outcome.answer());
                Verification verdict = settings.verifier().verify(step, result, this);
                emit(verdict.passed() ? AgentEvent.Type.STEP_SUCCEEDED : AgentEvent.Type.VERIFICATION_FAILED,
                        step.id(), verdict.reason());
                return new StepRecord(step, verdict.passed() ? Status.SUCCEEDED : Status.FAILED, 1, null, result,
                        verdict, verdict.reason());
            }
        }
        throw new IllegalStateException("unknown status " + outcome.status());
    }

    // ---- learn -----------------------------------------------------------------------------

    private void learn(RunOutcome outcome) {
        for (Learner learner : settings.learners()) {
            try {
                learner.learn(outcome, List.copyOf(reflections), this);
                emit(AgentEvent.Type.LEARNED, null, "learner " + learner.name() + " recorded the run");
            } catch (RuntimeException e) {
                log.warn("run {}: learner {} failed; the outcome stands", runId, learner.name(), e);
            }
        }
    }

    // ---- RunContext ------------------------------------------------------------------------

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Goal goal() {
        return goal;
    }

    @Override
    public ChatResponse chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs) {
        budget.checkBeforeModelCall();
        if (settings.router() == null) {
            throw AiOsException.permanent("no brain configured, and the '" + purpose + "' stage needs one: give the agent a"
                    + " brain with Agent.builder().brain(...), or stage implementations that need none");
        }
        LastCall last = lastCalls.get(purpose);
        BrainRequest brainRequest = new BrainRequest(purpose, request, needs, goal.isPrivate(),
                last == null ? 0 : last.rejectedInARow(), runId);
        Brain brain = settings.router().route(brainRequest);
        lastCalls.put(purpose, new LastCall(brain, brainRequest, brainRequest.escalation()));
        Future<ChatResponse> future = spawn("aios-brain-" + brain.name(), () -> brain.model().chat(request));
        ChatResponse response;
        try {
            response = future.get(Math.max(0, budget.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw budget.wallTimeExhausted();
        } catch (InterruptedException e) {
            future.cancel(true);
            budget.cancel();
            throw new RunCancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AiOsException aios) {
                throw aios;
            }
            throw AiOsException.retriable("brain " + brain.name() + " failed on the '" + purpose + "' request: " + cause,
                    cause);
        }
        long in;
        long out;
        TokenUsage tokens = response.tokenUsage();
        if (tokens != null && tokens.inputTokenCount() != null && tokens.outputTokenCount() != null) {
            in = tokens.inputTokenCount();
            out = tokens.outputTokenCount();
        } else { // the provider did not say: estimate, so budgets still hold
            in = brainRequest.estimatedInputTokens();
            String text = response.aiMessage() == null || response.aiMessage().text() == null
                    ? "" : response.aiMessage().text();
            out = text.length() / 4 + 1;
        }
        budget.charge(new Usage(1, in, out, brain.profile().cost(in, out)));
        return response;
    }

    @Override
    public void recordVerdict(String purpose, boolean accepted) {
        LastCall last = lastCalls.get(purpose);
        if (last == null || settings.router() == null) {
            return;
        }
        try {
            settings.router().recordOutcome(last.brain(), last.request(), accepted);
        } catch (RuntimeException e) {
            log.warn("run {}: the router failed to record an outcome; ignored", runId, e);
        }
        lastCalls.put(purpose, new LastCall(last.brain(), last.request(), accepted ? 0 : last.rejectedInARow() + 1));
    }

    @Override
    public Usage usage() {
        return budget.usage();
    }

    @Override
    public ToolRegistry tools() {
        return settings.tools();
    }

    @Override
    public Memory memory() {
        return settings.memory();
    }

    @Override
    public boolean isCancelled() {
        return budget.isCancelled();
    }

    @Override
    public void emit(AgentEvent.Type type, @Nullable String stepId, String message) {
        events.emit(new AgentEvent(runId, type, Instant.now(), stepId, message));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private List<StepRecord> snapshot() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    private static <T> Future<T> spawn(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofVirtual().name(name).start(future);
        return future;
    }

    private static String callKey(ToolCall call) {
        try {
            return call.tool() + '\u0000' + CANONICAL.writeValueAsString(call.arguments());
        } catch (JsonProcessingException e) {
            return call.tool() + '\u0000' + call.arguments(); // not JSON-able: identity by toString
        }
    }

    /** Replaces {@code {{stepId}}} in every string with that step's result text. */
    private static @Nullable Object substitute(@Nullable Object value, Map<String, String> results) {
        if (value instanceof String s) {
            if (!s.contains("{{")) {
                return s;
            }
            Matcher m = REFERENCE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String result = results.get(m.group(1).trim());
                m.appendReplacement(out, Matcher.quoteReplacement(result != null ? result : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), substitute(v, results)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(substitute(v, results)));
            return copy;
        }
        return value;
    }

    private static String answer(Plan plan, List<StepRecord> records) {
        Map<String, String> results = new HashMap<>();
        records.forEach(r -> results.put(r.step().id(), r.result() == null ? "" : r.result().text()));
        if (plan.answer() != null) {
            return (String) substitute(plan.answer(), results);
        }
        Set<String> needed = new java.util.HashSet<>();
        plan.steps().forEach(s -> needed.addAll(s.dependsOn()));
        List<PlanStep> sinks = plan.steps().stream().filter(s -> !needed.contains(s.id())).toList();
        if (sinks.size() == 1) {
            return results.get(sinks.get(0).id());
        }
        StringBuilder out = new StringBuilder();
        for (PlanStep sink : sinks) {
            out.append(sink.id()).append(": ").append(results.get(sink.id())).append('\n');
        }
        return out.toString().strip();
    }

    private String partialAnswer() {
        List<StepRecord> done = snapshot().stream().filter(StepRecord::succeeded).toList();
        if (done.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("Partial result; completed steps:\n");
        for (StepRecord r : done) {
            out.append("- ").append(r.step().id()).append(": ")
                    .append(r.result() == null ? "" : Text.abbreviate(r.result().text(), 500)).append('\n');
        }
        return out.toString().strip();
    }

    private static String describe(Plan plan) {
        return plan.steps().size() + " steps: " + String.join(", ",
                plan.steps().stream().map(s -> s.id() + (s.action() instanceof PlanStep.CallTool c
                        ? "=" + c.tool() : "=sub-goal")).toList());
    }
}
