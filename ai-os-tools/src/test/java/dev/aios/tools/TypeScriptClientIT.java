package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript MCP SDK's client (npm {@code @modelcontextprotocol/sdk}, pinned in
 * src/test/mcp-servers) uses our server over Streamable HTTP: lists, calls (checking structured
 * content against the output schema on its side), resources, prompts, completion, sampling,
 * elicitation, roots, log levels, and cancels a slow call. Skipped where node or npm is missing.
 */
class TypeScriptClientIT {

    /** Runs ts-client.mjs against {@code url}; @return the JSON it printed */
    static JsonNode runClient(String url, String... token) throws Exception {
        Path dir = ReferenceServers.install();
        Path script = dir.resolve("ts-client.mjs");
        Files.copy(Path.of("src/test/mcp-servers/ts-client.mjs"), script, StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of("node", script.toAbsolutePath().toString(), url));
        command.addAll(List.of(token));
        Process node = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = node.getInputStream().readAllBytes();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the TypeScript client ended").isTrue();
        String printed = new String(out, StandardCharsets.UTF_8).strip();
        String last = printed.substring(printed.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(last);
    }

    @Test
    void typeScriptSdkClientUsesOurServerOverStreamableHttp() throws Exception {
        ServedFixture fixture = new ServedFixture();
        try (McpToolServer.Running running = fixture.server.startHttp("127.0.0.1", 0)) {
            JsonNode seen = runClient(running.url().toString());
            assertThat(seen.path("error").isMissingNode()).as("client error: " + seen.path("error")).isTrue();
            assertThat(seen.path("server").path("name").asText()).isEqualTo("fixture");
            assertThat(texts(seen.path("tools"))).contains("chart", "slow", "echo", "notes.count");
            assertThat(texts(seen.path("resources"))).containsExactly("notes://today", "images://logo");
            assertThat(texts(seen.path("templates"))).containsExactly("notes://day/{day}");
            assertThat(texts(seen.path("prompts"))).containsExactly("review");
            assertThat(seen.path("chart").path("structured").path("max").asDouble()).isEqualTo(7.0);
            assertThat(texts(seen.path("chart").path("types"))).containsExactly("text", "image", "resource_link");
            assertThat(seen.path("echo").asText()).isEqualTo("Echo: from ts");
            assertThat(seen.path("today").asText()).isEqualTo("buy milk");
            assertThat(texts(seen.path("prompt"))).containsExactly("text", "resource", "image");
            assertThat(texts(seen.path("completion"))).containsExactly("tests");
            assertThat(seen.path("sample").asText()).isEqualTo("model ts-model said: ts says hi to Say hello");
            assertThat(seen.path("elicit").asText()).isEqualTo("ACCEPT Bo");
            assertThat(seen.path("roots").asText()).isEqualTo("[ts=file:///ts]");
            assertThat(texts(seen.path("logs"))).containsExactly("almost out of paper");
            assertThat(seen.path("slow").asText()).startsWith("aborted");
            assertThat(seen.path("slowMillis").asLong()).isLessThan(10_000);
            assertThat(fixture.slowCancelled.await(10, TimeUnit.SECONDS))
                    .as("notifications/cancelled from the TypeScript client reached the handler").isTrue();
            assertThat(fixture.onCancelRan).isTrue();
            assertThat(texts(seen.path("clientErrors"))).as("MCP: no answer to a cancelled request")
                    .noneMatch(e -> e.contains("unknown message ID"));
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
