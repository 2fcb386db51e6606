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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What goes over the wire on stdio, read as raw JSON-RPC lines: log and progress notifications
 * leave in the order the tool sent them, before its answer, and honour the level the client set.
 * (The SDK client hands notifications to its consumers on several threads, so it cannot see order.)
 */
class StdioWireIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void notificationsLeaveInOrderBeforeTheAnswer() throws Exception {
        ServedFixture fixture = new ServedFixture();
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream();
        BufferedReader replies = new BufferedReader(new InputStreamReader(new PipedInputStream(serverOut, 1 << 16),
                StandardCharsets.UTF_8));
        Thread serving = Thread.ofVirtual().start(() -> {
            try {
                fixture.server.serveStdio(serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
            until(replies, 1);
            send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}");
            until(replies, 2);
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"chatty\","
                    + "\"arguments\":{},\"_meta\":{\"progressToken\":42}}}");
            List<String> wire = until(replies, 3);
            assertThat(wire).containsExactly("log debug detail", "log working", "log almost out of paper",
                    "progress 1.0", "progress 2.0", "progress 3.0", "answer 3");

            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
            until(replies, 4);
            send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"chatty\"}}");
            assertThat(until(replies, 5)).containsExactly("answer 5");
        } finally {
            toServer.close();
            serving.join(10_000);
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return what came until the answer to {@code id}, as short descriptions, the answer last */
    private static List<String> until(BufferedReader replies, int id) throws Exception {
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = replies.readLine();
            assertThat(line).as("the server closed before answering request " + id).isNotNull();
            JsonNode node = JSON.readTree(line);
            switch (node.path("method").asText("")) {
                case "notifications/message" -> seen.add("log " + node.path("params").path("data").asText());
                case "notifications/progress" -> seen.add("progress " + node.path("params").path("progress").asDouble());
                default -> {
                    if (node.path("id").asInt(-1) == id) {
                        seen.add("answer " + id);
                        return seen;
                    }
                }
            }
        }
    }
}
