package dev.aios.sensors.internal;

import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import dev.aios.sensors.TrackerSensor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code tracker} sensor by name. Settings: {@code path} (required: the tracker's JSON file),
 * {@code name}, {@code watch}, {@code pollInterval}.
 */
public final class TrackerSensorFactory implements SensorFactory {
    /** For {@link java.util.ServiceLoader}. */
    public TrackerSensorFactory() {}

    @Override
    public String name() {
        return "tracker";
    }

    @Override
    public Sensor create(Map<String, String> settings) {
        FactorySettings s = new FactorySettings("tracker", settings, Set.of("path", "name", "watch", "pollInterval"));
        return TrackerSensor.of(s.path("path"), s.text("name", "tracker"), s.flag("watch", true),
                s.duration("pollInterval", Duration.ofSeconds(5)));
    }
}
