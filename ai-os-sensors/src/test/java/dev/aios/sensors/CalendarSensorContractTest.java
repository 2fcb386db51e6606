package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import dev.aios.testing.SensorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The calendar sensor over a folder of ICS files honours the Sensor contract. */
class CalendarSensorContractTest extends SensorContract {
    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    @TempDir
    Path dir;

    private final AtomicInteger written = new AtomicInteger();

    @Override
    protected Sensor newSensor() throws Exception {
        Files.createDirectories(dir.resolve("calendar"));
        // Polling only, and often: the contract is about what is reported, not about the watch service.
        return CalendarSensor.builder().folder(dir.resolve("calendar")).watch(false)
                .pollInterval(Duration.ofMillis(20)).build();
    }

    @Override
    protected void provokeObservation(Sensor sensor) throws Exception {
        int n = written.incrementAndGet();
        // An event tomorrow, inside any sensible look-ahead window of the real clock.
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0);
        Files.writeString(dir.resolve("calendar").resolve("event-" + n + ".ics"), """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//AI-OS//contract//EN
                BEGIN:VEVENT
                UID:contract-%d@example.com
                DTSTAMP:%s
                DTSTART:%s
                DTEND:%s
                SUMMARY:Contract meeting %d
                END:VEVENT
                END:VCALENDAR
                """.formatted(n, ICS_TIME.format(start), ICS_TIME.format(start), ICS_TIME.format(start.plusHours(1)),
                n));
    }

    @Override
    protected void provokeMalformedInput(Sensor sensor) throws Exception {
        Files.writeString(dir.resolve("calendar").resolve("broken.ics"), Fixtures.BROKEN_ICS);
    }
}
