package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.toolpacks.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryPackTest {
    private final MapMemory memory = new MapMemory();
    private final ToolPack pack = MemoryPack.builder().memory(memory).build();

    @Test
    void rememberRecallForget() throws Exception {
        ToolResult stored = call(pack, "memory.remember", Map.of("text", "The user's dentist is Dr Jones on Baker Street",
                "tags", List.of("health", "contacts")));
        assertThat(stored.error()).as(stored.text()).isFalse();
        String id = Json.MAPPER.readTree(stored.text()).get("id").asText();
        MemoryRecord record = memory.records.get(id);
        assertThat(record.layer()).isEqualTo(MemoryLayer.LONG_TERM);
        assertThat(record.metadata()).containsEntry("tags", "health,contacts");
        assertThat(record.provenance().isTrusted()).as("planner text is not the user's").isFalse();
        call(pack, "memory.remember", Map.of("text", "Dentist appointments are on Tuesdays", "tags", List.of("health")));

        ToolResult found = call(pack, "memory.recall", Map.of("query", "dentist", "tags", List.of("contacts")));
        assertThat(found.text()).contains(id).contains("Baker Street").doesNotContain("Tuesdays");
        assertThat(found.provenance().isTrusted()).isFalse();
        assertThat(call(pack, "memory.recall", Map.of("query", "dentist", "k", 5)).text()).contains("Tuesdays");

        assertThat(call(pack, "memory.forget", Map.of("id", id)).error()).isFalse();
        assertThat(memory.records).doesNotContainKey(id);
        assertThat(call(pack, "memory.forget", Map.of("id", id)).text()).contains("no memory with id");
        assertThat(call(pack, "memory.recall", Map.of("query", "zebra")).text()).startsWith("no memories match");
    }

    @Test
    void sameIdempotencyKeyWritesOneRecord() {
        Map<String, Object> args = Map.<String, Object>of("text", "likes green tea");
        pack.call(new ToolCall("a", "memory.remember", args, "key-1"));
        pack.call(new ToolCall("b", "memory.remember", args, "key-1"));
        assertThat(memory.records).hasSize(1);
    }

    @Test
    void deniedWithoutMemory() {
        assertThat(call(MemoryPack.builder().build(), "memory.recall", Map.of("query", "x")).text())
                .contains("MemoryPack.builder().memory(memory)");
    }
}
