package dev.aios.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.spi.Extensions;
import dev.aios.api.spi.Sensor;
import dev.aios.api.spi.SensorFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorFactoriesTest {
    @TempDir
    Path dir;

    @Test
    void everySensorIsFoundByName() {
        assertThat(Extensions.all(SensorFactory.class)).extracting(SensorFactory::name)
                .contains("mail", "calendar", "chat", "tracker", "clock");
        try (Sensor mail = Extensions.named(SensorFactory.class, "mail")
                .create(Map.of("path", dir.resolve("inbox.mbox").toString(), "layout", "mbox", "pollInterval", "PT1S"))) {
            assertThat(mail).isInstanceOf(MailSensor.class);
        }
        try (Sensor clock = Extensions.named(SensorFactory.class, "clock")
                .create(Map.of("schedules", "briefing=every weekday at 8:00; review=every friday at 16:00"))) {
            assertThat(((ClockSensor) clock).schedules()).extracting(Schedule::name).containsExactly("briefing", "review");
        }
    }

    @Test
    void unknownOrInvalidSettingsAreErrorsNamingTheKey() {
        SensorFactory calendar = Extensions.named(SensorFactory.class, "calendar");
        assertThatThrownBy(() -> calendar.create(Map.of("path", dir.toString(), "folder", "x")))
                .isInstanceOf(AiOsException.class).hasMessageContaining("[folder]");
        assertThatThrownBy(() -> calendar.create(Map.of("path", dir.toString(), "past", "a week")))
                .hasMessageContaining("'past'");
        assertThatThrownBy(() -> Extensions.named(SensorFactory.class, "chat").create(Map.of()))
                .hasMessageContaining("'path'");
        assertThatThrownBy(() -> Extensions.named(SensorFactory.class, "mail").create(Map.of("path", "x", "layout", "pst")))
                .hasMessageContaining("'layout'");
    }
}
