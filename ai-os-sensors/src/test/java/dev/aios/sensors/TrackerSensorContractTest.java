package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import dev.aios.testing.SensorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The tracker sensor over a task tracker's file honours the Sensor contract. */
class TrackerSensorContractTest extends SensorContract {
    @TempDir
    Path dir;

    private final AtomicInteger created = new AtomicInteger();
    private boolean broken;

    @Override
    protected Sensor newSensor() {
        return TrackerSensor.of(dir.resolve("tracker.json"), "tracker", false, Duration.ofMillis(20));
    }

    @Override
    protected void provokeObservation(Sensor sensor) throws Exception {
        int n = created.incrementAndGet();
        if (broken) {
            // The tracker refuses to overwrite a malformed file; the user moves it away, as its error says.
            Files.move(dir.resolve("tracker.json"), dir.resolve("tracker.json.broken"));
            broken = false;
        }
        // Another writer of the same file: the tracker the user (or another process) works in.
        TaskTracker.open(dir.resolve("tracker.json"))
                .create("Contract item " + n, "filed by the sensor contract", "contract", List.of());
    }

    @Override
    protected void provokeMalformedInput(Sensor sensor) throws Exception {
        Files.writeString(dir.resolve("tracker.json"), "{ this is not a tracker file");
        broken = true;
    }
}
