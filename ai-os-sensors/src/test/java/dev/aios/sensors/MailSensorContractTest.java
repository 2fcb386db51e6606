package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import dev.aios.testing.SensorContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The folder-based mail sensor over a Maildir honours the Sensor contract. */
class MailSensorContractTest extends SensorContract {
    @TempDir
    Path dir;

    private final AtomicInteger delivered = new AtomicInteger();

    @Override
    protected Sensor newSensor() {
        // Polling only, and often: the contract is about what is reported, not about the watch service.
        return MailSensor.builder().maildir(dir.resolve("INBOX")).watch(false).pollInterval(Duration.ofMillis(20)).build();
    }

    @Override
    protected void provokeObservation(Sensor sensor) throws Exception {
        int n = delivered.incrementAndGet();
        Fixtures.deliver(dir.resolve("INBOX"), "17410000%02d.M%dP1.host".formatted(n, n),
                Fixtures.THREAD_ROOT.replace("budget-1@example.com", "contract-" + n + "@example.com"));
    }

    @Override
    protected void provokeMalformedInput(Sensor sensor) throws Exception {
        Fixtures.deliver(dir.resolve("INBOX"), "1741999999.M0P1.host", Fixtures.MALFORMED);
    }
}
