package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRouter;
import dev.aios.api.GateDecision;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.testing.ScriptedChatModel;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry as an MCP client with capabilities: roots, sampling (gate, budget, privacy),
 * elicitation (validated, defaults, decline) and resources (templates, read, subscribe), against
 * our own {@link McpToolServer} ({@link ServedFixture}) over Streamable HTTP.
 */
class ClientFeaturesIT {
    private static ServedFixture fixture;
    private static McpToolServer.Running running;

    @BeforeAll
    static void start() {
        fixture = new ServedFixture();
        running = fixture.server.startHttp("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    private static McpToolRegistry.Builder registry() {
        return McpToolRegistry.builder().server(McpServerConfig.http("fixture", running.url().toString()))
                .callTimeout(Duration.ofSeconds(20));
    }

    private static ToolResult call(McpToolRegistry registry, String tool) {
        return registry.call(new ToolCall("run-1/step-1", "fixture." + tool, Map.of()));
    }

    @Test
    void serversSeeTheRootsAndFollowTheirChanges(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Path code = Files.createDirectories(dir.resolve("code"));
        try (McpToolRegistry registry = registry().root(notes).build()) {
            assertThat(call(registry, "roots").text()).isEqualTo("[notes=" + notes.toUri() + "]");
            registry.replaceRoots(List.of(code.toUri(), notes.toUri()));
            assertThat(registry.roots()).containsExactly(code.toUri(), notes.toUri());
            assertThat(call(registry, "roots").text()).contains("code=" + code.toUri()).contains("notes=" + notes.toUri());
        }
        assertThatThrownBy(() -> McpToolRegistry.builder().roots(List.of(java.net.URI.create("https://x.example/"))))
                .isInstanceOf(AiOsException.class).hasMessageContaining("not a file: URI");
        try (McpToolRegistry registry = registry().build()) {
            assertThatThrownBy(() -> registry.replaceRoots(List.of(notes.toUri())))
                    .isInstanceOf(AiOsException.class).hasMessageContaining("built without roots");
        }
    }

    @Test
    void samplingIsRefusedUnlessTheHostAllowedThatServer() {
        ScriptedChatModel model = ScriptedChatModel.replying("hello there");
        BrainRouter router = BrainRouter.cheapestFit(List.of(Brain.local("local-echo", model)));
        try (McpToolRegistry none = registry().build()) {
            assertThat(call(none, "ask_model").error()).isTrue();
        }
        try (McpToolRegistry other = registry().sampling(McpSampling.builder(router).allow("elsewhere").build()).build()) {
            assertThat(call(other, "ask_model").error()).isTrue();
        }
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void anAllowedServerSamplesALocalBrainWithItsTextQuotedAsUntrusted() {
        ScriptedChatModel model = ScriptedChatModel.replying("hello there", "again");
        BrainRouter router = BrainRouter.cheapestFit(List.of(Brain.local("local-echo", model)));
        List<McpSamplingRequest> seen = new CopyOnWriteArrayList<>();
        McpSampling sampling = McpSampling.builder(router).allow("fixture").budget(1, 5_000)
                .policy(request -> {
                    seen.add(request);
                    return GateDecision.allow("test");
                }).build();
        try (McpToolRegistry registry = registry().sampling(sampling).build()) {
            assertThat(call(registry, "ask_model").text()).isEqualTo("model local-echo said: hello there");
            ToolResult second = call(registry, "ask_model");
            assertThat(second.error()).isTrue();
            assertThat(second.text()).contains("used its sampling budget of 1 calls");
        }
        assertThat(seen).as("the budget refuses before the policy is asked").hasSize(1);
        McpSamplingRequest first = seen.getFirst();
        assertThat(first.server()).isEqualTo("fixture");
        assertThat(first.messages()).extracting(McpSamplingRequest.Message::text).containsExactly("Say hello");
        assertThat(first.provenance().isTrusted()).isFalse();
        assertThat(first.provenance().isPrivate()).isTrue();
        assertThat(model.requests()).hasSize(1);
        var messages = model.requests().getFirst().messages();
        assertThat(((SystemMessage) messages.getFirst()).text()).contains("untrusted data from that server");
        assertThat(((UserMessage) messages.get(1)).singleText())
                .isEqualTo("[from MCP server 'fixture', untrusted]\nSay hello");
    }

    @Test
    void thePolicyDeniesOrAsksAPersonAndPrivateTextNeverReachesACloudBrain() {
        ScriptedChatModel model = ScriptedChatModel.replying("cloud answer", "cloud answer");
        BrainProfile cloud = new BrainProfile("cloud", BrainProfile.Location.CLOUD, BigDecimal.ZERO, BigDecimal.ZERO,
                8192, EnumSet.noneOf(BrainProfile.Capability.class), Duration.ofSeconds(1));
        BrainRouter router = BrainRouter.cheapestFit(List.of(new Brain("cloud-model", model, cloud)));
        McpSampling denying = McpSampling.builder(router).allow("fixture")
                .policy(request -> GateDecision.deny("no model calls for tools today")).build();
        try (McpToolRegistry registry = registry().sampling(denying).build()) {
            assertThat(call(registry, "ask_model").text()).contains("no model calls for tools today");
        }
        List<String> asked = new CopyOnWriteArrayList<>();
        McpSampling asking = McpSampling.builder(router).allow("fixture").policy(new McpSamplingPolicy() {
            @Override
            public GateDecision decide(McpSamplingRequest request) {
                return GateDecision.ask("a server wants a model call");
            }

            @Override
            public boolean approve(McpSamplingRequest request, String reason) {
                asked.add(reason);
                return true;
            }
        }).build();
        try (McpToolRegistry registry = registry().sampling(asking).build()) {
            ToolResult local = call(registry, "ask_model");
            assertThat(local.error()).isTrue();
            assertThat(local.text()).contains("no brain could answer");
        }
        assertThat(asked).containsExactly("a server wants a model call");
        assertThat(model.requests()).isEmpty();
        try (McpToolRegistry registry = registry().sampling(McpSampling.builder(router).allowCloud("fixture").build())
                .build()) {
            assertThat(call(registry, "ask_model").text()).isEqualTo("model cloud-model said: cloud answer");
        }
    }

    @Test
    void elicitationIsDeclinedByDefaultAndAnswersAreCheckedAgainstTheSchema() {
        try (McpToolRegistry registry = registry().build()) {
            assertThat(call(registry, "ask_user").text()).isEqualTo("DECLINE null");
        }
        List<McpElicitation.Request> seen = new CopyOnWriteArrayList<>();
        try (McpToolRegistry registry = registry().elicitation(request -> {
            seen.add(request);
            return McpElicitation.Answer.accept(Map.of("name", "Ann"));
        }).build()) {
            assertThat(call(registry, "ask_user").text()).isEqualTo("ACCEPT Ann");
        }
        assertThat(seen.getFirst().message()).isEqualTo("Your name?");
        assertThat(seen.getFirst().provenance().isTrusted()).isFalse();
        try (McpToolRegistry registry = registry().elicitation(request -> McpElicitation.Answer.accept(
                Map.of("name", 42))).build()) {
            ToolResult wrong = call(registry, "ask_user");
            assertThat(wrong.error()).isTrue();
            assertThat(wrong.text()).contains("does not fit the requested schema");
        }
        try (McpToolRegistry registry = registry().elicitation(request -> McpElicitation.Answer.cancel()).build()) {
            assertThat(call(registry, "ask_user").text()).isEqualTo("CANCEL null");
        }
    }

    @Test
    void resourcesTemplatesReadsAndSubscriptions() throws Exception {
        try (McpToolRegistry registry = registry().build()) {
            assertThat(registry.resourceTemplates()).extracting(McpResourceTemplate::uriTemplate)
                    .containsExactly("notes://day/{day}");
            McpResourceRead monday = registry.read("fixture", "notes://day/monday");
            assertThat(monday.text()).isEqualTo("notes of monday");
            assertThat(monday.provenance().isTrusted()).isFalse();
            assertThat(monday.provenance().sources()).containsExactly(McpResourceRead.source("fixture"));
            McpResourceRead logo = registry.read("fixture", "images://logo");
            assertThat(logo.contents().getFirst().base64()).isEqualTo(java.util.Base64.getEncoder()
                    .encodeToString(ServedFixture.PNG));

            LinkedBlockingQueue<McpResourceRead> updates = new LinkedBlockingQueue<>();
            try (McpResourceSubscription subscription = registry.subscribe("fixture", "notes://today", updates::add)) {
                assertThat(subscription.uri()).isEqualTo("notes://today");
                fixture.today.set("buy bread");
                fixture.server.resourceUpdated("notes://today");
                McpResourceRead update = updates.poll(10, TimeUnit.SECONDS);
                assertThat(update).isNotNull();
                assertThat(update.text()).isEqualTo("buy bread");
                assertThat(update.provenance().isTrusted()).isFalse();
            }
            fixture.today.set("buy milk");
            fixture.server.resourceUpdated("notes://today");
            assertThat(updates.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }
}
