package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Observation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClockSensorTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(int day, int hour, int minute) {
        return ZonedDateTime.of(2025, 3, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    @Test
    void firesOnScheduleAsTheFakeClockMoves() throws Exception {
        MutableClock clock = new MutableClock(at(7, 7, 0), BERLIN); // Friday 07:00
        Fixtures.Collector sink = new Fixtures.Collector();
        try (ClockSensor sensor = ClockSensor.builder().clock(clock).checkInterval(Duration.ofMillis(10))
                .schedule("briefing", "every weekday at 8:00").schedule("review", "every monday at 9:00").build()) {
            sensor.start(sink);
            Thread.sleep(50);
            assertThat(sink.all).isEmpty();

            clock.set(at(7, 8, 0)); // Friday 08:00: due
            Fixtures.await("Friday's briefing", () -> sink.all.size() == 1);
            Observation friday = sink.all.get(0);
            assertThat(friday.id()).isEqualTo("clock:briefing:2025-03-07T08:00");
            assertThat(friday.source()).isEqualTo("clock");
            assertThat(friday.at()).isEqualTo(at(7, 8, 0));
            assertThat(friday.attributes()).containsEntry("schedule", "briefing").containsEntry("rule", "every weekday at 8:00");

            clock.set(at(10, 9, 30)); // over the weekend to Monday 09:30: Monday's briefing and review
            Fixtures.await("Monday's briefing and review", () -> sink.all.size() == 3);
            assertThat(sink.all).extracting(Observation::id).containsExactly("clock:briefing:2025-03-07T08:00",
                    "clock:briefing:2025-03-10T08:00", "clock:review:2025-03-10T09:00");
        }
    }

    @Test
    void afterARestartReportsWhatWasDueWhileStoppedAndNothingTwice() {
        MutableClock clock = new MutableClock(at(7, 7, 0), BERLIN);
        Fixtures.Collector sink = new Fixtures.Collector();
        Map<String, String> saved;
        try (ClockSensor sensor = ClockSensor.builder().clock(clock).checkInterval(Duration.ofHours(1))
                .schedule("briefing", "every weekday at 8:00").build()) {
            sensor.start(sink);
            clock.set(at(7, 8, 30));
            sensor.tick();
            saved = sensor.checkpoint();
        }
        clock.set(at(11, 12, 0)); // stopped over the weekend until Tuesday noon
        try (ClockSensor sensor = ClockSensor.builder().clock(clock).checkInterval(Duration.ofHours(1))
                .schedule("briefing", "every weekday at 8:00").build()) {
            sensor.resume(saved);
            sensor.start(sink);
            sensor.tick();
            sensor.tick();
        }
        assertThat(sink.all).extracting(Observation::id).containsExactly("clock:briefing:2025-03-07T08:00",
                "clock:briefing:2025-03-10T08:00", "clock:briefing:2025-03-11T08:00");
    }
}
