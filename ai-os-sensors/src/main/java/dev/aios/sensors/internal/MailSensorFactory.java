package dev.aios.sensors.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import dev.aios.sensors.MailSensor;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code mail} sensor by name. Settings: {@code path} (required), {@code layout}
 * ({@code maildir}, the default, or {@code mbox}), {@code name}, {@code watch} (true/false),
 * {@code pollInterval} (ISO-8601, default PT5S).
 */
public final class MailSensorFactory implements SensorFactory {
    /** For {@link java.util.ServiceLoader}. */
    public MailSensorFactory() {}

    @Override
    public String name() {
        return "mail";
    }

    @Override
    public Sensor create(Map<String, String> settings) {
        FactorySettings s = new FactorySettings("mail", settings, Set.of("path", "layout", "name", "watch", "pollInterval"));
        MailSensor.Builder builder = MailSensor.builder().name(s.text("name", "mail")).watch(s.flag("watch", true))
                .pollInterval(s.duration("pollInterval", Duration.ofSeconds(5)));
        String layout = s.text("layout", "maildir");
        return switch (layout) {
            case "maildir" -> builder.maildir(s.path("path")).build();
            case "mbox" -> builder.mbox(s.path("path")).build();
            default -> throw AiOsException.permanent("setting 'layout' of the mail sensor must be maildir or mbox, was '"
                    + layout + "'");
        };
    }
}
