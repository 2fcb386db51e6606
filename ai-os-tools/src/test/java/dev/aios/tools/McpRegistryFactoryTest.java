package dev.aios.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.Extensions;
import dev.aios.api.spi.ToolRegistryFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpRegistryFactoryTest {

    @TempDir
    Path dir;

    @Test
    void isFoundByNameAndReadsTheMcpServersFile() throws Exception {
        Path config = Files.writeString(dir.resolve("mcp.json"),
                "{\"mcpServers\": {\"remote\": {\"url\": \"http://127.0.0.1:9/mcp\"}}}");
        ToolRegistryFactory factory = Extensions.named(ToolRegistryFactory.class, "mcp");
        ToolRegistry registry = factory.create(Map.of("config", config.toString(), "callTimeout", "PT5S"));
        assertThat(registry).isInstanceOf(McpToolRegistry.class);
        assertThat(((McpToolRegistry) registry).servers()).extracting(McpServerStatus::name).containsExactly("remote");
        ((McpToolRegistry) registry).close();
    }

    @Test
    void namesTheSettingThatIsWrong() {
        ToolRegistryFactory factory = new McpRegistryFactory();
        assertThatThrownBy(() -> factory.create(Map.of())).isInstanceOf(AiOsException.class).hasMessageContaining("'config'");
        assertThatThrownBy(() -> factory.create(Map.of("config", "x", "timeout", "1")))
                .hasMessageContaining("unknown settings [timeout]");
        assertThatThrownBy(() -> factory.create(Map.of("config", dir.resolve("missing.json").toString())))
                .hasMessageContaining("not a file");
    }
}
