package dev.aios.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthClientTest {

    @Test
    void readsTheBearerChallengeAmongOthers() {
        Map<String, String> params = OAuthClient.bearerChallenge(List.of("Basic realm=\"x\"",
                "Bearer error=\"insufficient_scope\", scope=\"mcp:tools files:read\", "
                        + "resource_metadata=\"http://127.0.0.1:8080/.well-known/oauth-protected-resource\", "
                        + "error_description=\"needs \\\"more\\\"\""));
        assertThat(params).containsEntry("error", "insufficient_scope")
                .containsEntry("scope", "mcp:tools files:read")
                .containsEntry("resource_metadata", "http://127.0.0.1:8080/.well-known/oauth-protected-resource")
                .containsEntry("error_description", "needs \"more\"");
        assertThat(OAuthClient.bearerChallenge(List.of("bearer realm=mcp"))).containsEntry("realm", "mcp");
        assertThat(OAuthClient.bearerChallenge(List.of())).isEmpty();
    }

    @Test
    void aResourceCoversItsOwnUrlAndThoseBelowItOnly() {
        URI server = URI.create("https://mcp.example.com/tenant/mcp");
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com/tenant/mcp"), server)).isTrue();
        assertThat(OAuthClient.covers(URI.create("https://MCP.example.com/tenant/"), server)).isTrue();
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com"), server)).isTrue();
        assertThat(OAuthClient.covers(URI.create("https://mcp.example.com/ten"), server)).isFalse();
        assertThat(OAuthClient.covers(URI.create("https://evil.example.com/tenant/mcp"), server)).isFalse();
        assertThat(OAuthClient.covers(URI.create("http://mcp.example.com/tenant/mcp"), server)).isFalse();
    }

    @Test
    void thePkceChallengeIsTheBase64UrlOfTheVerifiersSha256() {
        // computed independently: base64url(sha256(ascii)) without padding
        assertThat(OAuthClient.challengeOf("dBjftJeZ4CVP-mJ92IdkZ2d5_l2lt9BcAO_Kdh8-VRQ"))
                .isEqualTo("Fe3y5glzvDhbqo8CUQAh0CoWacwJ5GrRbFa56omm5Ik");
    }
}
