package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.BrainRouter;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client options of {@link McpToolRegistry.Builder} and their value types fail fast with a message. */
class ClientOptionsTest {

    @Test
    void oauthIsOnlyForAConfiguredStreamableHttpServer() {
        McpOAuth oauth = McpOAuth.clientCredentials("id", "secret");
        assertThatThrownBy(() -> McpToolRegistry.builder().oauth("nowhere", oauth).build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("'nowhere', which is not configured");
        assertThatThrownBy(() -> McpToolRegistry.builder().server(McpServerConfig.stdio("local", "node"))
                .oauth("local", oauth).build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("uses STDIO");
    }

    @Test
    void oauthSettingsAreCheckedAndSecretsHidden() {
        assertThatThrownBy(() -> new McpOAuth(McpOAuth.Grant.CLIENT_CREDENTIALS, "id", null, Set.of(), null, null, null,
                "x")).isInstanceOf(AiOsException.class).hasMessageContaining("client secret");
        assertThatThrownBy(() -> new McpOAuth(McpOAuth.Grant.AUTHORIZATION_CODE, null, null, Set.of(), null,
                url -> url, null, "x")).isInstanceOf(AiOsException.class).hasMessageContaining("redirect URI");
        assertThatThrownBy(() -> McpOAuth.clientCredentials("id", "s").withScopes("two words"))
                .isInstanceOf(AiOsException.class).hasMessageContaining("one scope each");
        assertThat(McpOAuth.clientCredentials("id", "hunter2-secret").toString()).doesNotContain("hunter2");
        McpTokens tokens = new McpTokens("access-abc", "refresh-def", Instant.now().plusSeconds(10), Set.of("a"),
                "client", "client-secret-ghi");
        assertThat(tokens.toString()).doesNotContain("access-abc").doesNotContain("refresh-def")
                .doesNotContain("client-secret-ghi");
        assertThat(tokens.expiresWithin(Instant.now(), 30)).isTrue();
        assertThat(tokens.expiresWithin(Instant.now(), 1)).isFalse();
    }

    @Test
    void samplingBudgetsArePositiveAndRequestsAreNeverTrusted() {
        BrainRouter router = BrainRouter.cheapestFit(List.of(dev.aios.api.Brain.local("local",
                dev.aios.testing.ScriptedChatModel.replying("x"))));
        assertThatThrownBy(() -> McpSampling.builder(router).budget(0, 10).build())
                .isInstanceOf(AiOsException.class).hasMessageContaining("allow no server");
        McpSampling sampling = McpSampling.builder(router).allow("a").allowCloud("b").build();
        assertThat(sampling.allows("a")).isTrue();
        assertThat(sampling.allowsCloud("a")).isFalse();
        assertThat(sampling.allowsCloud("b")).isTrue();
        assertThat(sampling.allows("c")).isFalse();
        assertThatThrownBy(() -> new McpSamplingRequest("a", List.of(), null, 10,
                Provenance.trusted(Source.user()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never trusted");
        assertThatThrownBy(() -> new McpElicitation.Answer(McpElicitation.Answer.Action.DECLINE, Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only an accepted answer");
    }

    @Test
    void rootsMustBeFileUris() {
        assertThatThrownBy(() -> McpToolRegistry.builder().roots(List.of(URI.create("https://example.com/"))))
                .isInstanceOf(AiOsException.class).hasMessageContaining("not a file: URI");
    }
}
