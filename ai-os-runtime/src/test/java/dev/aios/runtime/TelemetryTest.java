package dev.aios.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aios.api.ApprovalRequest;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.testing.ScriptedChatModel;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent's meters and spans: names, tags, counts, parent links, and that no run data leaks into them. */
@Timeout(30)
class TelemetryTest {
    /** Text that must never reach a tag or an attribute: from the goal, an argument, a tool's error. */
    private static final List<String> PRIVATE = List.of("GOAL-WORDS", "ARG-VALUE", "TOOL-ERROR-TEXT", "hello");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void close() {
        openTelemetry.close();
    }

    private Agent.Builder agent(ScriptedChatModel model, RecordingTools tools) {
        BrainProfile priced = new BrainProfile("acme", BrainProfile.Location.CLOUD, new BigDecimal("1000"),
                new BigDecimal("2000"), 8192, EnumSet.of(BrainProfile.Capability.JSON_OUTPUT), Duration.ofSeconds(1));
        return Agent.builder()
                .name("tester")
                .brain(new Brain("scripted", model, priced))
                .tools(tools.registry())
                .listener(listener)
                .retryBackoff(Duration.ofMillis(1))
                .meterRegistry(meters)
                .openTelemetry(openTelemetry);
    }

    @Test
    void aRunWithAToolAnApprovalAndMemoryIsMeteredAndTraced() {
        RecordingTools tools = new RecordingTools()
                .echo("notes.read", ToolRisk.READ_ONLY)
                .echo("mail.send", ToolRisk.DESTRUCTIVE)
                .tool("web.post", ToolRisk.SIDE_EFFECTING, args -> {
                    throw new IllegalStateException("TOOL-ERROR-TEXT for " + args);
                });
        ScriptedChatModel model = ScriptedChatModel.replying("""
                {"steps": [
                  {"id": "s1", "tool": "notes.read", "arguments": {"text": "ARG-VALUE-1"}},
                  {"id": "s2", "tool": "mail.send", "arguments": {"text": "hello ARG-VALUE-2"}, "dependsOn": ["s1"]},
                  {"id": "s3", "tool": "web.post", "arguments": {"text": "ARG-VALUE-3"}}
                ]}""").tokensPerCall(100, 20);
        Agent agent = agent(model, tools).maxReplans(0).build();

        RunHandle run = agent.start(Goal.of("Read my notes and mail them GOAL-WORDS"));
        ApprovalRequest request = awaitPending(agent);
        agent.approvals().approve(request.id(), "ok");
        RunOutcome outcome = run.await();
        agent.memory().forget("nothing-there");

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED); // web.post failed, and no replans are allowed
        assertThat(tools.calls).hasSize(3);

