package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import dev.aios.testing.SensorContract;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The clock sensor honours the Sensor contract; a fake clock moves it past its schedule. */
class ClockSensorContractTest extends SensorContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-07T07:00:00Z"), ZoneOffset.UTC);

    @Override
    protected Sensor newSensor() {
        return ClockSensor.builder().clock(clock).checkInterval(Duration.ofMillis(10))
                .schedule("daily", "every day at 8:00").build();
    }

    @Override
    protected void provokeObservation(Sensor sensor) {
        clock.set(clock.instant().plus(Duration.ofDays(1))); // past one 8:00
    }
}
