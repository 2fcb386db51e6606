package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The registry's OAuth 2.1 client against a real (small) authorization server
 * ({@link TinyAuthorizationServer}: metadata, registration, authorization with PKCE, token,
 * refresh) and our {@link McpToolServer} in OAuth resource-server mode, which checks each JWT's
 * signature, issuer, audience, expiry and scopes.
 */
class OAuthClientIT {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:9/callback");

    private static ToolResult chart(McpToolRegistry registry) {
        return registry.call(new ToolCall("run-1/step-1", "secured.chart", Map.of("values", List.of(1, 5))));
    }

    /** A person who signs in and consents: follows the authorization URL to its redirect, as a browser would. */
    private static McpOAuth.Browser browser(AtomicInteger signIns) {
        return url -> {
            signIns.incrementAndGet();
            try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(302);
                return URI.create(response.headers().firstValue("Location").orElseThrow());
            }
        };
    }

    /** Runs {@code work} with System.err captured; @return what was logged. */
    private static String logged(ThrowingRunnable work) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(err);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        err.print(text);
        return text;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void clientCredentialsDiscoverTheAuthorizationServerAndStepUpToTheScopeTheServerNames() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running server = new ServedFixture(McpHttpAuth.oauth(as.issuer)
                        .withRequiredScopes("mcp:tools")).server.startHttp("127.0.0.1", 0)) {
            as.registerClient("agent-7", "s3cret-of-agent-7");
            McpOAuth oauth = McpOAuth.clientCredentials("agent-7", "s3cret-of-agent-7").withScopes("profile");
            assertThat(oauth.toString()).doesNotContain("s3cret");
            String log = logged(() -> {
                try (McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("secured", server.url().toString()))
                        .oauth("secured", oauth).build()) {
                    ToolResult result = chart(registry);
                    assertThat(result.error()).as(result.text()).isFalse();
                    assertThat(result.text()).contains("max 5.0");
                    assertThat(chart(registry).error()).isFalse();
                }
            });
            assertThat(as.clients.credentialGrants.get()).as("a first token, then one with mcp:tools").isEqualTo(2);
            assertThat(log).contains("wants scopes [profile, mcp:tools]");
            for (String secret : as.clients.secrets) {
                assertThat(log).doesNotContain(secret);
            }
        }
    }

    @Test
    void theSecretGoesInTheBodyWhenTheServerTakesItOnlyThere() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running server = new ServedFixture(McpHttpAuth.oauth(as.issuer)).server
                        .startHttp("127.0.0.1", 0)) {
            as.clients.secretInBodyOnly = true; // metadata: client_secret_post only; Basic is refused
            as.registerClient("agent-8", "s3cret-of-agent-8");
            try (McpToolRegistry registry = McpToolRegistry.builder()
                    .server(McpServerConfig.http("secured", server.url().toString()))
                    .oauth("secured", McpOAuth.clientCredentials("agent-8", "s3cret-of-agent-8")).build()) {
                ToolResult result = chart(registry);
                assertThat(result.error()).as(result.text()).isFalse();
            }
            assertThat(as.clients.credentialGrants.get()).isEqualTo(1);
        }
    }

    @Test
    void aWrongSecretFailsWithAClearMessageThatHoldsNoSecret() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running server = new ServedFixture(McpHttpAuth.oauth(as.issuer)).server
                        .startHttp("127.0.0.1", 0);
                McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("secured", server.url().toString()))
                        .oauth("secured", McpOAuth.clientCredentials("agent-7", "wrong-secret-value")).build()) {
            as.registerClient("agent-7", "right-secret-value");
            assertThatThrownBy(() -> registry.listTools("secured")).isInstanceOf(AiOsException.class)
                    .hasMessageContaining("invalid_client").hasMessageNotContaining("wrong-secret-value")
                    .hasMessageNotContaining("right-secret-value");
        }
    }

    @Test
    void authorizationCodeWithPkceRegistersDynamicallyRefreshesAndReusesStoredTokens() throws Exception {
        try (TinyAuthorizationServer as = new TinyAuthorizationServer();
                McpToolServer.Running server = new ServedFixture(McpHttpAuth.oauth(as.issuer)
                        .withRequiredScopes("mcp:tools")).server.startHttp("127.0.0.1", 0)) {
            as.clients.accessTokenLife = Duration.ofSeconds(20); // within the client's 30 s margin: refreshed before use
            AtomicInteger signIns = new AtomicInteger();
            Map<String, McpTokens> kept = new ConcurrentHashMap<>();
            McpTokenStore store = new McpTokenStore() {
                @Override
                public Optional<McpTokens> load(String name) {
                    return Optional.ofNullable(kept.get(name));
                }

                @Override
                public void save(String name, McpTokens tokens) {
                    kept.put(name, tokens);
                }

                @Override
                public void remove(String name) {
                    kept.remove(name);
                }
            };
            McpOAuth oauth = McpOAuth.authorizationCode(REDIRECT, browser(signIns)).withScopes("mcp:tools")
                    .withTokenStore(store);
            String log = logged(() -> {
                try (McpToolRegistry registry = McpToolRegistry.builder()
                        .server(McpServerConfig.http("secured", server.url().toString()))
                        .oauth("secured", oauth).build()) {
                    assertThat(chart(registry).error()).isFalse();
                    assertThat(chart(registry).error()).isFalse();
                }
            });
            assertThat(as.clients.registrations.get()).isEqualTo(1);
            assertThat(as.clients.codeGrants.get()).isEqualTo(1);
            assertThat(signIns.get()).isEqualTo(1);
            assertThat(as.clients.refreshGrants.get()).as("refreshed before expiry").isGreaterThanOrEqualTo(1);
            assertThat(kept.get("secured").toString()).doesNotContain(kept.get("secured").accessToken());

            as.clients.accessTokenLife = Duration.ofMinutes(5);
            int refreshes = as.clients.refreshGrants.get();
            try (McpToolRegistry again = McpToolRegistry.builder()
                    .server(McpServerConfig.http("secured", server.url().toString()))
                    .oauth("secured", oauth).build()) {
                assertThat(chart(again).error()).isFalse();
            }
            assertThat(signIns.get()).as("the stored tokens were used: nobody signed in again").isEqualTo(1);
            assertThat(as.clients.registrations.get()).isEqualTo(1);
            assertThat(as.clients.refreshGrants.get()).isGreaterThan(refreshes);
            for (String secret : as.clients.secrets) {
                assertThat(log).doesNotContain(secret);
            }
        }
    }
}
