package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.Observation;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskTrackerTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void offersReadOnlyAndSideEffectingTools() {
        TaskTracker tracker = TaskTracker.open(dir.resolve("tracker.json"), clock);
        assertThat(tracker.tools()).extracting(ToolDescriptor::name)
                .containsExactly("tracker.list", "tracker.search", "tracker.create", "tracker.update");
        assertThat(tracker.find("tracker.list").orElseThrow().risk().readOnly()).isTrue();
        assertThat(tracker.find("tracker.search").orElseThrow().risk().readOnly()).isTrue();
        assertThat(tracker.find("tracker.create").orElseThrow().risk().readOnly()).isFalse();
        assertThat(tracker.find("tracker.update").orElseThrow().risk().readOnly()).isFalse();
    }

    @Test
    void createsListsSearchesAndUpdatesThroughTools() {
        TaskTracker tracker = TaskTracker.open(dir.resolve("tracker.json"), clock);
        ToolResult created = tracker.call(new ToolCall("1", "tracker.create", Map.of("title", "Mailer crashes on empty inbox",
                "description", "NPE in InboxView", "project", "mailer", "labels", List.of("bug"))));
        assertThat(created.error()).isFalse();
        assertThat(created.text()).contains("\"id\":\"T-1\"", "\"status\":\"open\"");
        tracker.create("Write release notes", "", "docs", List.of());

        assertThat(tracker.call(new ToolCall("2", "tracker.list", Map.of("project", "mailer"))).text())
                .contains("T-1").doesNotContain("T-2");
        assertThat(tracker.call(new ToolCall("3", "tracker.search", Map.of("query", "inbox crash bug"))).text())
                .startsWith("[{\"id\":\"T-1\"");

        clock.advance(Duration.ofHours(1));
        ToolResult updated = tracker.call(new ToolCall("4", "tracker.update", Map.of("id", "T-1", "status", "done")));
        assertThat(updated.error()).isFalse();
        TrackerItem item = tracker.item("T-1").orElseThrow();
        assertThat(item.status()).isEqualTo("done");
        assertThat(item.version()).isEqualTo(2);
        assertThat(item.updated()).isEqualTo(Instant.parse("2025-03-04T11:00:00Z"));
        // A second tracker over the same file sees the same items: the file is the truth.
        assertThat(TaskTracker.open(dir.resolve("tracker.json")).items()).hasSize(2);
    }

    @Test
    void badArgumentsAreToolErrorsThatSayWhatIsWrong() {
        TaskTracker tracker = TaskTracker.open(dir.resolve("tracker.json"), clock);
        assertThat(tracker.call(new ToolCall("1", "tracker.create", Map.of("title", "x", "priority", "high"))))
                .satisfies(r -> assertThat(r.error()).isTrue())
                .satisfies(r -> assertThat(r.text()).contains("priority"));
        assertThat(tracker.call(new ToolCall("2", "tracker.update", Map.of("id", "T-9", "status", "done"))).text())
                .contains("no tracker item 'T-9'");
        tracker.create("a", "", "", List.of());
        assertThat(tracker.call(new ToolCall("3", "tracker.update", Map.of("id", "T-1", "status", "finished"))).text())
                .contains("'finished'");
        assertThatThrownBy(() -> tracker.call(new ToolCall("4", "tracker.delete", Map.of())))
                .isInstanceOf(AiOsException.class).hasMessageContaining("tracker.delete");
    }

    @Test
    void aMalformedTrackerFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("tracker.json");
        Files.writeString(file, "{\"items\": [ oops");
        TaskTracker tracker = TaskTracker.open(file, clock);
        assertThat(tracker.call(new ToolCall("1", "tracker.create", Map.of("title", "x"))).text())
                .contains("malformed").contains(file.toString());
        assertThat(Files.readString(file)).isEqualTo("{\"items\": [ oops");
    }

    @Test
    void theSensorReportsCreationsAndUpdates() throws Exception {
        TaskTracker tracker = TaskTracker.open(dir.resolve("tracker.json"), clock);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (TrackerSensor sensor = TrackerSensor.of(tracker.file(), "tracker", true, Duration.ofMillis(50))) {
            sensor.start(sink);
            tracker.create("Mailer crashes on empty inbox", "NPE", "mailer", List.of("bug"));
            Fixtures.await("the new item", () -> sink.byId.containsKey("tracker:T-1:v1"));
            tracker.update("T-1", Map.of("status", "in-progress"));
            Fixtures.await("the update", () -> sink.byId.containsKey("tracker:T-1:v2"));
        }
        Observation update = sink.byId.get("tracker:T-1:v2");
        assertThat(update.attributes()).containsEntry("status", "in-progress").containsEntry("change", "updated")
                .containsEntry("project", "mailer").containsEntry("labels", "bug");
        assertThat(update.text()).startsWith("T-1 [in-progress] Mailer crashes on empty inbox (mailer)");
    }
}
