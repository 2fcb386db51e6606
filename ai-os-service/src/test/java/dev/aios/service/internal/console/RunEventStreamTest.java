package dev.aios.service.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.AgentEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunEventStreamTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RecordingBackend backend;
    private ConsoleServer server;

    @BeforeEach
    void start() {
        backend = new RecordingBackend();
        server = ConsoleServer.start(backend, ConsoleServer.Options.defaults().withHeartbeat(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void streamsTheRunsEventsAndItsEndThenUnsubscribesWhenTheClientGoes() throws Exception {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "runs/r1/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + server.token()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
        BufferedReader lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
        waitFor(() -> backend.listeners.size() == 1);

        backend.publish(new AgentEvent("other-run", AgentEvent.Type.STEP_STARTED, Instant.now(), "s9", "not this run"));
        backend.publish(new AgentEvent("r1", AgentEvent.Type.STEP_STARTED, Instant.now(), "s1",
                "calling <mail.read>\nsecond line"));
        backend.publish(new AgentEvent("r1", AgentEvent.Type.RUN_FINISHED, Instant.now(), null, "SUCCEEDED"));

        List<String> seen = new ArrayList<>();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.add(line);
            if (line.contains("run-finished")) {
                break;
            }
        }
        assertThat(seen).contains("event: event", "event: status");
        assertThat(String.join("\n", seen))
                .contains("class=\"event\"", "data-type=\"STEP_STARTED\"", "calling &lt;mail.read&gt;&#10;second line",
                        "<span class=\"run-finished\">SUCCEEDED</span>")
                .doesNotContain("not this run", "<mail.read>");

        answer.body().close();
        waitFor(() -> backend.listeners.isEmpty());
        assertThat(backend.unsubscribed.get()).isEqualTo(1);
    }

    @Test
    void closingTheConsoleEndsAnOpenStreamBeforeTheServerStops() throws Exception {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "runs/r1/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + server.token()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        waitFor(() -> backend.listeners.size() == 1);

        // the client stays; the console stops under it (a service's SIGTERM with a run page open)
        server.close();

        assertThat(backend.listeners).as("the stream's handler ended and unsubscribed").isEmpty();
        assertThat(backend.unsubscribed.get()).isEqualTo(1);
        answer.body().close();
    }

    @Test
    void aSlowClientsQueueDropsTheOldestAndCountsThem() throws Exception {
        RunEventStream.Queue queue = new RunEventStream.Queue(2);
        for (int i = 0; i < 5; i++) {
            queue.offer(new AgentEvent("r1", AgentEvent.Type.STEP_PROGRESS, Instant.now(), "s1", "tick " + i));
        }

        RunEventStream.Batch batch = queue.take(Duration.ofMillis(10));

        assertThat(batch.dropped()).isEqualTo(3);
        assertThat(batch.events()).extracting(AgentEvent::message).containsExactly("tick 3", "tick 4");
        assertThat(queue.take(Duration.ofMillis(10)).events()).isEmpty();
        assertThat(RunsPage.dropped(3, Instant.now()).render()).contains("3 events not shown");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
