package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The resuming client against a small SSE server that cuts its POST stream in the middle of an event. */
class ResumingHttpClientTest {

    @Test
    void aHalfEventIsDroppedAndTheStreamResumesAfterTheLastWholeEventWithCrlfLines() throws Exception {
        List<String> lastEventIds = new CopyOnWriteArrayList<>();
        AtomicLong cutAt = new AtomicLong();
        AtomicLong resumedAt = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/mcp", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            if ("POST".equals(exchange.getRequestMethod())) {
                byte[] body = ("retry: 300\r\n\r\nid: e1\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}"
                        + "\r\n\r\nid: e2\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"res").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length + 100); // promises more: a cut
                OutputStream out = exchange.getResponseBody();
                out.write(body);
                out.flush();
                // let the client take the headers and the first event before the cut: an EOF that
                // races the headers fails the request itself, which is a different case (no event to resume from)
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cutAt.set(System.nanoTime());
                try {
                    exchange.close();
                } catch (RuntimeException expected) {
                    // insufficient bytes written
                }
            } else {
                resumedAt.set(System.nanoTime());
                lastEventIds.add(exchange.getRequestHeaders().getFirst("Last-Event-ID") + " "
                        + exchange.getRequestHeaders().getFirst("Mcp-Session-Id") + " "
                        + exchange.getRequestHeaders().getFirst("Accept"));
                byte[] body = "id: e2\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":\"é\"}}\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            }
        });
        server.start();
        try (HttpClient client = ResumingHttpClient.builder().build()) {
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/mcp")).header("Mcp-Session-Id", "s-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
            List<String> lines = client.sendAsync(post, HttpResponse.BodyHandlers.ofLines())
                    .get(10, TimeUnit.SECONDS).body().toList();
            assertThat(lines).containsExactly("retry: 300", "", "id: e1",
                    "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}", "", "id: e2",
                    "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":\"é\"}}", "");
            assertThat(lastEventIds).containsExactly("e1 s-1 text/event-stream");
            assertThat(TimeUnit.NANOSECONDS.toMillis(resumedAt.get() - cutAt.get())).isGreaterThanOrEqualTo(280);
        } finally {
            server.stop(0);
        }
    }
}
