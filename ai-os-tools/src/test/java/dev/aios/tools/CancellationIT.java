package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client's {@code notifications/cancelled} reaches the handler of the call it names, over stdio,
 * spoken as raw JSON-RPC lines (the MCP Java SDK client cannot send it; the TypeScript SDK client
 * does so over HTTP in {@link TypeScriptClientIT}).
 */
class CancellationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cancelledNotificationInterruptsTheHandlerOverStdio() throws Exception {
        ServedFixture fixture = new ServedFixture();
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                fixture.server.serveStdio(serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        BufferedReader replies = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        try {
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            assertThat(reply(replies, 1).path("result").path("serverInfo").path("name").asText()).isEqualTo("fixture");
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            // a client may send its own value under our key: it is overwritten, not trusted
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":\"call-7\",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\","
                    + "\"arguments\":{},\"_meta\":{\"dev.aios/call\":\"stdio/\\\"other\\\"\"}}}");
            assertThat(fixture.slowStarted.await(10, TimeUnit.SECONDS)).as("slow started").isTrue();
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}");
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"call-7\","
                    + "\"reason\":\"user gave up\"}}");
            assertThat(fixture.slowCancelled.await(5, TimeUnit.SECONDS)).as("the handler saw the cancellation").isTrue();
            assertThat(fixture.slowInterrupted).isTrue();
            assertThat(fixture.onCancelRan).isTrue();

            // the connection goes on
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"chart\","
                    + "\"arguments\":{\"values\":[1,2]}}}");
            JsonNode chart = reply(replies, 3);
            assertThat(chart.path("result").path("structuredContent").path("max").asDouble()).isEqualTo(2.0);
            assertThat(seenIds).as("MCP: no answer to a cancelled request").doesNotContain("\"call-7\"");
        } finally {
            toServer.close();
            serving.join(10_000);
        }
        assertThat(serving.isAlive()).as("serveStdio returned when the input closed").isFalse();
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private final java.util.List<String> seenIds = new java.util.ArrayList<>();

    /** @return the response to request {@code id}, skipping notifications and other responses (noting their ids) */
    private JsonNode reply(BufferedReader replies, int id) throws Exception {
        while (true) {
            String line = replies.readLine();
            assertThat(line).as("the server closed before answering request " + id).isNotNull();
            JsonNode node = JSON.readTree(line);
            if (node.has("id")) {
                seenIds.add(node.get("id").toString());
            }
            if (node.path("id").asInt(-1) == id) {
                return node;
            }
        }
    }
}
