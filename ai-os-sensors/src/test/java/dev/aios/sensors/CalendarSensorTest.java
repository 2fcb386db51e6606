package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarSensorTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-12T12:00:00Z"), ZoneOffset.UTC);

    private CalendarSensor sensor(Path folder) {
        return CalendarSensor.builder().folder(folder).clock(clock).window(Duration.ofDays(14), Duration.ofDays(14))
                .watch(false).pollInterval(Duration.ofHours(1)).build();
    }

    @Test
    void expandsAWeeklyMeetingWithinTheWindowWithAttendees() throws Exception {
        Files.writeString(dir.resolve("work.ics"), Fixtures.WEEKLY_ICS);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (CalendarSensor sensor = sensor(dir)) {
            sensor.start(sink);
            sensor.scanNow();
        }
        // Window 2025-02-26 .. 2025-03-26: Mondays 3, 10, 17, 24 March, plus the one-off review.
        assertThat(sink.byId.keySet()).containsExactlyInAnyOrder(
                "calendar:weekly-sync@example.com@2025-03-03T09:00:00Z",
                "calendar:weekly-sync@example.com@2025-03-10T09:00:00Z",
                "calendar:weekly-sync@example.com@2025-03-17T09:00:00Z",
                "calendar:weekly-sync@example.com@2025-03-24T09:00:00Z",
                "calendar:budget-review@example.com@2025-03-06T14:00:00Z");
        Observation sync = sink.byId.get("calendar:weekly-sync@example.com@2025-03-17T09:00:00Z");
        assertThat(sync.at()).isEqualTo(Instant.parse("2025-03-17T09:00:00Z"));
        assertThat(sync.attributes())
                .containsEntry("summary", "Team sync")
                .containsEntry("end", "2025-03-17T09:30:00Z")
                .containsEntry("location", "Room 4.2")
                .containsEntry("organizer", "Alice Martin <alice@example.com>")
                .containsEntry("attendees", "Bob Stone <bob@example.com>, Sam Lee <sam@example.com>")
                .containsEntry("recurring", "true");
        assertThat(sync.text()).contains("Team sync", "Room 4.2", "Weekly status, blockers and plans.");
    }

    @Test
    void aBrokenIcsFileIsSkippedAndTheOthersAreKept() throws Exception {
        Files.writeString(dir.resolve("broken.ics"), Fixtures.BROKEN_ICS);
        Files.writeString(dir.resolve("work.ics"), Fixtures.WEEKLY_ICS);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (CalendarSensor sensor = sensor(dir)) {
            sensor.start(sink);
            sensor.scanNow();
        }
        assertThat(sink.all).hasSize(5).allSatisfy(o -> assertThat(o.attributes().get("file")).endsWith("work.ics"));
    }

    @Test
    void occurrencesEnteringTheWindowAreReportedAsTimePasses() throws Exception {
        Files.writeString(dir.resolve("work.ics"), Fixtures.WEEKLY_ICS);
        Fixtures.Collector sink = new Fixtures.Collector();
        try (CalendarSensor sensor = sensor(dir)) {
            sensor.start(sink);
            sensor.scanNow();
            clock.advance(Duration.ofDays(7));
            sensor.scanNow();
        }
        assertThat(sink.byId).containsKey("calendar:weekly-sync@example.com@2025-03-31T09:00:00Z");
    }
}
