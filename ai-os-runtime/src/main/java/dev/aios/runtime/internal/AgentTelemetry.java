package dev.aios.runtime.internal;

import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRouter;
import dev.aios.api.GateDecision;
import dev.aios.api.Memory;
import dev.aios.api.RunStatus;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * An agent's meters and tracer, named after the OpenTelemetry GenAI semantic conventions where
 * they name the thing ({@code gen_ai.client.*}, {@code invoke_agent}, {@code execute_tool}, {@code
 * chat}), else {@code aios.*}.
 *
 * <p>Tag values are only ever constants, enum names, registered tool names and brain names: never
 * a goal, an argument, a prompt or a tool's text, which would leak data into every scrape and
 * make series unbounded. A tool name the plan made up (no such tool is registered) is tagged
 * {@value #UNKNOWN_TOOL}. Meters are cached per tag set, so the loop looks one up with a map read
 * and an array read, and registers it only the first time.
 *
 * <p>Every meter of one name has the same tag keys (Prometheus requires it): a brain call that
 * succeeded carries {@code error.type=none}.
 */
public final class AgentTelemetry {
    /** The tag of a tool name that is not registered (the conventions' name for an unlisted value). */
    static final String UNKNOWN_TOOL = "_OTHER";
    /** The tag of a sub-goal step, which calls no tool. */
    static final String SUB_GOAL = "sub_goal";
    private static final String INSTRUMENTATION = "dev.aios.runtime";

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("aios.run.id");
    static final AttributeKey<String> RUN_STATUS = AttributeKey.stringKey("aios.run.status");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> STEP_STATUS = AttributeKey.stringKey("aios.step.status");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> PURPOSE = AttributeKey.stringKey("aios.brain.purpose");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** How a tool call ended, as {@code aios.tool.calls} tags it. */
    enum ToolOutcome {
        SUCCESS, ERROR, TIMEOUT, CANCELLED;

        final String tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How an approval wait ended, as {@code aios.approval.wait} tags it. */
    enum ApprovalOutcome {
        APPROVED, DENIED, EXPIRED;

        final String tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A memory operation, as {@code aios.memory.operations} tags it. */
    enum MemoryOperation {
        REMEMBER, RECALL, FORGET;

        final String tag = name().toLowerCase(java.util.Locale.ROOT);
    }

    private final MeterRegistry registry;
    private final Tracer tracer;
    private final String agentName;
    private final String runSpanName;
    private final @Nullable BrainRouter router;
    private final ToolRegistry tools;

    private final Map<String, ToolMeters> toolMeters = new ConcurrentHashMap<>();
    private final Map<String, BrainMeters> brainMeters = new ConcurrentHashMap<>();
    /** Failed brain calls by error type: the failure path, so a map keyed by the pair is cheap enough. */
    private final Map<String, Timer> brainFailures = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Counter> runs = new AtomicReferenceArray<>(RunStatus.values().length);
    private final AtomicReferenceArray<Timer> runDurations = new AtomicReferenceArray<>(RunStatus.values().length);
    private final AtomicReferenceArray<Timer> approvalWaits = new AtomicReferenceArray<>(ApprovalOutcome.values().length);
    /** By operation, then success (0) or error (1). */
    private final AtomicReferenceArray<Timer> memoryOps = new AtomicReferenceArray<>(MemoryOperation.values().length * 2);

    /**
     * @param registry where meters go
     * @param openTelemetry where spans go
     * @param agentName the agent's name, in run spans' names
     * @param router the agent's brains (for each brain's provider), or null
     * @param tools the agent's tools: only their names become tags
     */
    public AgentTelemetry(MeterRegistry registry, OpenTelemetry openTelemetry, String agentName,
            @Nullable BrainRouter router, ToolRegistry tools) {
        this.registry = Objects.requireNonNull(registry, "meterRegistry must not be null");
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null").getTracer(INSTRUMENTATION);
        this.agentName = agentName;
        this.runSpanName = "invoke_agent " + agentName;
        this.router = router;
        this.tools = tools;
    }

    // ---- runs ----------------------------------------------------------------------------------

    /** Starts the span of a run (or sub-goal run) under {@code parent}. */
    Span startRun(Context parent, String runId) {
        return tracer.spanBuilder(runSpanName)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "invoke_agent")
                .setAttribute(AGENT_NAME, agentName)
                .setAttribute(RUN_ID, runId)
                .startSpan();
    }

    /**
     * Ends a run's span, and counts the run if it is a top-level one (a sub-goal is counted as
     * its parent's step).
     */
    void runEnded(Span span, @Nullable RunStatus status, long nanos, boolean topLevel) {
        if (status == null) { // an Error left the loop
            span.setStatus(StatusCode.ERROR, "the run ended with an unexpected error");
        } else {
            span.setAttribute(RUN_STATUS, status.name());
            if (status == RunStatus.FAILED || status == RunStatus.BUDGET_EXHAUSTED) {
                span.setAttribute(ERROR_TYPE, status.name());
                span.setStatus(StatusCode.ERROR, status.name());
            }
            if (topLevel) {
                int i = status.ordinal();
                Counter counter = runs.get(i);
                if (counter == null) {
                    counter = Counter.builder("aios.runs").description("Runs ended, by status")
                            .tag("status", tag(status)).register(registry);
                    runs.set(i, counter);
                }
                counter.increment();
                Timer timer = runDurations.get(i);
                if (timer == null) {
                    timer = Timer.builder("aios.run.duration").description("How long runs took, start to outcome")
                            .tag("status", tag(status)).register(registry);
                    runDurations.set(i, timer);
                }
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
        span.end();
    }

    // ---- steps, tools, the gate ----------------------------------------------------------------

    /**
     * @return the tag for a step that calls {@code tool}: its name when the agent has such a tool,
     *     else {@value #UNKNOWN_TOOL} (a plan may name anything)
     */
    String toolTag(String tool) {
        if (toolMeters.containsKey(tool)) {
            return tool;
        }
        return Extractor.NAME.equals(tool) || tools.find(tool).isPresent() ? tool : UNKNOWN_TOOL;
    }

    /** Starts the span of a step that calls {@code toolTag}, under the run's span. */
    Span startToolStep(Context parent, String toolTag) {
        return tracer.spanBuilder(tool(toolTag).spanName)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(OPERATION, "execute_tool")
                .setAttribute(TOOL_NAME, toolTag)
                .startSpan();
    }

    /**
     * Counts a step's end and ends its span, if it has one.
     *
     * @param record how it ended; null when an Error left the step
     */
    void stepEnded(@Nullable Span span, String toolTag, @Nullable StepRecord record) {
        if (record != null) {
            ToolMeters m = tool(toolTag);
            Counter c = m.steps.get(record.status().ordinal());
            if (c == null) {
                c = Counter.builder("aios.steps").description("Plan steps ended, by tool and outcome")
                        .tag("tool", toolTag).tag("outcome", tag(record.status())).register(registry);
                m.steps.set(record.status().ordinal(), c);
            }
            c.increment();
        }
        if (span != null) {
            if (record == null) {
                span.setStatus(StatusCode.ERROR, "the step ended with an unexpected error");
            } else {
                span.setAttribute(STEP_STATUS, record.status().name());
                if (record.status() != StepRecord.Status.SUCCEEDED && record.status() != StepRecord.Status.REUSED) {
                    span.setAttribute(ERROR_TYPE, record.status().name());
                    span.setStatus(StatusCode.ERROR, record.status().name());
                }
            }
            span.end();
        }
    }

    /** Counts the gate's verdict on a call to {@code toolTag}. */
    void gateDecided(String toolTag, GateDecision.Verdict verdict) {
        ToolMeters m = tool(toolTag);
        Counter c = m.gate.get(verdict.ordinal());
        if (c == null) {
            c = Counter.builder("aios.gate.decisions").description("Gate verdicts on tool calls")
                    .tag("verdict", tag(verdict)).tag("tool", toolTag).register(registry);
            m.gate.set(verdict.ordinal(), c);
        }
        c.increment();
    }

    /** Counts and times one call (one attempt) of a tool. */
    void toolCalled(String toolTag, ToolOutcome outcome, long nanos) {
        ToolMeters m = tool(toolTag);
        int i = outcome.ordinal();
        Counter c = m.calls.get(i);
        if (c == null) {
            c = Counter.builder("aios.tool.calls").description("Tool calls (each attempt), by tool and outcome")
                    .tag("tool", toolTag).tag("outcome", outcome.tag).register(registry);
            m.calls.set(i, c);
        }
        c.increment();
        Timer t = m.durations.get(i);
        if (t == null) {
            t = Timer.builder("aios.tool.duration").description("How long tool calls took")
                    .tag("tool", toolTag).tag("outcome", outcome.tag).register(registry);
            m.durations.set(i, t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Times a wait for a person's answer. */
    void approvalWaited(ApprovalOutcome outcome, long nanos) {
        int i = outcome.ordinal();
        Timer t = approvalWaits.get(i);
        if (t == null) {
            t = Timer.builder("aios.approval.wait").description("How long steps waited for a person's answer")
                    .tag("outcome", outcome.tag).register(registry);
            approvalWaits.set(i, t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    private ToolMeters tool(String toolTag) {
        ToolMeters m = toolMeters.get(toolTag);
        return m != null ? m : toolMeters.computeIfAbsent(toolTag, ToolMeters::new);
    }

    /** One tool's meters, each slot registered on first use (so no zero series for what never happened). */
    private static final class ToolMeters {
        /** Built once: a step's span name costs no concatenation. */
        final String spanName;
        final AtomicReferenceArray<Counter> steps = new AtomicReferenceArray<>(StepRecord.Status.values().length);
        final AtomicReferenceArray<Counter> gate = new AtomicReferenceArray<>(GateDecision.Verdict.values().length);
        final AtomicReferenceArray<Counter> calls = new AtomicReferenceArray<>(ToolOutcome.values().length);
        final AtomicReferenceArray<Timer> durations = new AtomicReferenceArray<>(ToolOutcome.values().length);

        ToolMeters(String toolTag) {
            spanName = "execute_tool " + toolTag;
        }
    }

    // ---- brains --------------------------------------------------------------------------------

    /** Starts the span of a brain call under {@code parent}; named after the brain once it answers. */
    Span startBrainCall(Context parent, String purpose) {
        return tracer.spanBuilder("chat")
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, "chat")
                .setAttribute(PURPOSE, purpose)
                .startSpan();
    }

    /** Records an answered brain call and ends its span. */
    void brainAnswered(Span span, BrainAnswer answer, long nanos) {
        BrainMeters m = brainMeters.get(answer.brain());
        if (m == null) {
            m = brainMeters.computeIfAbsent(answer.brain(), this::brainMeters);
        }
        m.duration.record(nanos, TimeUnit.NANOSECONDS);
        m.input.record(answer.usage().inputTokens());
        m.output.record(answer.usage().outputTokens());
        if (answer.usage().cost().signum() > 0) {
            m.cost.increment(answer.usage().cost().doubleValue());
        }
        span.updateName(m.spanName);
        span.setAttribute(MODEL, answer.brain());
        span.setAttribute(PROVIDER, m.provider);
        span.setAttribute(INPUT_TOKENS, answer.usage().inputTokens());
        span.setAttribute(OUTPUT_TOKENS, answer.usage().outputTokens());
        span.end();
    }

    /**
     * Records a brain call that failed (no brain answered, so neither model nor provider is known)
     * and ends its span. Only the exception's class is kept: its message may quote the prompt.
     */
    void brainFailed(Span span, Throwable failure, long nanos) {
        String type = failure.getClass().getName();
        Timer t = brainFailures.get(type);
        if (t == null) {
            t = brainFailures.computeIfAbsent(type, k -> brainDuration("unknown", "unknown", k));
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, type);
        span.end();
    }

    private BrainMeters brainMeters(String brain) {
        String provider = "unknown";
        if (router != null) {
            for (Brain b : router.brains()) {
                if (b.name().equals(brain)) {
                    provider = b.profile().provider();
                    break;
                }
            }
        }
        return new BrainMeters("chat " + brain, provider,
                brainDuration(provider, brain, "none"),
                tokens(provider, brain, "input"),
                tokens(provider, brain, "output"),
                Counter.builder("aios.brain.cost")
                        .description("Money spent on brain calls, in the currency of the brains' prices")
                        .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", provider)
                        .tag("gen_ai.request.model", brain).register(registry));
    }

    private Timer brainDuration(String provider, String brain, String errorType) {
        return Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", provider)
                .tag("gen_ai.request.model", brain).tag("error.type", errorType).register(registry);
    }

    private DistributionSummary tokens(String provider, String brain, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Number of input and output tokens used")
                .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", provider)
                .tag("gen_ai.request.model", brain).tag("gen_ai.token.type", type).register(registry);
    }

    private record BrainMeters(String spanName, String provider, Timer duration, DistributionSummary input, DistributionSummary output,
            Counter cost) {}

    // ---- memory --------------------------------------------------------------------------------

    /** @return {@code memory}, timing each operation; {@code memory} itself when it already does */
    Memory metered(Memory memory) {
        return memory instanceof MeteredMemory ? memory : new MeteredMemory(memory, this);
    }

    /** Times one memory operation. */
    void memoryOperation(MemoryOperation operation, boolean ok, long nanos) {
        int i = operation.ordinal() * 2 + (ok ? 0 : 1);
        Timer t = memoryOps.get(i);
        if (t == null) {
            t = Timer.builder("aios.memory.operations").description("Memory operations, by operation and outcome")
                    .tag("operation", operation.tag).tag("outcome", ok ? "success" : "error").register(registry);
            memoryOps.set(i, t);
        }
        t.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
