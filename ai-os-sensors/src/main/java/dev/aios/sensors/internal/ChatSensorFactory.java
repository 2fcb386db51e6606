package dev.aios.sensors.internal;

import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import dev.aios.sensors.ChatExportSensor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code chat} sensor by name, over a Slack export. Settings: {@code path} (required),
 * {@code name}, {@code watch}, {@code pollInterval}.
 */
public final class ChatSensorFactory implements SensorFactory {
    /** For {@link java.util.ServiceLoader}. */
    public ChatSensorFactory() {}

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public Sensor create(Map<String, String> settings) {
        FactorySettings s = new FactorySettings("chat", settings, Set.of("path", "name", "watch", "pollInterval"));
        return ChatExportSensor.builder().name(s.text("name", "chat")).slackExport(s.path("path"))
                .watch(s.flag("watch", true)).pollInterval(s.duration("pollInterval", Duration.ofSeconds(5))).build();
    }
}
