package dev.aios.toolpacks.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every tool of the mail, calendar and contacts packs must offer a planner. */
class PackContractTest {
    @Test
    void everyToolIsDescribedAndChecksItsArguments(@TempDir Path dir) throws Exception {
        List<ToolPack> packs = List.of(MailPack.builder().build(), CalendarPack.builder().root(dir).build(),
                ContactsPack.builder().root(dir).build());
        Set<String> names = new HashSet<>();
        int tools = 0;
        for (ToolPack pack : packs) {
            for (ToolDescriptor tool : pack.tools()) {
                tools++;
                assertThat(names.add(tool.name())).as("unique " + tool.name()).isTrue();
                assertThat(tool.name()).startsWith(pack.name() + ".");
                assertThat(tool.description()).as(tool.name()).isNotBlank();
                JsonNode schema = Json.MAPPER.readTree(tool.inputSchema());
                assertThat(schema.isObject()).isTrue();
                assertThat(schema.get("type").asText()).isEqualTo("object");
                assertThat(schema.get("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
                if (pack.name().equals("mail")) {
                    assertThat(tool.risk().openWorld()).as(tool.name()).isTrue();
                } else {
                    assertThat(tool.risk().openWorld()).as(tool.name()).isFalse();
                }
                JsonNode required = schema.get("required");
                if (required != null && !required.isEmpty()) {
                    String missing = required.get(0).asText();
                    ToolResult result = pack.call(new ToolCall("c", tool.name(), Map.of()));
                    assertThat(result.error()).as(tool.name()).isTrue();
                    assertThat(result.text()).as(tool.name()).contains(missing);
                }
            }
        }
        assertThat(tools).isEqualTo(17);
        ToolDescriptor send = packs.get(0).find("mail.send").orElseThrow();
        assertThat(send.risk().acceptsIdempotencyKey()).isTrue();
        assertThat(send.risk().level()).isEqualTo(dev.aios.api.ToolRisk.Level.DESTRUCTIVE);
        assertThat(packs.get(0).find("mail.delete").orElseThrow().risk().level())
                .isEqualTo(dev.aios.api.ToolRisk.Level.SIDE_EFFECTING);
    }
}
