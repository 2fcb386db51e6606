package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Json;
import java.awt.GraphicsEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPackTest {
    private static final ToolPack SYSTEM = SystemPack.builder().build();

    private static JsonNode json(String tool) throws Exception {
        ToolResult r = call(SYSTEM, tool, Map.of());
        assertThat(r.error()).as(r.text()).isFalse();
        return Json.MAPPER.readTree(r.text());
    }

    @Test
    void realMachineFacts() throws Exception {
        JsonNode info = json("system.info");
        assertThat(info.get("logicalCores").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(info.get("os").asText()).isNotBlank();
        JsonNode cpu = json("system.cpu");
        assertThat(cpu.get("perCorePercent").size()).isEqualTo(info.get("logicalCores").asInt());
        assertThat(json("system.memory").at("/ram/totalBytes").asLong()).isPositive();
        assertThat(json("system.disk").size()).isGreaterThanOrEqualTo(0);
        JsonNode top = Json.MAPPER.readTree(call(SYSTEM, "system.processes", Map.of("sortBy", "memory", "limit", 3)).text());
        assertThat(top.size()).isBetween(1, 3);
        assertThat(top.get(0).get("pid").asInt()).isPositive();
        assertThat(top.get(0).has("commandLine")).isFalse();
        assertThat(json("system.network").isArray()).isTrue();
        ToolResult battery = call(SYSTEM, "system.battery", Map.of());
        assertThat(battery.error()).isFalse();
        assertThat(battery.text()).satisfiesAnyOf(t -> assertThat(t).startsWith("no battery"),
                t -> assertThat(t).contains("chargePercent"));
    }

    @Test
    void notifyAndClipboardDeniedUnlessAllowed() {
        assertThat(call(SYSTEM, "system.notify", Map.of("title", "t", "message", "m")).text())
                .contains("allowNotifications()");
        assertThat(call(SYSTEM, "system.clipboard_read", Map.of()).text()).contains("allowClipboard()");
        assertThat(call(SYSTEM, "system.clipboard_write", Map.of("text", "x")).text()).contains("allowClipboard()");
    }

    @Test
    void withoutDisplayAClearError() {
        assumeTrue(System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null,
                "this machine has a display; the no-display errors cannot be seen here");
        assumeTrue(GraphicsEnvironment.isHeadless(), "AWT is not headless here");
        ToolPack allowed = SystemPack.builder().allowNotifications().allowClipboard().build();
        assertThat(call(allowed, "system.notify", Map.of("title", "t", "message", "m")).text()).contains("no display");
        assertThat(call(allowed, "system.clipboard_read", Map.of()).text()).contains("no display");
        assertThat(call(allowed, "system.clipboard_write", Map.of("text", "x")).text()).contains("no display");
    }
}
