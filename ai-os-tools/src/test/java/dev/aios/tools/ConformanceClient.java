package dev.aios.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Our MCP client ({@link McpToolRegistry}) as the official conformance suite
 * ({@code @modelcontextprotocol/conformance}) drives a client: it starts this program with the
 * test server's URL as the last argument and the scenario in {@code MCP_CONFORMANCE_SCENARIO}.
 * Whatever the scenario, the client connects, lists the tools and calls each once with the
 * arguments it needs; a server that asks for input is answered "accept" with nothing filled in,
 * so the schema's defaults are what is sent. Exits 0 when every call answered, 1 otherwise.
 * {@link ConformanceClientIT} runs it under every client scenario.
 */
public final class ConformanceClient {
    private ConformanceClient() {}

    /** Runs one scenario against the server at the last argument. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ConformanceClient <server-url>");
            System.exit(2);
        }
        String url = args[args.length - 1];
        String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
        int failures = 0;
        McpElicitation acceptDefaults = request -> McpElicitation.Answer.accept(Map.of());
        McpToolRegistry.Builder builder = McpToolRegistry.builder()
                .server(McpServerConfig.http("conformance", url))
                .elicitation(acceptDefaults)
                .callTimeout(Duration.ofSeconds(20));
        if (scenario.startsWith("auth/")) {
            builder.oauth("conformance", oauth(scenario, context()));
        }
        try (McpToolRegistry registry = builder.build()) {
            for (ToolDescriptor tool : registry.tools()) {
                Map<String, Object> arguments = tool.name().endsWith("add_numbers") ? Map.of("a", 2, "b", 3) : Map.of();
                ToolResult result = registry.call(new ToolCall("conformance-" + scenario, tool.name(), arguments));
                System.out.println(tool.name() + " -> " + (result.error() ? "error: " : "") + result.text());
                failures += result.error() ? 1 : 0;
            }
        } catch (RuntimeException e) {
            System.err.println("scenario " + scenario + " failed: " + e);
            failures++;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    /** @return the scenario's context (client credentials it pre-registered), or an empty map */
    private static Map<String, Object> context() {
        String json = System.getenv("MCP_CONFORMANCE_CONTEXT");
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = new ObjectMapper().readValue(json, Map.class);
            return map;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("MCP_CONFORMANCE_CONTEXT is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Client credentials when the scenario says so; otherwise the authorization code grant with a
     * headless "browser": the suite's authorization server redirects at once, so the redirect it
     * answers the authorization URL with is what a person's browser would have arrived at.
     */
    private static McpOAuth oauth(String scenario, Map<String, Object> context) {
        Object id = context.get("client_id");
        Object secret = context.get("client_secret");
        if (scenario.contains("client-credentials") && id != null && secret != null) {
            return McpOAuth.clientCredentials(id.toString(), secret.toString());
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        McpOAuth.Browser headless = authorizationUrl -> {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(authorizationUrl).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return URI.create(response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                    "the authorization server answered " + response.statusCode() + " without a redirect")));
        };
        McpOAuth oauth = McpOAuth.authorizationCode(URI.create("http://127.0.0.1:3333/callback"), headless);
        return id == null ? oauth : oauth.withClient(id.toString(), secret == null ? null : secret.toString());
    }
}
