package dev.aios.sensors.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import dev.aios.sensors.ClockSensor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code clock} sensor by name. Settings: {@code schedules} (required: {@code name=rule}
 * pairs separated by {@code ;}, such as
 * {@code briefing=every weekday at 8:00; review=every friday at 16:00}), {@code name},
 * {@code checkInterval} (ISO-8601, default PT1S).
 */
public final class ClockSensorFactory implements SensorFactory {
    /** For {@link java.util.ServiceLoader}. */
    public ClockSensorFactory() {}

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public Sensor create(Map<String, String> settings) {
        FactorySettings s = new FactorySettings("clock", settings, Set.of("schedules", "name", "checkInterval"));
        String schedules = s.text("schedules");
        if (schedules == null || schedules.isBlank()) {
            throw AiOsException.permanent("the clock sensor needs the setting 'schedules', such as "
                    + "'briefing=every weekday at 8:00; review=every friday at 16:00'");
        }
        ClockSensor.Builder builder = ClockSensor.builder().name(s.text("name", "clock"))
                .checkInterval(s.duration("checkInterval", Duration.ofSeconds(1)));
        for (String entry : schedules.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw AiOsException.permanent("setting 'schedules' of the clock sensor: '" + entry.strip()
                        + "' is not name=rule, such as briefing=every weekday at 8:00");
            }
            builder.schedule(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return builder.build();
    }
}
