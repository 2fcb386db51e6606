package dev.aios.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.aios.api.AgentEvent;
import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRouter;
import dev.aios.api.Goal;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import dev.aios.api.RunStatus;
import dev.aios.api.Secrets;
import dev.aios.runtime.Agent;
import dev.aios.runtime.InProcessMemory;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end check: a real LangChain4j OpenAI client, built in code with a key nobody
 * read from configuration, talks to a provider on 127.0.0.1 whose errors echo the key it was sent.
 * Whether the brain is given to the agent directly or through the learned router, the key must
 * appear in no outcome, event, memory record or log line.
 */
class KeysNeverLeakTest {
    /** The failure the fake provider answers with: status and the body, given the key it was sent. */
    private enum Failure {
        UNAUTHORIZED_JSON(401, "application/json"),
        SERVER_ERROR_JSON(500, "application/json"),
        PLAIN_TEXT_MESSAGE(400, "text/plain");

        final int status;
        final String contentType;

        Failure(int status, String contentType) {
            this.status = status;
            this.contentType = contentType;
        }

        String body(String key, String authorization) {
            return switch (this) {
                case UNAUTHORIZED_JSON -> "{\"error\":{\"message\":\"Incorrect API key provided: " + key
                        + ". You can find your API key at https://example.invalid.\",\"type\":\"invalid_request_error\","
                        + "\"code\":\"invalid_api_key\"}}";
                case SERVER_ERROR_JSON -> "{\"error\":{\"message\":\"internal error while checking " + key
                        + " (header was '" + authorization + "')\",\"type\":\"server_error\"}}";
                case PLAIN_TEXT_MESSAGE -> "bad request for key " + key + "; Authorization: " + authorization;
            };
        }
    }

    private HttpServer server;
    private volatile Failure failure = Failure.UNAUTHORIZED_JSON;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startFakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            authorizations.add(authorization);
            String key = authorization.startsWith("Bearer ") ? authorization.substring(7) : authorization;
            Failure now = failure;
            byte[] bytes = now.body(key, authorization).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", now.contentType);
            exchange.sendResponseHeaders(now.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopFakeProvider() {
        server.stop(0);
    }

    private Brain gpt(String key) {
        OpenAiChatModel model = OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1")
                .apiKey(key)
                .modelName("gpt-test")
                .maxRetries(0) // the router and the run retry; the client need not
                .build();
        return new Brain("gpt", model, Fixtures.profile("openai", BrainProfile.Location.CLOUD, "0.15", "0.6", 128_000,
                BrainProfile.Capability.JSON_OUTPUT));
    }

    @Test
    void aKeyOfTheWellKnownShapeIsCaughtWithoutRegistration() throws IOException {
        String key = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
        for (Failure f : Failure.values()) {
            failure = f;
            runAndAssertNoLeak(key, f, false);
            runAndAssertNoLeak(key, f, true);
        }
    }

    @Test
    void aKeyOfNoKnownShapeIsCaughtOnceRegistered() throws IOException {
        String key = "zq" + UUID.randomUUID().toString().replace("-", "");
        assertThat(Secrets.scrub("provided: " + key)).as("no known shape: only registration can catch it")
                .contains(key);
        Secrets.register(key);
        for (Failure f : Failure.values()) {
            failure = f;
            runAndAssertNoLeak(key, f, false);
            runAndAssertNoLeak(key, f, true);
        }
    }

    /** Positive control: without the scrubbing, the provider's error does carry the key. */
    @Test
    void theProvidersOwnErrorCarriesTheKey() {
        String key = "zq" + UUID.randomUUID().toString().replace("-", "");
        failure = Failure.UNAUTHORIZED_JSON;
        assertThatThrownBy(() -> gpt(key).model().chat("hello")).hasMessageContaining(key);
    }

    private void runAndAssertNoLeak(String key, Failure f, boolean throughRouter) throws IOException {
        String how = f + (throughRouter ? " through the router" : " given to the agent directly");
        Brain brain = gpt(key);
        RecordingMemory memory = new RecordingMemory();
        List<AgentEvent> events = Collections.synchronizedList(new ArrayList<>());
        Agent.Builder builder = Agent.builder().memory(memory).listener(events::add).maxReplans(1);
        BrainRouter router = throughRouter ? Fixtures.router(brain).build() : null;
        if (router != null) {
            builder.brainRouter(router);
        } else {
            builder.brain(brain);
        }
        Agent agent = builder.build();
        int requestsBefore = authorizations.size();
        long logStart = logLength();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        RunOutcome outcome;
        try {
            System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
            outcome = agent.run(Goal.of("What is the capital of France?"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String log = logSince(logStart);

        // Positive controls: the provider was called with the key, and its error reached the outcome.
        assertThat(authorizations.subList(requestsBefore, authorizations.size())).as(how)
                .isNotEmpty().allMatch(("Bearer " + key)::equals);
        assertThat(outcome.status()).as(how).isEqualTo(RunStatus.FAILED);
        assertThat(outcome.detail()).as(how).contains("[redacted]");
        assertThat(events).as(how).isNotEmpty();
        assertThat(memory.written).as(how).isNotEmpty();
        assertThat(log).as(how + ": the log capture works").contains(outcome.runId());

        assertThat(outcome.detail()).as(how).doesNotContain(key);
        assertThat(outcome.answer()).as(how).doesNotContain(key);
        assertThat(outcome.toString()).as(how).doesNotContain(key);
        assertThat(events).as(how).allSatisfy(e -> assertThat(e.message()).doesNotContain(key));
        assertThat(memory.written).as(how).allSatisfy(r -> {
            assertThat(r.text()).doesNotContain(key);
            assertThat(r.metadata().toString()).doesNotContain(key);
        });
        for (MemoryHit hit : memory.recall(MemoryQuery.of("capital of France run goal outcome", 50))) {
            assertThat(hit.record().toString()).as(how).doesNotContain(key);
        }
        assertThat(log).as(how).doesNotContain(key);
        assertThat(console.toString(StandardCharsets.UTF_8)).as(how).doesNotContain(key);
        if (router != null) {
            assertThat(router.toString()).doesNotContain(key);
        }
    }

    /** The SLF4J simple binding writes every line (debug and up) to this file (see the pom). */
    private static Path logFile() {
        return Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-log.txt"));
    }

    private static long logLength() throws IOException {
        return Files.exists(logFile()) ? Files.size(logFile()) : 0;
    }

    private static String logSince(long start) throws IOException {
        if (!Files.exists(logFile())) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile().toFile(), "r")) {
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A real in-process memory that also keeps every record written to it, as written. */
    private static final class RecordingMemory implements Memory {
        final List<MemoryRecord> written = Collections.synchronizedList(new ArrayList<>());
        private final InProcessMemory memory = new InProcessMemory();

        @Override
        public void remember(MemoryRecord record) {
            written.add(record);
            memory.remember(record);
        }

        @Override
        public List<MemoryHit> recall(MemoryQuery query) {
            return memory.recall(query);
        }

        @Override
        public boolean forget(String id) {
            return memory.forget(id);
        }
    }

    /** Passes console output on and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
