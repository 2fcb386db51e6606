package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aios.api.AiOsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Disabled;

/**
 * Fuzzes {@link McpServerConfig#parse(String)} with arbitrary JSON: it returns servers with
 * unique names, or throws an {@link AiOsException} whose message names what is wrong; never any
 * other exception.
 *
 * <p>Known defects, being fixed in ai-os-tools' main code at the time of writing: a
 * NullPointerException on 10,000-deep or 30 MB documents, and duplicate names accepted. The
 * corpus here includes inputs for both, so this test stays off in plain runs until that fix
 * lands; {@code JAZZER_FUZZ=1} with {@code -Dtest=McpServerConfigFuzzTest} still fuzzes it on
 * demand, {@code .ci/fuzz-short} leaves it out.
 */
@Disabled("enable when McpServerConfig.parse refuses 10,000-deep documents and duplicate server names"
        + " with an AiOsException (the fix in progress in ai-os-tools); the corpus holds both cases")
class McpServerConfigFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"mcpServers\"", "\"command\"", "\"args\"", "\"env\"", "\"url\"", "\"headers\"", "\"type\"",
            "\"sse\"", "\"http\"", "\"stdio\"", "\"https://example.com/mcp\"", "null"})
    void parseReturnsServersOrSaysWhatIsWrong(String json) {
        List<McpServerConfig> servers;
        try {
            servers = McpServerConfig.parse(json);
        } catch (AiOsException refused) {
            assertThat(refused.getMessage()).as("a refusal says what is wrong").isNotBlank();
            return;
        }
        Set<String> names = new HashSet<>();
        for (McpServerConfig server : servers) {
            assertThat(names.add(server.name())).as("server names are unique: %s", server.name()).isTrue();
        }
    }
}
