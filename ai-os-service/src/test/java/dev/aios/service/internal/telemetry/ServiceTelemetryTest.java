package dev.aios.service.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.Goal;
import dev.aios.api.RunStatus;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.runtime.Agent;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.InProcessToolRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service's registry and SDK, fed by a real agent run. */
@Timeout(30)
class ServiceTelemetryTest {

    private static Agent agent(ServiceTelemetry telemetry, String... replies) {
        InProcessToolRegistry tools = InProcessToolRegistry.builder()
                .tool(new ToolDescriptor("notes.read", "reads notes", "{\"type\":\"object\"}", ToolRisk.READ_ONLY),
                        args -> ToolResult.success("the notes"))
                .build();
        return Agent.builder()
                .brain(Brain.local("scripted", ScriptedChatModel.replying(replies).tokensPerCall(50, 10)))
                .tools(tools)
                .meterRegistry(telemetry.meterRegistry())
                .openTelemetry(telemetry.openTelemetry())
                .build();
    }

    private static final String PLAN = """
            {"steps": [{"id": "s1", "tool": "notes.read", "arguments": {"text": "private words"}}]}""";

    @Test
    void aRunShowsInTheScrapeAndInTheRecentSpans() {
        try (ServiceTelemetry telemetry = new ServiceTelemetry(100, false)) {
            assertThat(agent(telemetry, PLAN).run(Goal.of("Read my notes")).status()).isEqualTo(RunStatus.SUCCEEDED);

            String scrape = telemetry.scrape();
            assertThat(scrape).contains("gen_ai_client_token_usage", "aios_runs", "aios_steps",
                    "gen_ai_client_operation_duration_seconds", "aios_tool_calls", "aios_memory_operations",
                    "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
            assertThat(scrape).contains("gen_ai_token_type=\"input\"", "status=\"succeeded\"", "tool=\"notes.read\"");
            assertThat(scrape).doesNotContain("private words", "Read my notes");

            List<FinishedSpan> spans = telemetry.recentSpans();
            assertThat(spans).extracting(FinishedSpan::name)
                    .contains("invoke_agent aios", "execute_tool notes.read", "chat scripted");
            assertThat(spans.get(0).name()).as("newest first: the run ends last").isEqualTo("invoke_agent aios");
            FinishedSpan run = spans.get(0);
            assertThat(run.parentSpanId()).isEmpty();
            assertThat(spans).filteredOn(s -> !s.name().startsWith("invoke_agent"))
                    .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(run.spanId()));
            assertThat(spans).allSatisfy(s -> assertThat(s.attributes().values())
                    .noneMatch(v -> v.contains("private words") || v.contains("Read my notes")));
        }
    }

    @Test
    void onlyTheLastSpansAreKept() {
        try (ServiceTelemetry telemetry = new ServiceTelemetry(2, false)) {
            agent(telemetry, PLAN).run(Goal.of("Read my notes"));

            assertThat(telemetry.recentSpans()).hasSize(2);
        }
    }

    @Test
    void spansAreLoggedOnlyWhenTheEnvironmentAsks() {
        try (ServiceTelemetry quiet = ServiceTelemetry.fromEnvironment(Map.of());
                ServiceTelemetry logging = ServiceTelemetry.fromEnvironment(Map.of(ServiceTelemetry.LOG_SPANS_ENV, "true"))) {
            assertThat(agent(logging, PLAN).run(Goal.of("Read my notes")).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(logging.recentSpans()).isNotEmpty();
            assertThat(quiet.recentSpans()).isEmpty();
        }
    }
}
