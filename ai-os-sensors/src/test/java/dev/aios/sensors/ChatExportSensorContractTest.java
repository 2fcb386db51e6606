package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import dev.aios.testing.SensorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The Slack-export chat sensor honours the Sensor contract. */
class ChatExportSensorContractTest extends SensorContract {
    @TempDir
    Path dir;

    private final AtomicInteger days = new AtomicInteger();

    @Override
    protected Sensor newSensor() throws Exception {
        if (!Files.exists(dir.resolve("users.json"))) {
            Fixtures.slackExport(dir);
        }
        return ChatExportSensor.builder().slackExport(dir).watch(false).pollInterval(Duration.ofMillis(20)).build();
    }

    @Override
    protected void provokeObservation(Sensor sensor) throws Exception {
        int n = days.incrementAndGet();
        // A new day file in the existing channel, with one new message.
        Files.writeString(dir.resolve("dev").resolve("2025-04-%02d.json".formatted(n)), """
                [{"type": "message", "user": "U01", "text": "contract message %d", "ts": "17430%05d.000100"}]
                """.formatted(n, n));
    }

    @Override
    protected void provokeMalformedInput(Sensor sensor) throws Exception {
        Files.writeString(dir.resolve("dev").resolve("2025-03-31.json"), "[{\"type\": \"message\", \"text\": ");
    }
}
