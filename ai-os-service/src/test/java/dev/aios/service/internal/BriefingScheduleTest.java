package dev.aios.service.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.sensors.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BriefingScheduleTest {

    @Test
    void plansTheNextTimeInTheConfiguredZone() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        // Friday 2026-12-04 09:00 in Oslo: the next weekday 8:00 is Monday.
        Clock clock = Clock.fixed(ZonedDateTime.of(2026, 12, 4, 9, 0, 0, 0, oslo).toInstant(), ZoneId.of("UTC"));
        try (BriefingSchedule schedule = new BriefingSchedule(Schedule.parse("briefing", "every weekday at 8:00"), oslo,
                clock, () -> { })) {
            schedule.start();
            assertThat(schedule.nextRun()).isEqualTo(ZonedDateTime.of(2026, 12, 7, 8, 0, 0, 0, oslo));
        }
    }

    @Test
    void firesWhenDueAndGoesOnAfterAFailingRun() throws Exception {
        ZoneId zone = ZoneId.of("UTC");
        CountDownLatch fired = new CountDownLatch(2);
        // A clock that says it is always one millisecond before the next minute: each plan is due at once.
        Clock almost = new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant now = Instant.now();
                return now.minusMillis(now.toEpochMilli() % 60_000).plusSeconds(60).minusMillis(1);
            }
        };
        Schedule everyMinute = new Schedule("t", "every minute", java.util.EnumSet.allOf(java.time.DayOfWeek.class),
                java.util.stream.IntStream.range(0, 24 * 60).mapToObj(m -> java.time.LocalTime.of(m / 60, m % 60)).toList());
        try (BriefingSchedule schedule = new BriefingSchedule(everyMinute, zone, almost, () -> {
            fired.countDown();
            throw new IllegalStateException("the first briefing failed");
        })) {
            schedule.start();
            assertThat(fired.await(10, TimeUnit.SECONDS)).as("fired twice, the failure notwithstanding").isTrue();
        }
    }
}
