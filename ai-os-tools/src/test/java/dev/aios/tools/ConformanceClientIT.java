package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our MCP client ({@link ConformanceClient} over {@link McpToolRegistry}) under the official MCP
 * conformance suite's client scenarios ({@code @modelcontextprotocol/conformance} 0.1.16, pinned
 * in src/test/mcp-servers): the handshake, a tool call, elicitation defaults, a stream resumed
 * after the server's {@code retry}, and the OAuth flows of the 2025-11-25 and 2025-03-26 specs.
 * Left out: {@code auth/client-credentials-jwt} and {@code auth/cross-app-access-complete-flow}
 * (extensions we do not implement: private_key_jwt, cross-app access), {@code auth/basic-cimd}
 * (it passes its checks but warns that we register dynamically rather than use a client ID
 * metadata document URL, which a host would have to publish), and the draft scenarios.
 */
class ConformanceClientIT {
    @TempDir
    Path results;

    @ParameterizedTest
    @ValueSource(strings = {"initialize", "tools_call", "elicitation-sep1034-client-defaults", "sse-retry",
            "auth/metadata-default", "auth/metadata-var1", "auth/metadata-var2", "auth/metadata-var3",
            "auth/scope-from-www-authenticate", "auth/scope-from-scopes-supported",
            "auth/scope-omitted-when-undefined", "auth/scope-step-up", "auth/scope-retry-limit",
            "auth/token-endpoint-auth-basic", "auth/token-endpoint-auth-post", "auth/token-endpoint-auth-none",
            "auth/pre-registration", "auth/2025-03-26-oauth-metadata-backcompat",
            "auth/2025-03-26-oauth-endpoint-fallback", "auth/client-credentials-basic"})
    void passesTheClientScenario(String scenario) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String client = java + " -cp " + System.getProperty("java.class.path") + " " + ConformanceClient.class.getName();
        ReferenceServers.SuiteRun run = ReferenceServers.conformance(results, "client", "--command", client,
                "--scenario", scenario);
        assertThat(run.output()).as(scenario).contains("OVERALL: PASSED")
                .containsPattern("Passed: (\\d+)/\\1, 0 failed, 0 warnings");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
