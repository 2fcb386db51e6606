package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.BrainRouter;
import dev.aios.api.Provenance;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.testing.ScriptedChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's client features against an MCP implementation we did not write: the npm
 * reference server-everything over stdio, through its roots, sampling, elicitation, resource
 * template, prompt and long-running (progress) tools. server-everything registers the roots,
 * sampling and elicitation tools only for a client that declared those capabilities, so each one
 * being there at all is the first check.
 */
class EverythingClientFeaturesIT {

    private static McpToolRegistry.Builder registry() {
        ReferenceServers.install();
        return McpToolRegistry.builder().server(ReferenceServers.everything("everything"))
                .callTimeout(Duration.ofSeconds(30)).startTimeout(Duration.ofSeconds(60));
    }

    private static ToolResult call(McpToolRegistry registry, String tool, Map<String, Object> arguments) {
        return registry.call(new ToolCall("run-1/step-1", "everything." + tool, arguments));
    }

    @Test
    void rootsSamplingAndElicitationAreAnsweredAsDeclared(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        ScriptedChatModel model = ScriptedChatModel.replying("hello from a local brain");
        BrainRouter router = BrainRouter.cheapestFit(List.of(Brain.local("local-echo", model)));
        List<McpElicitation.Request> asked = new CopyOnWriteArrayList<>();
        try (McpToolRegistry registry = registry().root(notes)
                .sampling(McpSampling.builder(router).allow("everything").build())
                .elicitation(request -> {
                    asked.add(request);
                    return McpElicitation.Answer.accept(Map.of("name", "Ann"));
                }).build()) {
            assertThat(registry.tools()).extracting(t -> t.name()).contains("everything.get-roots-list",
                    "everything.trigger-sampling-request", "everything.trigger-elicitation-request");

            ToolResult roots = call(registry, "get-roots-list", Map.of());
            assertThat(roots.error()).as(roots.text()).isFalse();
            assertThat(roots.text()).contains(notes.toUri().toString().replaceAll("/$", ""));

            ToolResult sampled = call(registry, "trigger-sampling-request", Map.of("prompt", "Say hello", "maxTokens", 50));
            assertThat(sampled.error()).as(sampled.text()).isFalse();
            assertThat(sampled.text()).contains("hello from a local brain");
            assertThat(model.requests()).hasSize(1);
            // the server's words reached the brain as quoted data from that server, not as our instructions
            assertThat(model.requests().get(0).messages().toString()).contains("untrusted").contains("Say hello");

            ToolResult elicited = call(registry, "trigger-elicitation-request", Map.of());
            assertThat(elicited.error()).as(elicited.text()).isFalse();
            assertThat(elicited.text()).contains("Ann");
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).server()).isEqualTo("everything");
            assertThat(asked.get(0).provenance().trust()).isEqualTo(Provenance.Trust.UNTRUSTED);
        }
    }

    @Test
    void withoutCapabilitiesTheServerOffersNoneOfThoseTools() {
        try (McpToolRegistry registry = registry().build()) {
            assertThat(registry.tools()).extracting(t -> t.name()).contains("everything.echo")
                    .doesNotContain("everything.trigger-sampling-request", "everything.get-roots-list");
            ToolResult declined = call(registry, "trigger-elicitation-request", Map.of());
            // elicitation is declared (declined without a handler): the server hears "declined"
            assertThat(declined.text()).containsIgnoringCase("declined");
        }
    }

    @Test
    void resourceTemplatesPromptsAndALongRunningCall() {
        try (McpToolRegistry registry = registry().build()) {
            assertThat(registry.resourceTemplates()).extracting(McpResourceTemplate::uriTemplate)
                    .contains("demo://resource/dynamic/text/{resourceId}");
            McpResourceRead read = registry.read("everything", "demo://resource/dynamic/text/7");
            assertThat(read.text()).contains("Resource 7");
            assertThat(read.provenance().trust()).isEqualTo(Provenance.Trust.UNTRUSTED);

            assertThat(registry.prompts()).extracting(McpPrompt::name).contains("args-prompt");
            assertThat(registry.prompt("everything", "args-prompt", Map.of("city", "Oslo"))).contains("Oslo");

            ToolResult slow = call(registry, "trigger-long-running-operation", Map.of("duration", 1, "steps", 3));
            assertThat(slow.error()).as(slow.text()).isFalse();
            assertThat(slow.text()).containsIgnoringCase("completed");
        }
    }
}
