package dev.aios.routing;

import dev.aios.api.BrainAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aios.api.AiOsException;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainRouter;
import dev.aios.api.spi.BrainRouterFactory;
import dev.aios.api.spi.Extensions;
import dev.aios.inference.local.LocalChatModel;
import dev.aios.inference.local.ModelFormatException;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brains from a configuration file, with LangChain4j's real OpenAI and Anthropic clients, talking
 * to a local HTTP server that speaks the OpenAI chat-completions protocol.
 */
class BrainCatalogTest {
    private static final String KEY = "sk-test-7f3c9a1e55d04b2f8c6d";

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<Integer> script = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            requests.incrementAndGet();
            synchronized (authorizations) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 200 : script.remove(0);
            }
            String body = switch (status) {
                case 200 -> """
                        {"id":"c1","object":"chat.completion","created":1,"model":"gpt-test",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}""";
                case 401 -> "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                        + "\",\"type\":\"invalid_request_error\"}}";
                default -> "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit\"}}";
            };
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Properties config() {
        Properties p = new Properties();
        p.setProperty("brains", "gpt, claude, llama");
        p.setProperty("brain.gpt.provider", "openai");
        p.setProperty("brain.gpt.model", "gpt-test");
        p.setProperty("brain.gpt.baseUrl", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        p.setProperty("brain.gpt.apiKeyEnv", "TEST_OPENAI_KEY");
        p.setProperty("brain.gpt.inputPricePerMillion", "2.5");
        p.setProperty("brain.gpt.outputPricePerMillion", "10");
        p.setProperty("brain.gpt.contextWindow", "128000");
        p.setProperty("brain.gpt.capabilities", "TOOL_CALLING, json_output");
        p.setProperty("brain.gpt.timeout", "PT5S");
        p.setProperty("brain.claude.provider", "anthropic");
        p.setProperty("brain.claude.model", "claude-test");
        p.setProperty("brain.claude.apiKeyEnv", "TEST_ANTHROPIC_KEY");
        p.setProperty("brain.llama.provider", "ollama");
        p.setProperty("brain.llama.model", "llama3.2");
        return p;
    }

    private static final Map<String, String> ENV = Map.of("TEST_OPENAI_KEY", KEY,
            "TEST_ANTHROPIC_KEY", "sk-ant-test-0123456789abcdef");

    @Test
    void buildsEachProvidersBrainWithItsProfile() {
        List<Brain> brains = BrainCatalog.fromProperties(config(), ENV);
        assertThat(brains).extracting(Brain::name).containsExactly("gpt", "claude", "llama");
        BrainProfile gpt = brains.get(0).profile();
        assertThat(gpt.provider()).isEqualTo("openai");
        assertThat(gpt.location()).isEqualTo(BrainProfile.Location.CLOUD);
        assertThat(gpt.inputPricePerMillion()).isEqualByComparingTo("2.5");
        assertThat(gpt.contextWindow()).isEqualTo(128_000);
        assertThat(gpt.capabilities()).containsExactlyInAnyOrder(BrainProfile.Capability.TOOL_CALLING,
                BrainProfile.Capability.JSON_OUTPUT);
        assertThat(brains.get(0).model().getClass().getSimpleName()).isEqualTo("OpenAiChatModel");
        assertThat(brains.get(1).model().getClass().getSimpleName()).isEqualTo("AnthropicChatModel");
        assertThat(brains.get(2).profile().location()).isEqualTo(BrainProfile.Location.LOCAL);
    }

    @Test
    void realOpenAiClientIsRetriedOnRateLimitAndMetered() {
        synchronized (script) {
            script.add(429);
        }
        Properties p = config();
        p.setProperty("brains", "gpt");
        p.keySet().removeIf(k -> ((String) k).startsWith("brain.claude") || ((String) k).startsWith("brain.llama"));
        LearnedBrainRouter router = Fixtures.router().brains(BrainCatalog.fromProperties(p, ENV)).build();
        BrainRequest request = Fixtures.request("What is the capital of France?");
        BrainAnswer answer = router.chat(request);
        assertThat(answer.text()).isEqualTo("Paris");
        assertThat(answer.brain()).isEqualTo("gpt");
        assertThat(answer.usage().cost()).isEqualByComparingTo("0.00006");
        assertThat(requests.get()).isEqualTo(2);
        assertThat(authorizations).allMatch(("Bearer " + KEY)::equals);
        BrainStats stats = router.report().brain("gpt");
        assertThat(stats.calls()).isEqualTo(1);
        assertThat(stats.failures()).isEqualTo(1);
        assertThat(stats.inputTokens()).isEqualTo(12);
        assertThat(stats.cost()).isEqualByComparingTo("0.00006"); // 12 * 2.5/M + 3 * 10/M
    }

    @Test
    void theKeyNeverAppearsInToStringErrorsOrLogs() throws IOException {
        synchronized (script) {
            script.add(401);
        }
        Properties p = config();
        p.setProperty("brains", "gpt");
        p.keySet().removeIf(k -> ((String) k).startsWith("brain.claude") || ((String) k).startsWith("brain.llama"));
        List<Brain> brains = BrainCatalog.fromProperties(p, ENV);
        LearnedBrainRouter router = Fixtures.router().brains(brains).build();
        BrainRequest request = Fixtures.request("What is the capital of France?");
        Brain brain = router.route(request);
        Throwable failure = null;
        try {
            router.chat(request);
        } catch (AiOsException e) {
            failure = e;
        }
        assertThat(failure).as("the server answered 401").isNotNull();
        assertThat(failure.getMessage()).contains("gpt:").doesNotContain(KEY);
        assertThat(failure.getCause()).isNull();
        assertThat(brains.toString()).doesNotContain(KEY);
        assertThat(brain.toString()).doesNotContain(KEY);
        assertThat(router.toString()).doesNotContain(KEY);
        assertThat(router.report().toString()).doesNotContain(KEY);
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-log.txt"));
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain(KEY);
        }
    }

    @Test
    void missingKeyVariableIsNamedButNoValueIsShown() {
        assertThatThrownBy(() -> BrainCatalog.fromProperties(config(), Map.of("TEST_ANTHROPIC_KEY", "x".repeat(20))))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("TEST_OPENAI_KEY")
                .hasMessageContaining("is not set");
    }

    @Test
    void localProviderLoadsAModelFolderAsAPrivateFreeBrain(@TempDir Path dir) {
        Path folder = RandomCheckpoint.builder().seed(9).writeTo(dir.resolve("smol"));
        Properties p = new Properties();
        p.setProperty("brains", "smol");
        p.setProperty("brain.smol.provider", "local");
        p.setProperty("brain.smol.model", folder.toString());
        Brain smol = BrainCatalog.fromProperties(p, Map.of()).get(0);
        assertThat(smol.profile().location()).isEqualTo(BrainProfile.Location.LOCAL);
        assertThat(smol.profile().inputPricePerMillion()).isEqualByComparingTo("0");
        assertThat(smol.model()).isInstanceOf(LocalChatModel.class);
        assertThat(smol.streams()).as("the local model streams too").isTrue();
        ChatResponse answer = smol.model().chat(ChatRequest.builder()
                .messages(UserMessage.from("hello")).maxOutputTokens(5).build());
        assertThat(answer.tokenUsage().outputTokenCount()).isBetween(1, 5);
        BrainCatalog.closeAll(List.of(smol));
        assertThatThrownBy(() -> smol.model().chat("again")).hasMessageContaining("closed");

        p.setProperty("brain.smol.model", dir.resolve("absent").toString());
        assertThatThrownBy(() -> BrainCatalog.fromProperties(p, Map.of()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("absent does not exist");
    }

    @Test
    void badSettingsAreNamed() {
        Properties unknown = config();
        unknown.setProperty("brain.gpt.temperature", "0.2");
        assertThatThrownBy(() -> BrainCatalog.fromProperties(unknown, ENV))
                .hasMessageContaining("unknown setting 'brain.gpt.temperature'");
        Properties provider = config();
        provider.setProperty("brain.gpt.provider", "acme");
        assertThatThrownBy(() -> BrainCatalog.fromProperties(provider, ENV))
                .hasMessageContaining("'brain.gpt.provider' is 'acme'; known providers");
        Properties price = config();
        price.setProperty("brain.gpt.inputPricePerMillion", "cheap");
        assertThatThrownBy(() -> BrainCatalog.fromProperties(price, ENV))
                .hasMessageContaining("'brain.gpt.inputPricePerMillion' is not a number: cheap");
        Properties none = new Properties();
        assertThatThrownBy(() -> BrainCatalog.fromProperties(none, ENV)).hasMessageContaining("'brains' is missing");
    }

    @Test
    void factoryIsFoundByNameAndBuildsTheRouterFromAFile() throws IOException {
        Path file = dir.resolve("brains.properties");
        Files.writeString(file, """
                brains = llama
                brain.llama.provider = ollama
                brain.llama.model = llama3.2
                brain.llama.timeout = PT1S
                """);
        BrainRouterFactory factory = Extensions.named(BrainRouterFactory.class, "learned");
        BrainRouter router = factory.create(Map.of("brains", file.toString(), "strongShare", "0.25",
                "stateFile", dir.resolve("state").toString()));
        assertThat(router).isInstanceOf(LearnedBrainRouter.class);
        assertThat(router.brains()).extracting(Brain::name).containsExactly("llama");
        assertThat(router.route(Fixtures.request("hi")).profile().location()).isEqualTo(BrainProfile.Location.LOCAL);
        assertThatThrownBy(() -> factory.create(Map.of("brains", file.toString(), "colour", "blue")))
                .hasMessageContaining("unknown setting 'colour'");
        assertThat(Duration.ofSeconds(1)).isPositive();
    }
}