        // runs
        assertThat(meters.get("aios.runs").tag("status", "failed").counter().count()).isEqualTo(1);
        assertThat(meters.get("aios.run.duration").tag("status", "failed").timer().count()).isEqualTo(1);
        // the brain call
        assertThat(meters.get("gen_ai.client.operation.duration").tags("gen_ai.operation.name", "chat",
                "gen_ai.provider.name", "acme", "gen_ai.request.model", "scripted", "error.type", "none")
                .timer().count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.client.token.usage").tags("gen_ai.token.type", "input",
                "gen_ai.request.model", "scripted").summary().totalAmount()).isEqualTo(100);
        assertThat(meters.get("gen_ai.client.token.usage").tags("gen_ai.token.type", "output")
                .summary().totalAmount()).isEqualTo(20);
        assertThat(meters.get("aios.brain.cost").tag("gen_ai.request.model", "scripted").counter().count())
                .isCloseTo(0.14, within(1e-9)); // 100 in at 1000/M, 20 out at 2000/M
        // steps and tool calls
        assertThat(meters.get("aios.steps").tags("tool", "notes.read", "outcome", "succeeded").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.steps").tags("tool", "mail.send", "outcome", "succeeded").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.steps").tags("tool", "web.post", "outcome", "failed").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.tool.calls").tags("tool", "notes.read", "outcome", "success").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.tool.calls").tags("tool", "web.post", "outcome", "error").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.tool.duration").tags("tool", "mail.send", "outcome", "success").timer().count())
                .isEqualTo(1);
        // the gate and the approval
        assertThat(meters.get("aios.gate.decisions").tags("verdict", "ask", "tool", "mail.send").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.gate.decisions").tags("verdict", "allow", "tool", "notes.read").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.approval.wait").tag("outcome", "approved").timer().count()).isEqualTo(1);
        // memory: perception recalls, the approval and the learners remember, the host forgets
        assertThat(meters.get("aios.memory.operations").tags("operation", "recall", "outcome", "success")
                .timer().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("aios.memory.operations").tags("operation", "remember", "outcome", "success")
                .timer().count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("aios.memory.operations").tags("operation", "forget", "outcome", "success")
                .timer().count()).isEqualTo(1);

        // spans: the run, its brain call and its three tool steps, all under the run's span
        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData runSpan = named(finished, "invoke_agent tester");
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("invoke_agent");
        assertThat(runSpan.getAttributes().get(AttributeKey.stringKey("aios.run.id"))).isEqualTo(outcome.runId());
        assertThat(runSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        SpanData chat = named(finished, "chat scripted");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("scripted");
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(100);
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(20);
        for (String name : List.of("chat scripted", "execute_tool notes.read", "execute_tool mail.send",
                "execute_tool web.post")) {
            SpanData child = named(finished, name);
            assertThat(child.getParentSpanId()).as(name).isEqualTo(runSpan.getSpanId());
            assertThat(child.getTraceId()).as(name).isEqualTo(runSpan.getTraceId());
            assertThat(child.hasEnded()).as(name).isTrue();
        }
        SpanData failedTool = named(finished, "execute_tool web.post");
        assertThat(failedTool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failedTool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name"))).isEqualTo("web.post");
        assertThat(named(finished, "execute_tool notes.read").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertNothingPrivateIn(finished);
    }

    @Test
    void aToolThatTimesOutEndsItsSpanAsAnErrorAndIsCountedAsATimeout() {
        RecordingTools tools = new RecordingTools().tool("slow.tool", ToolRisk.SIDE_EFFECTING, args -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ToolResult.success("late");
        });
        ScriptedChatModel model = ScriptedChatModel.replying("""
                {"steps": [{"id": "s1", "tool": "slow.tool", "arguments": {"text": "ARG-VALUE"}}]}""");
        RunOutcome outcome = agent(model, tools).maxReplans(0).toolTimeout(Duration.ofMillis(100)).build()
                .run(Goal.of("Be slow GOAL-WORDS"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        assertThat(meters.get("aios.tool.calls").tags("tool", "slow.tool", "outcome", "timeout").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("aios.steps").tags("tool", "slow.tool", "outcome", "failed").counter().count())
                .isEqualTo(1);
        SpanData step = named(spans.getFinishedSpanItems(), "execute_tool slow.tool");
        assertThat(step.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(step.getParentSpanId()).isEqualTo(named(spans.getFinishedSpanItems(), "invoke_agent tester").getSpanId());
        assertNothingPrivateIn(spans.getFinishedSpanItems());
    }

    @Test
    void aFailingBrainIsTaggedWithItsErrorTypeAndEndsItsSpan() {
        ScriptedChatModel model = ScriptedChatModel.replying().thenFail(new IllegalStateException("GOAL-WORDS echoed"));
        RunOutcome outcome = agent(model, new RecordingTools()).maxReplans(0).build().run(Goal.of("Plan GOAL-WORDS"));

        assertThat(outcome.status()).isEqualTo(RunStatus.FAILED);
        io.micrometer.core.instrument.Timer failed = meters.get("gen_ai.client.operation.duration")
                .tag("gen_ai.request.model", "unknown").timer(); // no brain answered
        assertThat(failed.count()).isEqualTo(1);
        assertThat(failed.getId().getTag("error.type")).startsWith("dev.aios.api.");
        SpanData chat = named(spans.getFinishedSpanItems(), "chat");
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(meters.get("aios.runs").tag("status", "failed").counter().count()).isEqualTo(1);
        assertNothingPrivateIn(spans.getFinishedSpanItems());
    }

    @Test
    void aToolNameThePlanMadeUpIsNotATagValue() {
        // a planner of the host's own, unchecked against the registry: any name reaches the step
        Agent agent = agent(ScriptedChatModel.replying(), new RecordingTools().echo("notes.read", ToolRisk.READ_ONLY))
                .planner(new dev.aios.api.spi.Planner() {
                    @Override
                    public String name() {
                        return "made-up";
                    }

                    @Override
                    public dev.aios.api.Plan plan(dev.aios.api.spi.PlanningRequest request, dev.aios.api.spi.RunContext run) {
                        return dev.aios.api.Plan.of(dev.aios.api.PlanStep.call("s1", "made.up.ARG-VALUE", java.util.Map.of()));
                    }
                })
                .skills(false).maxReplans(0).build();
        agent.run(Goal.of("Use a tool that is not there GOAL-WORDS"));

        assertThat(meters.get("aios.steps").tags("tool", "_OTHER", "outcome", "denied").counter().count()).isEqualTo(1);
        assertThat(named(spans.getFinishedSpanItems(), "execute_tool _OTHER").getStatus().getStatusCode())
                .isEqualTo(StatusCode.ERROR);
        assertNothingPrivateIn(spans.getFinishedSpanItems());
    }

    private void assertNothingPrivateIn(List<SpanData> finished) {
        List<String> values = new ArrayList<>();
        for (Meter meter : meters.getMeters()) {
            values.add(meter.getId().getName());
            for (Tag tag : meter.getId().getTags()) {
                values.add(tag.getKey() + "=" + tag.getValue());
            }
        }
        for (SpanData span : finished) {
            values.add(span.getName());
            span.getAttributes().forEach((k, v) -> values.add(k.getKey() + "=" + v));
            span.getEvents().forEach(e -> {
                values.add(e.getName());
                e.getAttributes().forEach((k, v) -> values.add(k.getKey() + "=" + v));
            });
            values.add(span.getStatus().getDescription());
        }
        assertThat(values).isNotEmpty();
        for (String value : values) {
            for (String secret : PRIVATE) {
                assertThat(value).as("a tag or attribute").doesNotContain(secret);
            }
        }
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span named '" + name + "' among "
                        + spans.stream().map(SpanData::getName).toList()));
    }

    private static ApprovalRequest awaitPending(Agent agent) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            List<ApprovalRequest> pending = agent.approvals().pending();
            if (!pending.isEmpty()) {
                return pending.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no approval request was parked within 10 s");
    }
}
