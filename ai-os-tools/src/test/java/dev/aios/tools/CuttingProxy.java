package dev.aios.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy in front of a Streamable HTTP MCP server that cuts, once, the SSE response of
 * the first POST whose body contains a marker: it passes the events up to the first one that
 * carries data (with {@code retry: <ms>} put in front, if asked), then drops the connection mid-body (it
 * promised more bytes than it sends). It records every GET's {@code Last-Event-ID} and when the
 * cut and the resuming GET happened, so a test sees how the client came back.
 */
final class CuttingProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
            "upgrade", "keep-alive", "expect");

    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final String marker;
    private final long retryMillis;
    private final AtomicBoolean cut = new AtomicBoolean();
    final AtomicLong cutAtNanos = new AtomicLong();
    final AtomicLong resumedAtNanos = new AtomicLong();
    final List<String> lastEventIds = new CopyOnWriteArrayList<>();

    /**
     * @param target the server's MCP endpoint
     * @param marker text of the POST body whose response is cut
     * @param retryMillis the {@code retry} field sent before the cut; 0 sends none (the server's own, if any, stands)
     */
    CuttingProxy(URI target, String marker, long retryMillis) throws IOException {
        this.target = target;
        this.marker = marker;
        this.retryMillis = retryMillis;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", this::forward);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + target.getRawPath());
    }

    boolean didCut() {
        return cut.get();
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        if ("GET".equals(method) && lastEventId != null) {
            lastEventIds.add(lastEventId);
            resumedAtNanos.compareAndSet(0, System.nanoTime());
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        boolean sse = response.headers().firstValue("content-type").orElse("").contains("text/event-stream");
        try (InputStream in = response.body()) {
            if (sse && "POST".equals(method) && new String(body, StandardCharsets.UTF_8).contains(marker)
                    && cut.compareAndSet(false, true)) {
                cutAfterFirstEvent(exchange, response.statusCode(), in);
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), "HEAD".equals(method) ? -1 : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException clientGone) {
                // the client hung up on a long-lived stream
            }
        }
    }

    /** Passes events until one with data, then promises more than it sends and closes: a cut mid-stream. */
    private void cutAfterFirstEvent(HttpExchange exchange, int status, InputStream in) throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        if (retryMillis > 0) {
            events.writeBytes(("retry: " + retryMillis + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder event = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            event.append((char) b);
            if (event.toString().endsWith("\n\n")) {
                events.writeBytes(event.toString().getBytes(StandardCharsets.UTF_8));
                boolean hasData = event.toString().lines().anyMatch(l -> l.startsWith("data:") && l.length() > 6);
                event.setLength(0);
                if (hasData) {
                    break;
                }
            }
        }
        exchange.sendResponseHeaders(status, 1_000_000);
        OutputStream out = exchange.getResponseBody();
        out.write(events.toByteArray());
        out.flush();
        cutAtNanos.set(System.nanoTime());
        try {
            exchange.close(); // fewer bytes than promised: the server closes the connection
        } catch (RuntimeException expected) {
            // "insufficient bytes written"
        }
    }

    @Override
    public void close() {
        http.stop(0);
        client.close();
    }
}
