package dev.aios.runtime.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainTicket;
import dev.aios.api.Budget;
import dev.aios.api.BudgetExhaustedException;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Plan;
import dev.aios.api.Provenance;
import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.Secrets;
import dev.aios.api.Source;
import dev.aios.api.StepRecord;
import dev.aios.api.StepRecord.Status;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.Usage;
import dev.aios.api.spi.FailureReport;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.Perception;
import dev.aios.api.spi.PlanningRequest;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunContext;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one goal: the loop of perceive, plan, gate, act, verify, reflect and learn. This
 * class coordinates: the thread that calls {@link #execute()} perceives, asks for plans and
 * reflections, and learns; {@link PlanScheduler} runs each plan's steps, each on a virtual thread
 * of its own through {@link StepRunner}; {@link BrainCalls} makes the stages' brain calls;
 * {@link RunAnswers} assembles the answer. Every wait (a tool, a brain, a human) is bounded by the
 * run's wall-time budget and ends when the run is cancelled.
 */
public final class RunExecution implements RunContext {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final AgentSettings settings;
    private final Events events;
    private final ParkedApprovals approvals;
    private final Goal goal;
    private final String runId;
    private final RunBudget budget;
    private final int depth;
    private final BrainCalls brainCalls;
    private final PlanScheduler scheduler;
    private final List<Reflection> reflections = new ArrayList<>();

    private final Extractor extractor = new Extractor(this);
    /**
     * The label of the plan's own text: the user's goal plus whatever the planner was shown (trusted
     * memories, or the skill the plan came from). Literal arguments carry it.
     */
    private volatile Provenance planLabel;

    private @Nullable Thread coordinator;
    private boolean finishing;
    /** The run's journal; a new top-level run opens it in {@link #execute()} (so that a failure is its outcome). */
    private volatile RunJournaling journal;
    private final @Nullable RunJournal opener;
    /** Where the run's span goes: under the host's span for a top-level run, under its step's for a sub-goal. */
    private final Context parentContext;
    /** The context of the run's span, which its steps' spans go under; set when {@link #execute()} starts. */
    private volatile Context traceContext = Context.root();

    /**
     * Creates the top-level run of {@code goal}, recorded in {@code journal} (null: recorded nowhere).
     *
     * @param parent the trace context the run's span goes under (the caller's, captured on its thread)
     */
    public RunExecution(AgentSettings settings, ParkedApprovals approvals, Goal goal, String runId,
            @Nullable RunJournal journal, Context parent) {
        this(settings, new Events(settings.listeners()), approvals, goal, runId, new RunBudget(goal.budget()), 0,
                RunJournaling.NONE, journal, parent);
    }

    /**
     * Creates a top-level run that goes on from its journal: {@code claimed}, which this process
     * owns, holds what the run recorded before.
     *
     * @param parent the trace context the run's span goes under
     * @throws dev.aios.api.spi.JournalException if the log cannot be read as a run's
     */
    public static RunExecution resumed(AgentSettings settings, ParkedApprovals approvals, RunLog claimed,
            Context parent) {
        RunJournaling journaling = RunJournaling.resume(claimed);
        Goal goal = RunJournaling.goalOf(claimed.entries());
        return new RunExecution(settings, new Events(settings.listeners()), approvals, goal, claimed.runId(),
                new RunBudget(goal.budget(), journaling.recordedSpend()), 0, journaling, null, parent);
    }

    private RunExecution(AgentSettings settings, Events events, ParkedApprovals approvals, Goal goal, String runId,
            RunBudget budget, int depth, RunJournaling journal, @Nullable RunJournal opener, Context parent) {
        this.parentContext = parent;
        this.journal = journal;
        this.opener = opener;
        this.settings = settings;
        this.events = events;
        this.approvals = approvals;
        this.goal = goal;
        this.runId = runId;
        this.budget = budget;
        this.depth = depth;
        this.brainCalls = new BrainCalls(settings.router(), budget, goal, runId, settings.telemetry());
        this.planLabel = goal.textLabel();
        this.scheduler = new PlanScheduler(new StepRunner(settings, approvals, this, budget, depth), budget, this);
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

    /**
     * Records an answer to one of this run's approval requests before the run goes on (the answer
     * a person gave while the run was not running in any process).
     */
    public void answerBeforeResuming(String requestId, boolean approved, String note) {
        journal.approvalDecided(requestId, new RunJournaling.Decision(approved, note, false));
    }

    /** Runs the goal to its end, in a span of its own. Never throws. */
    public RunOutcome execute() {
        AgentTelemetry telemetry = settings.telemetry();
        long start = System.nanoTime();
        Span span = telemetry.startRun(parentContext, runId);
        traceContext = parentContext.with(span);
        RunStatus status = null;
        try (Scope ignored = traceContext.makeCurrent()) { // the coordinator's own brain calls go under it
            RunOutcome outcome = executeInSpan();
            status = outcome.status();
            return outcome;
        } finally {
            telemetry.runEnded(span, status, System.nanoTime() - start, depth == 0);
        }
    }

    private RunOutcome executeInSpan() {
        synchronized (this) {
            coordinator = Thread.currentThread();
        }
        if (depth == 0 && journal.resumed()) {
            RunOutcome recorded = journal.recordedOutcome(runId, goal);
            if (recorded != null) { // it finished before: nothing to do again
                journal.close();
                emit(AgentEvent.Type.RUN_FINISHED, null, recorded.status() + ": " + recorded.detail() + " (recorded)");
                return recorded;
            }
            emit(AgentEvent.Type.RUN_RESUMED, null, "goal: " + Excerpt.of(Secrets.scrub(goal.text()), 200));
        } else {
            emit(AgentEvent.Type.RUN_STARTED, null, "goal: " + Excerpt.of(Secrets.scrub(goal.text()), 200));
        }
        RunStatus status;
        RunAnswers.Labelled answer = new RunAnswers.Labelled("", Provenance.user());
        String detail;
        Budget.Kind exhausted = null;
        int plans = 0;
        Plan plan = null;
        try {
            if (opener != null) {
                journal = RunJournaling.start(opener, runId, goal);
            }
            budget.checkAlive();
            Perception perception = perceive();
            planLabel = labelOf(perception);
            plan = plan(new PlanningRequest(perception, List.of(), null), 1);
            plans = 1;
            emit(AgentEvent.Type.PLAN_CREATED, null, RunAnswers.describe(plan));
            while (true) {
                List<StepRecord> records = scheduler.execute(plan, plans);
                List<StepRecord> failed = records.stream()
                        .filter(r -> !r.succeeded() && r.status() != Status.SKIPPED)
                        .toList();
                if (failed.isEmpty() && records.stream().allMatch(StepRecord::succeeded)) {
                    status = RunStatus.SUCCEEDED;
                    answer = RunAnswers.answer(plan, records, planLabel, goal);
                    detail = "all " + records.size() + " steps of plan " + plans + " succeeded";
                    break;
                }
                int replansLeft = settings.maxReplans() - (plans - 1);
                // the reflector, like the planner, sees only trusted text: its diagnosis goes into the next prompt
                Reflection reflection = journal.recordedReflection(runId, plans);
                if (reflection == null) {
                    reflection = settings.reflector().reflect(new FailureReport(plan, PlannerView.of(failed),
                            PlannerView.of(scheduler.history()), replansLeft), this);
                    journal.reflected(runId, plans, reflection);
                    recordSpend();
                }
                reflections.add(reflection);
                emit(AgentEvent.Type.REFLECTED, null, reflection.decision() + ": " + reflection.diagnosis());
                if (reflection.decision() == Reflection.Decision.GIVE_UP || replansLeft <= 0) {
                    status = RunStatus.FAILED;
                    detail = reflection.diagnosis()
                            + (replansLeft <= 0 ? " (no replans left: the agent allows " + settings.maxReplans() + ")" : "")
                            + asReported(failed);
                    answer = RunAnswers.partial(scheduler.history(), planLabel);
                    break;
                }
                budget.checkAlive();
                planLabel = labelOf(perception);
                plan = plan(new PlanningRequest(perception, PlannerView.of(scheduler.history()), reflection), plans + 1);
                plans++;
                emit(AgentEvent.Type.REPLANNED, null, "plan " + plans + ": " + RunAnswers.describe(plan));
            }
        } catch (BudgetExhaustedException e) {
            status = RunStatus.BUDGET_EXHAUSTED;
            exhausted = e.kind();
            detail = e.getMessage();
            answer = RunAnswers.partial(scheduler.history(), planLabel);
            emit(AgentEvent.Type.BUDGET_EXHAUSTED, null, detail);
        } catch (RunCancelledException e) {
            status = RunStatus.CANCELLED;
            detail = "cancelled by the host";
            answer = RunAnswers.partial(scheduler.history(), planLabel);
        } catch (JournalException e) {
            status = RunStatus.FAILED;
            detail = "the run's journal failed, so the run stopped (no call was made that the journal did not record"
                    + " first): " + e.getMessage();
            answer = RunAnswers.partial(scheduler.history(), planLabel);
        } catch (AiOsException e) {
            status = RunStatus.FAILED;
            detail = e.getMessage();
            answer = RunAnswers.partial(scheduler.history(), planLabel);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            log.warn("run {} failed with an unexpected error", runId, Secrets.scrub(e));
            status = RunStatus.FAILED;
            detail = "unexpected " + e.getClass().getSimpleName() + " in the agent loop: " + Secrets.scrub(e.getMessage());
            answer = RunAnswers.partial(scheduler.history(), planLabel);
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
        // Whatever path the text took (a tool's error, a reflector's diagnosis), no configured secret leaves.
        detail = Secrets.scrub(detail);
        RunOutcome outcome = new RunOutcome(runId, goal, status, Secrets.scrub(answer.text()), detail, exhausted, scheduler.history(),
                plans, budget.usage(), Duration.ofNanos(budget.elapsedNanos()), plan, answer.label());
        if (depth == 0) {
            // Learners write by the run's id, so a crash before LEARNED is durable only makes them write the same again.
            if (!journal.hasLearned()) {
                learn(outcome);
            }
            try {
                journal.learned();
                journal.finished(outcome, scheduler.numberedHistory());
            } catch (JournalException e) {
                log.warn("run {}: its end could not be journaled ({}); a restart will resume it, reusing every step"
                        + " recorded", runId, e.getMessage());
            }
            journal.close();
        }
        try {
            settings.memory().endRun(runId);
        } catch (RuntimeException e) {
            log.warn("run {}: dropping its working memory failed; ignored", runId, Secrets.scrub(e));
        }
        emit(AgentEvent.Type.RUN_FINISHED, null, status + ": " + detail);
        return outcome;
    }

    /**
     * Plan number {@code n}: the one an earlier life of the run recorded, or a new one from the
     * planner, recorded.
     */
    private Plan plan(PlanningRequest request, int n) {
        RunJournaling.RecordedPlan recorded = journal.recordedPlan(runId, n);
        if (recorded != null) {
            planLabel = recorded.label();
            return recorded.plan();
        }
        Plan made = settings.planner().plan(request, this);
        journal.planned(runId, n, made, planLabel);
        recordSpend();
        return made;
    }

    /** Journals what the run has spent so far (not durable on its own: a lost record is counted again). */
    void recordSpend() {
        journal.spent(budget.usage(), budget.stepsStarted(), budget.elapsedNanos());
    }

    /** @return the run's journal (shared by its sub-goal runs) */
    RunJournaling journal() {
        return journal;
    }

    // ---- perceive -------------------------------------------------------------------------

    private Perception perceive() {
        List<MemoryHit> memories;
        try {
            memories = settings.memory().recall(MemoryQuery.of(goal.text(), settings.recallLimit()));
        } catch (RuntimeException e) {
            log.warn("run {}: memory recall failed; planning without memories", runId, Secrets.scrub(e));
            memories = List.of();
        }
        // Only trusted memories reach the planner; the rest (mail the daemon stored, episodes that quote
        // a web page) could carry instructions, and the planner must never read them.
        List<MemoryHit> trusted = memories.stream().filter(h -> h.record().provenance().isTrusted()).toList();
        int withheld = memories.size() - trusted.size();
        memories = trusted;
        List<ToolDescriptor> all = settings.tools().tools();
        List<ToolDescriptor> tools = all.size() <= settings.toolsShown()
                ? all
                : settings.tools().search(goal.text(), settings.toolsShown());
        emit(AgentEvent.Type.PERCEIVED, null, memories.size() + " memories recalled"
                + (withheld > 0 ? " (" + withheld + " from untrusted sources withheld from the planner)" : "") + ", "
                + tools.size() + " of " + all.size() + " tools shown");
        return new Perception(goal, memories, tools);
    }

    /**
     * The host reads the outcome, not the planner: it gets what the tools said, which the
     * reflector's diagnosis had to leave out. The episode that quotes it is labelled by the same
     * results, so memory keeps it away from later planners.
     */
    private static String asReported(List<StepRecord> failed) {
        List<String> withheld = new ArrayList<>();
        for (StepRecord r : failed) {
            if (PlannerView.withholds(r)) {
                withheld.add("step " + r.step().id() + ": " + Excerpt.of(r.detail(), 300));
            }
        }
        return withheld.isEmpty() ? "" : "; as the tools reported it: " + String.join("; ", withheld);
    }

    /**
     * @return the label of a plan made from {@code perception}: the goal and each memory shown (so
     *     a skill learned from the plan names them, and goes when they go)
     */
    private static Provenance labelOf(Perception perception) {
        Goal goal = perception.goal();
        // a private goal's text is private, and so is every plan and record made from it
        Provenance label = goal.textLabel();
        for (String key : goal.context().keySet()) {
            Provenance shown = goal.contextLabel(key);
            if (shown.isTrusted()) { // shown to the planner verbatim: its readers bound the plan's
                label = label.join(shown);
            }
        }
        for (MemoryHit hit : perception.memories()) {
            label = label.join(hit.record().provenance()).withSource(Source.memory(hit.record().id()));
        }
        return label;
    }

    /** Called by the skill planner: the plan about to be returned comes from the skill {@code record}. */
    void planFromSkill(MemoryRecord record) {
        planLabel = goal.textLabel().join(record.provenance())
                .withSource(Source.memory(record.id()));
    }

    /** @return the label of the current plan's own text */
    Provenance planLabel() {
        return planLabel;
    }

    /** @return the quarantined extractor of this run */
    Extractor extractor() {
        return extractor;
    }

    /** A stage's brain call, private when the data asks for it (a private goal, or private data to read). */
    BrainAnswer chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs, boolean privateData) {
        return brainCalls.chat(purpose, request, needs, privateData || planLabel.isPrivate());
    }

    /**
     * Runs a sub-goal as a child run: same settings, listeners, approvals and budget (a sub-goal
     * spends its parent's budget), one level deeper.
     */
    RunOutcome runChild(Goal child, String childRunId) {
        return new RunExecution(settings, events, approvals, child, childRunId, budget, depth + 1, journal, null,
                Context.current()).execute(); // the step's span, current on the step's thread
    }

    /** @return the trace context of the run's span, for its steps (which run on threads of their own) */
    Context traceContext() {
        return traceContext;
    }

    // ---- learn -----------------------------------------------------------------------------

    private void learn(RunOutcome outcome) {
        for (Learner learner : settings.learners()) {
            try {
                learner.learn(outcome, List.copyOf(reflections), this);
                emit(AgentEvent.Type.LEARNED, null, "learner " + learner.name() + " recorded the run");
            } catch (RuntimeException e) {
                log.warn("run {}: learner {} failed; the outcome stands", runId, learner.name(), Secrets.scrub(e));
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
    public BrainAnswer chat(String purpose, ChatRequest request, Set<BrainProfile.Capability> needs) {
        return brainCalls.chat(purpose, request, needs, planLabel.isPrivate());
    }

    @Override
    public void recordVerdict(BrainTicket ticket, AnswerVerdict verdict) {
        brainCalls.recordVerdict(ticket, verdict);
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
}
