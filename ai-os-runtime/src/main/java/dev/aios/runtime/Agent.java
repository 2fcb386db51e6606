package dev.aios.runtime;

import dev.aios.api.AgentListener;
import dev.aios.api.ApprovalQueue;
import dev.aios.api.Brain;
import dev.aios.api.BrainRouter;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.Extensions;
import dev.aios.api.spi.GatePolicy;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import dev.aios.api.spi.Reflector;
import dev.aios.api.spi.Verifier;
import dev.aios.runtime.internal.AgentSettings;
import dev.aios.runtime.internal.AgentTelemetry;
import dev.aios.runtime.internal.BrainPlanner;
import dev.aios.runtime.internal.EpisodeLearner;
import dev.aios.runtime.internal.Extractor;
import dev.aios.runtime.internal.JournalApprovals;
import dev.aios.runtime.internal.ParkedApprovals;
import dev.aios.runtime.internal.RunSummaries;
import dev.aios.runtime.internal.RuleReflector;
import dev.aios.runtime.internal.RuleVerifier;
import dev.aios.runtime.internal.RunExecution;
import dev.aios.runtime.internal.SkillLearner;
import dev.aios.runtime.internal.SkillPlanner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent: runs goals to completion through perceive, plan, gate, act, verify, reflect and
 * learn, with the brains, tools, memory and policy it was built with. Thread-safe: one agent runs
 * any number of goals at once, each on virtual threads of its own.
 * {@snippet :
 * Agent agent = Agent.builder()
 *         .brain(Brain.local("planner", chatModel))     // any LangChain4j ChatModel
 *         .tools(tools)
 *         .build();
 * RunOutcome outcome = agent.run(Goal.of("Summarise today's calendar"));
 * System.out.println(outcome.status() + ": " + outcome.answer());
 * }
 *
 * <p>{@link #run} never throws for anything that goes wrong inside the run: a failing tool, a
 * malformed plan, a spent budget, a cancellation all end in a {@link RunOutcome} that says so.
 */
public final class Agent {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentSettings settings;
    private final ParkedApprovals parked = new ParkedApprovals();
    private final ApprovalQueue approvals;
    /** The runs running in this process, by id. */
    private final Map<String, RunHandle> running = new ConcurrentHashMap<>();
    /** Summaries of runs seen finished: their logs never change, so {@link #runs()} does not read them again. */
    private final Map<String, RunSummary> finishedRuns = new ConcurrentHashMap<>();

    private Agent(AgentSettings settings) {
        this.settings = settings;
        RunJournal journal = settings.journal();
        this.approvals = journal == null ? parked
                : new JournalApprovals(parked, journal, settings.tools(), running::containsKey, this::resumeWithAnswer);
    }

    /** @return a builder with every option at its default */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs a goal and waits for its outcome. If the calling thread is interrupted, the run is
     * cancelled and its cancelled outcome returned.
     */
    public RunOutcome run(Goal goal) {
        return start(goal).await();
    }

    /** Runs {@code Goal.of(text)} and waits for its outcome. */
    public RunOutcome run(String text) {
        return run(Goal.of(text));
    }

    /**
     * Starts a goal on a virtual thread and returns at once; the handle cancels it or waits for it.
     * The run's span goes under the caller's current span, if any.
     */
    public RunHandle start(Goal goal) {
        Objects.requireNonNull(goal, "goal must not be null");
        String runId = UUID.randomUUID().toString();
        return launch(runId, goal, new RunExecution(settings, parked, goal, runId, settings.journal(),
                Context.current()));
    }

    private RunHandle launch(String runId, Goal goal, RunExecution execution) {
        CompletableFuture<RunOutcome> outcome = new CompletableFuture<>();
        RunHandle handle = new RunHandle(runId, goal, outcome, execution::cancel);
        running.put(runId, handle);
        Thread.ofVirtual().name("aios-run-" + runId).start(() -> {
            try {
                outcome.complete(execution.execute());
            } finally {
                running.remove(runId, handle);
            }
        });
        return handle;
    }

    /**
     * Lists the runs in the agent's journal (see {@link Builder#journal}): running here, waiting
     * for approval, interrupted by a crash, or finished. Without a journal, an empty list.
     *
     * @throws dev.aios.api.spi.JournalException if the journal cannot be read
     */
    public List<RunSummary> runs() {
        RunJournal journal = settings.journal();
        if (journal == null) {
            return List.of();
        }
        List<RunSummary> runs = new ArrayList<>();
        List<String> ids = journal.runIds();
        for (String runId : ids) {
            RunSummary known = finishedRuns.get(runId);
            if (known != null) {
                runs.add(known);
                continue;
            }
            List<JournalEntry> entries = journal.read(runId);
            if (!entries.isEmpty()) {
                RunSummary summary = RunSummaries.of(runId, entries, running.containsKey(runId));
                if (summary.state() == RunSummary.State.FINISHED) {
                    finishedRuns.put(runId, summary); // a finished run's log never changes again
                }
                runs.add(summary);
            }
        }
        finishedRuns.keySet().retainAll(new java.util.HashSet<>(ids));
        return List.copyOf(runs);
    }

    /**
     * One run of the agent's journal, read alone (cheaper than {@link #runs()} when the journal
     * holds many).
     *
     * @return the run, or empty when the journal has no run by that id (or the agent has no journal)
     * @throws dev.aios.api.spi.JournalException if the journal cannot be read
     */
    public Optional<RunSummary> runSummary(String runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        RunJournal journal = settings.journal();
        if (journal == null) {
            return Optional.empty();
        }
        List<JournalEntry> entries = journal.read(runId);
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(RunSummaries.of(runId, entries, running.containsKey(runId)));
    }

    /**
     * Goes on with a run from its journal, in this process: completed steps are not run again
     * (their recorded results are reused), plans and reflections are not asked for again, a step
     * that was calling an idempotent tool when the run stopped is called again (with the same
     * idempotency key, for a tool that accepts one), and any other interrupted call waits for a
     * person's approval, since it may or may not have happened: approving makes the call again;
     * denying says it happened, and the step succeeds with the person's note as its result without
     * a call; if nobody answers in time, no step of the run makes that call again. A finished run
     * is not run again: its handle completes with the recorded outcome.
     *
     * @throws IllegalStateException if the agent has no journal, or the run is owned by another
     *     live process (or already running here)
     * @throws dev.aios.api.spi.JournalException if no run has that id, or its log cannot be read
     */
    public RunHandle resume(String runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        RunJournal journal = settings.journal();
        if (journal == null) {
            throw new IllegalStateException("this agent has no journal, so it has no run to resume: build it with"
                    + " Agent.builder().journal(...)");
        }
        if (running.containsKey(runId)) {
            throw new IllegalStateException("run " + runId + " is already running in this process");
        }
        RunLog log = journal.claim(runId).orElseThrow(() -> new IllegalStateException("run " + runId
                + " is owned by another live process; it can be resumed once that process ends (or its lease expires)"));
        return resumeClaimed(log, null);
    }

    private RunHandle resumeClaimed(RunLog log, @Nullable Answer answer) {
        RunExecution execution;
        try {
            execution = RunExecution.resumed(settings, parked, log, Context.current());
            if (answer != null) {
                execution.answerBeforeResuming(answer.requestId(), answer.approved(), answer.note());
            }
        } catch (RuntimeException e) {
            log.close(); // give the run back: nothing of it started here
            throw e;
        }
        return launch(log.runId(), execution.goal(), execution);
    }

    private record Answer(String requestId, boolean approved, String note) {}

    private boolean resumeWithAnswer(String runId, String requestId, boolean approved, String note) {
        RunJournal journal = Objects.requireNonNull(settings.journal());
        if (running.containsKey(runId)) {
            return false;
        }
        Optional<RunLog> claimed = journal.claim(runId);
        if (claimed.isEmpty()) {
            log.warn("run {} is owned by another live process: answer its approval {} there", runId, requestId);
            return false;
        }
        resumeClaimed(claimed.get(), new Answer(requestId, approved, note));
        return true;
    }

    /**
     * Resumes every unfinished run in the journal that no live process owns (see {@link #resume}).
     *
     * @return a handle per resumed run
     */
    public List<RunHandle> resumeUnfinished() {
        RunJournal journal = settings.journal();
        if (journal == null) {
            return List.of();
        }
        List<RunHandle> resumed = new ArrayList<>();
        for (String runId : journal.runIds()) {
            if (running.containsKey(runId)) {
                continue;
            }
            try {
                if (RunSummaries.finished(journal.read(runId))) {
                    continue;
                }
                Optional<RunLog> claimed = journal.claim(runId);
                if (claimed.isPresent()) {
                    resumed.add(resumeClaimed(claimed.get(), null));
                }
            } catch (RuntimeException e) { // one unreadable run must not keep the others from resuming
                log.warn("run {} could not be resumed: {}", runId, e.getMessage());
            }
        }
        return List.copyOf(resumed);
    }

    /**
     * Deletes from the journal the runs that finished more than {@code age} ago: a journal keeps
     * every run until then (retention is the host's choice). Runs that have not finished, or that
     * another process owns, are kept.
     *
     * @return how many runs were deleted
     * @throws IllegalArgumentException if {@code age} is negative
     * @throws dev.aios.api.spi.JournalException if the journal cannot be read or written
     */
    public int deleteFinishedRuns(Duration age) {
        Objects.requireNonNull(age, "age must not be null");
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        RunJournal journal = settings.journal();
        if (journal == null) {
            return 0;
        }
        java.time.Instant before = java.time.Instant.now().minus(age);
        int deleted = 0;
        for (String runId : journal.runIds()) {
            List<JournalEntry> entries = journal.read(runId);
            if (RunSummaries.finished(entries) && entries.get(entries.size() - 1).at().isBefore(before)
                    && journal.delete(runId)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** @return the queue where steps wait for a human's approval */
    public ApprovalQueue approvals() {
        return approvals;
    }

    /** @return the agent's tools */
    public ToolRegistry tools() {
        return settings.tools();
    }

    /** @return the agent's memory */
    public Memory memory() {
        return settings.memory();
    }

    /**
     * Builds an {@link Agent}. Every option has a default; {@link #build()} rejects conflicting
     * options with a message that names them.
     */
    public static final class Builder {
        private final List<Brain> brains = new ArrayList<>();
        private @Nullable BrainRouter router;
        private ToolRegistry tools = ToolRegistry.empty();
        private @Nullable Memory memory;
        private @Nullable Planner planner;
        private int maxPlanRepairs = 2;
        private GatePolicy gate = RiskPolicy.defaults();
        private FlowPolicy flow = FlowPolicy.defaults();
        private Verifier verifier = new RuleVerifier();
        private Reflector reflector = new RuleReflector();
        private final List<Learner> learners = new ArrayList<>(List.of(new EpisodeLearner(), new SkillLearner()));
        private boolean skills = true;
        private double skillMatch = 0.85;
        private final List<AgentListener> listeners = new ArrayList<>();
        private int maxReplans = 2;
        private int maxRetries = 2;
        private Duration retryBackoff = Duration.ofMillis(100);
        private Duration toolTimeout = Duration.ofSeconds(60);
        private Duration approvalTimeout = Duration.ofMinutes(5);
        private int maxSubGoalDepth = 3;
        private int recallLimit = 5;
        private int toolsShown = 30;
        private @Nullable RunJournal journal;
        private String name = "aios";
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable OpenTelemetry openTelemetry;

        private Builder() {}

        /**
         * Names the agent (default {@code aios}): its runs' spans are {@code invoke_agent <name>},
         * with the name as {@code gen_ai.agent.name}.
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Where the agent's meters go: brain calls ({@code gen_ai.client.operation.duration},
         * {@code gen_ai.client.token.usage}, {@code aios.brain.cost}), runs ({@code aios.runs},
         * {@code aios.run.duration}), steps ({@code aios.steps}), tool calls ({@code aios.tool.calls},
         * {@code aios.tool.duration}), the gate ({@code aios.gate.decisions}), approvals
         * ({@code aios.approval.wait}) and memory ({@code aios.memory.operations}). Their tags hold
         * tool names, brain names and outcomes, never goals, arguments or prompts.
         *
         * <p>Default: {@link Metrics#globalRegistry}, which records nothing until the host adds a
         * registry to it (such as a Prometheus one), so metrics cost next to nothing until asked for.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry must not be null");
            return this;
        }

        /**
         * Where the agent's spans go: a run is an {@code invoke_agent <name>} span (under the span
         * current where {@link Agent#start} was called), each tool step an {@code execute_tool <tool>}
         * span under it, and each brain call a {@code chat <brain>} span under the run's or the
         * step's. Their attributes hold ids, names, outcomes and token counts, never goals,
         * arguments or prompts.
         *
         * <p>Default: {@link GlobalOpenTelemetry#get()}, a no-op until the host installs an
         * OpenTelemetry SDK.
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null");
            return this;
        }

        /**
         * Records every run in {@code journal}, so that a run survives a crash of this process:
         * see {@link Agent#resume}. Default: none (a run lives in memory only). The agent does not
         * close the journal; the host does, after the agent's runs end.
         */
        public Builder journal(RunJournal journal) {
            this.journal = Objects.requireNonNull(journal, "journal must not be null");
            return this;
        }

        /**
         * Adds a brain; the agent routes each model call to the cheapest brain that fits
         * ({@link BrainRouter#cheapestFit}). Conflicts with {@link #brainRouter}.
         */
        public Builder brain(Brain brain) {
            brains.add(Objects.requireNonNull(brain, "brain must not be null"));
            return this;
        }

        /** Sets the router that picks a brain for each model call. Conflicts with {@link #brain}. */
        public Builder brainRouter(BrainRouter router) {
            this.router = Objects.requireNonNull(router, "brainRouter must not be null");
            return this;
        }

        /** Sets the tools (default: none). */
        public Builder tools(ToolRegistry tools) {
            this.tools = Objects.requireNonNull(tools, "tools must not be null");
            return this;
        }

        /** Sets the memory (default: a new {@link InProcessMemory}). */
        public Builder memory(Memory memory) {
            this.memory = Objects.requireNonNull(memory, "memory must not be null");
            return this;
        }

        /** Sets the planner (default: {@code brain}, which asks a brain for a JSON plan). */
        public Builder planner(Planner planner) {
            this.planner = Objects.requireNonNull(planner, "planner must not be null");
            return this;
        }

        /** Sets the planner found on the class path under {@code name}. */
        public Builder planner(String name) {
            return planner(Extensions.named(Planner.class, name));
        }

        /** How often the default planner sends a malformed plan back for repair (default 2). */
        public Builder maxPlanRepairs(int value) {
            this.maxPlanRepairs = atLeast(0, value, "maxPlanRepairs");
            return this;
        }

        /** Sets the gate (default: {@link RiskPolicy#defaults()}). */
        public Builder gatePolicy(GatePolicy gate) {
            this.gate = Objects.requireNonNull(gate, "gatePolicy must not be null");
            return this;
        }

        /**
         * Sets the flow policy (default: {@link FlowPolicy#defaults()}): the rules on where
         * untrusted and private data may flow, checked before the gate policy on every call.
         */
        public Builder flowPolicy(FlowPolicy flow) {
            this.flow = Objects.requireNonNull(flow, "flowPolicy must not be null");
            return this;
        }

        /** Sets the gate found on the class path under {@code name}. */
        public Builder gatePolicy(String name) {
            return gatePolicy(Extensions.named(GatePolicy.class, name));
        }

        /** Sets the verifier (default: {@code rules}). */
        public Builder verifier(Verifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier must not be null");
            return this;
        }

        /** Sets the verifier found on the class path under {@code name}. */
        public Builder verifier(String name) {
            return verifier(Extensions.named(Verifier.class, name));
        }

        /** Sets the reflector (default: {@code rules}). */
        public Builder reflector(Reflector reflector) {
            this.reflector = Objects.requireNonNull(reflector, "reflector must not be null");
            return this;
        }

        /** Sets the reflector found on the class path under {@code name}. */
        public Builder reflector(String name) {
            return reflector(Extensions.named(Reflector.class, name));
        }

        /**
         * Whether the agent learns skills (default true): the plan of each successful run is
         * stored in memory, and a later goal that matches it closely enough reuses it without a
         * model call. Skills are parameterised by the goal's context values.
         */
        public Builder skills(boolean enabled) {
            this.skills = enabled;
            return this;
        }

        /**
         * How closely a goal must match a skill's goal to reuse it: the share of words they have
         * in common once context values are replaced by their keys, in (0, 1] (default 0.85).
         */
        public Builder skillMatch(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("skillMatch must be within (0, 1], was " + value);
            }
            this.skillMatch = value;
            return this;
        }

        /**
         * Adds a learner to the defaults ({@code episodes}, which writes runs to memory, and
         * {@code skills}, which stores successful plans as skills).
         */
        public Builder learner(Learner learner) {
            learners.add(Objects.requireNonNull(learner, "learner must not be null"));
            return this;
        }

        /** Replaces every learner, the default included; an empty list turns learning off. */
        public Builder learners(List<Learner> replacement) {
            learners.clear();
            replacement.forEach(this::learner);
            return this;
        }

        /** Adds a listener for every event of every run (default: none). */
        public Builder listener(AgentListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /** How many times a run may replan after a failure (default 2). */
        public Builder maxReplans(int value) {
            this.maxReplans = atLeast(0, value, "maxReplans");
            return this;
        }

        /** How many times a failed call to an idempotent tool is retried (default 2). */
        public Builder maxRetries(int value) {
            this.maxRetries = atLeast(0, value, "maxRetries");
            return this;
        }

        /** Wait before the first retry, doubled for each next one (default 100 ms). */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = notNegative(value, "retryBackoff");
            return this;
        }

        /** Longest a tool call may take before it fails (default 60 s). */
        public Builder toolTimeout(Duration value) {
            this.toolTimeout = positive(value, "toolTimeout");
            return this;
        }

        /** Longest a step waits for a human's approval before it counts as not approved (default 5 min). */
        public Builder approvalTimeout(Duration value) {
            this.approvalTimeout = positive(value, "approvalTimeout");
            return this;
        }

        /** How deep sub-goals may nest (default 3). */
        public Builder maxSubGoalDepth(int value) {
            this.maxSubGoalDepth = atLeast(0, value, "maxSubGoalDepth");
            return this;
        }

        /** How many memories perception recalls for the planner (default 5). */
        public Builder recallLimit(int value) {
            this.recallLimit = atLeast(1, value, "recallLimit");
            return this;
        }

        /** Most tools shown to the planner; with more, the registry's search picks them (default 30). */
        public Builder toolsShown(int value) {
            this.toolsShown = atLeast(1, value, "toolsShown");
            return this;
        }

        /**
         * @return the agent
         * @throws IllegalStateException if both brains and a brain router were given, or a
         *     planner was set together with maxPlanRepairs (which only the default planner uses)
         */
        public Agent build() {
            if (router != null && !brains.isEmpty()) {
                throw new IllegalStateException("set either brain(...) or brainRouter(...), not both: the router"
                        + " decides among its own brains");
            }
            BrainRouter chosen = router != null ? router : brains.isEmpty() ? null : BrainRouter.cheapestFit(brains);
            Planner base = planner != null ? planner : new BrainPlanner(maxPlanRepairs);
            AgentTelemetry telemetry = new AgentTelemetry(
                    meterRegistry != null ? meterRegistry : Metrics.globalRegistry,
                    openTelemetry != null ? openTelemetry : GlobalOpenTelemetry.get(), name, chosen, tools);
            List<Learner> chosenLearners = skills
                    ? learners
                    : learners.stream().filter(l -> !(l instanceof SkillLearner)).toList();
            return new Agent(new AgentSettings(chosen, chosen != null ? Extractor.alongside(tools) : tools,
                    memory != null ? memory : new InProcessMemory(),
                    skills ? new SkillPlanner(base, skillMatch) : base, gate, flow, verifier, reflector, chosenLearners,
                    listeners, maxReplans, maxRetries, retryBackoff, toolTimeout, approvalTimeout, maxSubGoalDepth,
                    recallLimit, toolsShown, journal, telemetry));
        }

        private static int atLeast(int min, int value, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
            return value;
        }
    }
}
