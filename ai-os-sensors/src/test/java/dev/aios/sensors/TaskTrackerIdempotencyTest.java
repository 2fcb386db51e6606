package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tracker.create and tracker.update do their change once per idempotency key, across restarts too. */
class TaskTrackerIdempotencyTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);

    private TaskTracker tracker() {
        return TaskTracker.open(dir.resolve("tracker.json"), clock);
    }

    private static ToolCall create(String id, String title, String key) {
        return new ToolCall(id, "tracker.create", Map.of("title", title, "labels", List.of("bug")), key);
    }

    @Test
    void declaresThatItsChangingToolsAcceptKeys() {
        TaskTracker tracker = tracker();
        assertThat(tracker.find("tracker.create").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        assertThat(tracker.find("tracker.update").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        assertThat(tracker.find("tracker.list").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();
    }

    @Test
    void theSameKeyFilesOneItemAndAnswersAsTheFirstTime() {
        TaskTracker tracker = tracker();
        ToolResult first = tracker.call(create("a", "Mailer crashes", "run-1/s1"));
        clock.advance(java.time.Duration.ofMinutes(5));
        // The item changes in between: the repeated call still answers what the first call did.
        tracker.update("T-1", Map.of("status", "in-progress"));
        ToolResult again = tracker.call(create("b", "Mailer crashes", "run-1/s1"));
        assertThat(first.error()).isFalse();
        assertThat(again).isEqualTo(first);
        assertThat(tracker.items()).hasSize(1);
    }

    @Test
    void differentKeysOrNoKeyFileTwoItems() {
        TaskTracker tracker = tracker();
        tracker.call(create("a", "Mailer crashes", "k-1"));
        ToolResult second = tracker.call(create("b", "Mailer crashes", "k-2"));
        tracker.call(create("c", "Mailer crashes", null));
        tracker.call(create("d", "Mailer crashes", null));
        assertThat(second.text()).contains("\"id\":\"T-2\"");
        assertThat(tracker.items()).extracting(TrackerItem::id).containsExactly("T-1", "T-2", "T-3", "T-4");
    }

    @Test
    void aFreshTrackerOverTheSameFileRecognisesTheKey() throws Exception {
        ToolResult first = tracker().call(create("a", "Mailer crashes", "run-1/s1"));
        ToolResult updated = tracker().call(new ToolCall("u", "tracker.update", Map.of("id", "T-1", "status", "done"),
                "run-1/s2"));

        TaskTracker restarted = tracker(); // as after the process was killed
        assertThat(restarted.call(create("a2", "Mailer crashes", "run-1/s1"))).isEqualTo(first);
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(restarted.call(new ToolCall("u2", "tracker.update", Map.of("id", "T-1", "status", "done"),
                "run-1/s2"))).isEqualTo(updated);
        assertThat(restarted.items()).singleElement().satisfies(i -> assertThat(i.version()).isEqualTo(2));
        // Keys live in the tracker file itself, written with the change; a plain write keeps them.
        restarted.create("Another", "", "", List.of());
        assertThat(Files.readString(dir.resolve("tracker.json"))).contains("run-1/s1", "run-1/s2");
        assertThat(tracker().call(create("a3", "Mailer crashes", "run-1/s1"))).isEqualTo(first);
    }

    @Test
    void aFailedCallRecordsNoKey() {
        TaskTracker tracker = tracker();
        ToolResult missing = tracker.call(new ToolCall("u", "tracker.update", Map.of("id", "T-9", "status", "done"), "k"));
        assertThat(missing.error()).isTrue();
        tracker.create("Now there is one", "", "", List.of());
        assertThat(tracker.call(new ToolCall("u", "tracker.update", Map.of("id", "T-1", "status", "done"), "k")).error())
                .isFalse();
    }
}
