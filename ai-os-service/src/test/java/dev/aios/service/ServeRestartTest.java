package dev.aios.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aios serve} killed with SIGKILL and started again still lists the approval it was waiting
 * for (the journal keeps it); approving it after the restart makes the call once; SIGTERM stops
 * the service gracefully.
 */
@Timeout(300)
class ServeRestartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPendingApprovalSurvivesKillMinusNineAndIsAnsweredOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        Path world = dir.resolve("briefing-world");
        Path drafts = world.resolve("out/drafts");
        Files.createDirectories(drafts);
        Files.writeString(drafts.resolve("hello.eml"), "To: Ana Diaz <ana@example.org>\nSubject: Hello\n\nHi Ana,\n");

        Process first = serve(dir, "first.log");
        Service service = awaitService(world, first, dir.resolve("first.log"));
        JsonNode run = post(service, "api/goals", "{\"goal\":\"send the draft hello.eml\"}");
        assertThat(run.path("runId").asText()).isNotBlank();
        JsonNode pending = awaitPending(service, first, dir.resolve("first.log"));
        String tool = pending.get(0).toString();
        assertThat(tool).contains("mail.send_draft");

        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        first.waitFor(30, TimeUnit.SECONDS);
        Files.deleteIfExists(world.resolve("state/" + AiosService.URL_FILE)); // the dead service's address

        Process second = serve(dir, "second.log");
        Service again = awaitService(world, second, dir.resolve("second.log"));
        JsonNode still = awaitPending(again, second, dir.resolve("second.log"));
        assertThat(still.get(0).toString()).as("the same request, after the restart").contains("mail.send_draft");
        String id = still.get(0).path("id").asText();

        JsonNode answer = post(again, "api/approvals/" + id + "/approve", "{\"note\":\"yes, send it\"}");
        assertThat(answer.path("outcome").asText()).isEqualTo("approved");
        Path outbox = world.resolve("out/outbox/hello.eml");
        waitFor(() -> Files.exists(outbox), Duration.ofSeconds(60), "the approved draft in out/outbox");
        assertThat(Files.readString(outbox)).contains("Hi Ana");

        second.destroy(); // SIGTERM: the graceful stop
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("second.log"))).doesNotContain("Exception in thread");
        try (Stream<Path> files = Files.list(world.resolve("out/outbox"))) {
            assertThat(files.count()).as("sent once").isEqualTo(1);
        }
    }

    private record Service(URI base, String token) {}

    private static Process serve(Path dir, String log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Cli.class.getName(), "serve", "--port", "0", "--no-briefing-at-start")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()));
        pb.environment().put("HOME", dir.toString()); // no ~/.aios/aios.yaml: the sample world
        pb.environment().remove("AIOS_CONFIG");
        return pb.start();
    }

    private Service awaitService(Path world, Process process, Path log) throws Exception {
        Path url = world.resolve("state/" + AiosService.URL_FILE);
        Path token = world.resolve("state/" + AiosService.TOKEN_FILE);
        waitFor(() -> !process.isAlive() || Files.exists(url), Duration.ofSeconds(120), "the service to start");
        assertThat(process.isAlive()).as(() -> read(log)).isTrue();
        return new Service(URI.create(Files.readString(url).strip()), Files.readString(token).strip());
    }

    private JsonNode awaitPending(Service service, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as(() -> read(log)).isTrue();
            JsonNode pending = get(service, "api/approvals");
            if (!pending.isEmpty()) {
                return pending;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("no pending approval within 90 s; log:\n" + read(log));
    }

    private JsonNode get(Service s, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.base().resolve(path))
                .header("Authorization", "Bearer " + s.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode post(Service s, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.base().resolve(path))
                .header("Authorization", "Bearer " + s.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    private static void waitFor(Supplier<Boolean> condition, Duration limit, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
