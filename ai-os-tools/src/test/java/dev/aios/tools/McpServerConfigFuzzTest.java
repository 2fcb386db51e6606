package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aios.api.AiOsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes {@link McpServerConfig#parse(String)} with arbitrary JSON: it returns servers with
 * unique names, or throws an {@link AiOsException} whose message names what is wrong; never any
 * other exception.
 *
 * <p>The corpus holds the inputs of the defects fuzzing found earlier: a 10,000-deep document
 * and a duplicate server name (both refused with a clear error since).
 */
class McpServerConfigFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"mcpServers\"", "\"command\"", "\"args\"", "\"env\"", "\"url\"", "\"headers\"", "\"type\"",
            "\"sse\"", "\"http\"", "\"stdio\"", "\"https://example.com/mcp\"", "null"})
    void parseReturnsServersOrSaysWhatIsWrong(String json) {
        if (json == null) { // Jazzer's first input: null is refused by name, not parsed
            try {
                McpServerConfig.parse((String) null);
            } catch (NullPointerException expected) {
                if (expected.getMessage() == null || !expected.getMessage().contains("json")) {
                    throw expected;
                }
            }
            return;
        }
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
