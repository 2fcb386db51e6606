package dev.aios.sensors.internal;

import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import dev.aios.sensors.CalendarSensor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code calendar} sensor by name. Settings: {@code path} (required: a folder of ICS files or
 * one file), {@code name}, {@code past} and {@code future} (the recurrence window, ISO-8601,
 * default P7D and P30D), {@code watch}, {@code pollInterval}.
 */
public final class CalendarSensorFactory implements SensorFactory {
    /** For {@link java.util.ServiceLoader}. */
    public CalendarSensorFactory() {}

    @Override
    public String name() {
        return "calendar";
    }

    @Override
    public Sensor create(Map<String, String> settings) {
        FactorySettings s = new FactorySettings("calendar", settings, Set.of("path", "name", "past", "future", "watch", "pollInterval"));
        return CalendarSensor.builder().name(s.text("name", "calendar")).folder(s.path("path"))
                .window(s.duration("past", Duration.ofDays(7)), s.duration("future", Duration.ofDays(30)))
                .watch(s.flag("watch", true)).pollInterval(s.duration("pollInterval", Duration.ofSeconds(5))).build();
    }
}
