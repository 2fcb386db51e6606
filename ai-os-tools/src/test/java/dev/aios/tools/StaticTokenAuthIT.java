package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streamable HTTP behind a static bearer token. The server runs as a child process with every
 * logger at TRACE, so that the last check covers every line the server logged: the token is in
 * none of them, nor in any response or client exception.
 */
class StaticTokenAuthIT {
    private static final String TOKEN = "tok-" + HexFormat.of().formatHex(SecureRandom.getSeed(16));
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static Process server;
    private static final ByteArrayOutputStream serverOutput = new ByteArrayOutputStream();
    private static Thread drain;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Dorg.slf4j.simpleLogger.log.dev.aios=trace",
                TokenServerMain.class.getName()).redirectErrorStream(true);
        builder.environment().put("AIOS_TEST_TOKEN", TOKEN);
        server = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
            serverOutput.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            if (line.startsWith("LISTENING ")) {
                url = line.substring("LISTENING ".length());
                break;
            }
        }
        assertThat(url).as("the server said where it listens; it printed:\n" + serverOutput).isNotNull();
        drain = Thread.ofVirtual().start(() -> {
            try {
                lines.lines().forEach(l -> {
                    synchronized (serverOutput) {
                        serverOutput.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                });
            } catch (RuntimeException closed) {
                // the process ended
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            drain.join(5_000);
        }
    }

    private static HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void missingOrWrongTokenGets401WithAChallenge() throws Exception {
        HttpResponse<String> none = post(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> wrong = post("Bearer " + TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("error=\"invalid_token\""));
        assertThat(wrong.body()).doesNotContain(TOKEN);

        HttpResponse<String> prefix = post("Bearer " + TOKEN.substring(0, TOKEN.length() - 1));
        assertThat(prefix.statusCode()).isEqualTo(401);
        assertThat(post("Basic " + TOKEN).statusCode()).isEqualTo(401);

        HttpResponse<String> right = post("Bearer " + TOKEN);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("\"fixture\"");
    }

    @Test
    void realClientsWithTheTokenWorkAndWithoutItFailWithoutShowingIt() throws Exception {
        try (McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(transport(TOKEN))
                .requestTimeout(Duration.ofSeconds(20)).build()) {
            client.initialize();
            assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name).contains("chart");
        }
        try (McpSyncClient client = io.modelcontextprotocol.client.McpClient.sync(transport(TOKEN + "-wrong"))
                .requestTimeout(Duration.ofSeconds(20)).build()) {
            assertThatThrownBy(client::initialize).satisfies(e -> {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
                }
            });
        }
        try (McpClient langChain4j = new DefaultMcpClient.Builder()
                .transport(new StreamableHttpMcpTransport.Builder().url(url)
                        .customHeaders(Map.of("Authorization", "Bearer " + TOKEN)).build())
                .toolExecutionTimeout(Duration.ofSeconds(20)).build()) {
            assertThat(langChain4j.listTools()).extracting(ToolSpecification::name).contains("chart", "echo");
        }
        JsonNode seen = TypeScriptClientIT.runClient(url, TOKEN);
        assertThat(seen.path("error").isMissingNode()).as("TypeScript client error: " + seen.path("error")).isTrue();
        assertThat(TypeScriptClientIT.texts(seen.path("tools"))).contains("chart");
    }

    private static HttpClientStreamableHttpTransport transport(String token) {
        URI endpoint = URI.create(url);
        return HttpClientStreamableHttpTransport.builder("http://" + endpoint.getHost() + ":" + endpoint.getPort())
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build();
    }

    @Test
    void theTokenIsInNoLogLine() throws Exception {
        post(null);
        post("Bearer " + TOKEN + "-wrong");
        post("Bearer " + TOKEN);
        String logged;
        synchronized (serverOutput) {
            logged = serverOutput.toString(StandardCharsets.UTF_8);
        }
        assertThat(logged).as("the server logged at TRACE").contains("refused an MCP request");
        assertThat(logged).doesNotContain(TOKEN);
        assertThat(List.of(McpHttpAuth.bearerToken(TOKEN).toString())).noneMatch(s -> s.contains(TOKEN));
    }
}
