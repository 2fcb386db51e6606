package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.aios.api.AiOsException;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.1 resource-server mode against a real (small) authorization server that serves its
 * metadata and JWKS over HTTP and issues signed tokens at its token endpoint.
 */
class OAuthResourceServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private static HttpResponse<String> post(URI url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Gets a token the way a client would: client credentials at the token endpoint, naming the resource. */
    private static String tokenFor(TinyAuthorizationServer as, URI resource, String scope) throws Exception {
        String form = "grant_type=client_credentials&resource=" + URLEncoder.encode(resource.toString(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(as.issuer + "/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body()).path("access_token").asText();
        }
    }

    @Test
    void acceptsOnlyTokensTheAuthorizationServerIssuedForThisServer() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running running = new ServedFixture(McpHttpAuth.oauth(as.issuer)).server
                        .startHttp("127.0.0.1", 0)) {
            URI url = running.url();
            String metadataUrl = "http://127.0.0.1:" + url.getPort() + "/.well-known/oauth-protected-resource";

            HttpResponse<String> none = post(url, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .isEqualTo("Bearer resource_metadata=\"" + metadataUrl + "\"");
            try (HttpClient http = HttpClient.newHttpClient()) {
                JsonNode metadata = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertThat(metadata.path("resource").asText()).isEqualTo(url.toString());
                assertThat(metadata.path("authorization_servers").get(0).asText()).isEqualTo(as.issuer.toString());
            }

            String good = tokenFor(as, url, "");
            McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                            .builder("http://127.0.0.1:" + url.getPort()).endpoint("/mcp")
                            .httpRequestCustomizer((request, method, uri, body, context) ->
                                    request.header("Authorization", "Bearer " + good)).build())
                    .requestTimeout(Duration.ofSeconds(20)).build();
            try (client) {
                client.initialize();
                McpSchema.CallToolResult chart = client.callTool(McpSchema.CallToolRequest.builder("chart")
                        .arguments(Map.of("values", List.of(1, 2))).build());
                assertThat(chart.structuredContent()).isEqualTo(Map.of("max", 2.0, "count", 2));
            }

            PrintStream err = System.err;
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            List<String> refused = List.of(
                    tokenFor(as, URI.create("http://elsewhere.example/mcp"), ""),                       // another audience
                    as.issue(url.toString(), "", "http://impostor.example", Duration.ofMinutes(5)),       // another issuer
                    as.issue(url.toString(), "", as.issuer.toString(), Duration.ofMinutes(-10)),          // expired
                    TinyAuthorizationServer.sign(new RSAKeyGenerator(2048).keyID("rogue").generate(),     // unknown key
                            url.toString(), "", as.issuer.toString(), Duration.ofMinutes(5)),
                    good.substring(0, good.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW1hZGUtdXA",           // forged signature
                    "not-a-jwt-at-all-but-long-enough");
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            try {
                for (String token : refused) {
                    HttpResponse<String> response = post(url, token);
                    assertThat(response.statusCode()).as("refused").isEqualTo(401);
                    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
                            .contains("resource_metadata=\"" + metadataUrl + "\"").contains("error=\"invalid_token\"");
                    assertThat(response.body()).doesNotContain(token);
                }
            } finally {
                System.setErr(err);
            }
            String log = logged.toString(StandardCharsets.UTF_8);
            assertThat(log).contains("invalid access token");
            for (String token : refused) {
                for (String part : token.split("\\.")) {
                    if (part.length() >= 8) {
                        assertThat(log).doesNotContain(part);
                    }
                }
            }
        }
    }

    @Test
    void aTokenWithoutTheRequiredScopeGets403() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running running = new ServedFixture(McpHttpAuth.oauth(as.issuer)
                        .withRequiredScopes("mcp:tools")).server.startHttp("127.0.0.1", 0)) {
            HttpResponse<String> lacking = post(running.url(), tokenFor(as, running.url(), "profile"));
            assertThat(lacking.statusCode()).isEqualTo(403);
            assertThat(lacking.headers().firstValue("WWW-Authenticate").orElseThrow())
                    .contains("error=\"insufficient_scope\"").contains("scope=\"mcp:tools\"");
            assertThat(post(running.url(), tokenFor(as, running.url(), "profile mcp:tools")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUnreachableAuthorizationServerStopsTheStartWithAClearMessage() {
        McpToolServer server = new ServedFixture(McpHttpAuth.oauth(URI.create("http://127.0.0.1:9"))).server;
        assertThatThrownBy(() -> server.startHttp("127.0.0.1", 0)).isInstanceOf(AiOsException.class)
                .hasMessageContaining("cannot read the authorization server metadata of http://127.0.0.1:9");
    }
}
