package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.aios.api.Observation;
import dev.aios.api.spi.Sensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Sensor} honours, as an abstract JUnit 5 test class: a sensor's name is
 * stable, it reports observations to its sink once started, a malformed item in the watched source
 * does not stop it, closing ends delivery, and closing twice is harmless (as
 * {@link AutoCloseable} asks of implementations). It asserts only what {@link Sensor}'s javadoc
 * promises, so a sensor that passes works under the awareness daemon.
 *
 * <p>To run it against your own sensor, add {@code dev.aios:ai-os-testing} in test scope and
 * extend this class; JUnit runs the inherited tests:
 * {@snippet :
 * class InboxSensorContractTest extends SensorContract {
 *     @TempDir Path inbox;
 *
 *     @Override
 *     protected Sensor newSensor() {
 *         return new InboxSensor(inbox);          // watches the same source on every call
 *     }
 *
 *     @Override
 *     protected void provokeObservation(Sensor sensor) throws Exception {
 *         Files.writeString(inbox.resolve(UUID.randomUUID() + ".eml"), "Subject: hi\n\nhello");
 *     }
 *
 *     @Override
 *     protected void provokeMalformedInput(Sensor sensor) throws Exception {
 *         Files.write(inbox.resolve("broken.eml"), new byte[] {0, 1, 2});
 *     }
 * }
 * }
 * Each test gets a fresh sensor from {@link #newSensor()} (one call per test, except where a test
 * says otherwise) and closes it. Observations are collected by a thread-safe sink and awaited for
 * up to {@link #deliveryTimeout()}, so sensors that report from their own threads pass without
 * sleeps in your code.
 */
public abstract class SensorContract {
    /** Subclasses are JUnit test classes; JUnit creates them. */
    protected SensorContract() {}

    /**
     * @return a new, unstarted sensor over the source this test instance prepared; each call
     *     watches the same source
     * @throws Exception if the source cannot be prepared
     */
    protected abstract Sensor newSensor() throws Exception;

    /**
     * Changes the watched source so that the started {@code sensor} reports at least one new
     * observation: deliver a mail, move a clock past a schedule, append to a file. Sensors that
     * only look when asked may be asked here (a scan), since the contract is about what is
     * reported, not about how quickly a watch notices.
     *
     * @param sensor the sensor under test, started
     * @throws Exception if the source cannot be changed
     */
    protected abstract void provokeObservation(Sensor sensor) throws Exception;

    /**
     * Puts something malformed into the watched source (a file that is not a mail, a calendar
     * that does not parse). The default does nothing, for sensors whose source cannot hold
     * malformed input (a clock).
     *
     * @param sensor the sensor under test, started
     * @throws Exception if the source cannot be changed
     */
    protected void provokeMalformedInput(Sensor sensor) throws Exception {}

    /** @return how long the tests wait for an observation to arrive; 10 seconds by default */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    /** @return how long the tests watch for observations that must not come; 300 ms by default */
    protected Duration quietPeriod() {
        return Duration.ofMillis(300);
    }

    @Test
    void hasANonBlankNameThatStartingAndClosingDoNotChange() throws Exception {
        Sensor sensor = newSensor();
        String name;
        try (sensor) {
            name = sensor.name();
            assertThat(name).as("sensor name").isNotBlank();
            sensor.start(new Sink());
            assertThat(sensor.name()).as("name after start").isEqualTo(name);
        }
        assertThat(sensor.name()).as("name after close").isEqualTo(name);
    }

    @Test
    void reportsWhatChangesInItsSourceToTheSink() throws Exception {
        Sink sink = new Sink();
        try (Sensor sensor = newSensor()) {
            sensor.start(sink);
            provokeObservation(sensor);

            List<Observation> seen = sink.awaitAtLeast(1, deliveryTimeout());
            assertThat(seen).as("observations after a change in the source").isNotEmpty();
            assertThat(seen).allSatisfy(o -> assertThat(o.id()).as("observation id").isNotBlank());
        }
    }

    @Test
    void keepsReportingAfterMalformedInput() throws Exception {
        Sink sink = new Sink();
        try (Sensor sensor = newSensor()) {
            sensor.start(sink);
            provokeMalformedInput(sensor);
            provokeObservation(sensor);

            assertThat(sink.awaitAtLeast(1, deliveryTimeout()))
                    .as("observations after malformed input, then a good change").isNotEmpty();
        }
    }

    @Test
    void reportsNothingAfterClose() throws Exception {
        Sink sink = new Sink();
        Sensor sensor = newSensor();
        try (sensor) { // closed even when start fails; closing again is part of the contract
            sensor.start(sink);
        }
        int before = sink.size();

        provokeObservation(sensor);
        Thread.sleep(quietPeriod().toMillis());

        assertThat(sink.size()).as("observations delivered after close").isEqualTo(before);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        Sensor sensor = newSensor();
        try (sensor) {
            sensor.start(new Sink());
        }

        assertThatCode(sensor::close).as("a second close").doesNotThrowAnyException();
    }

    /** A thread-safe sink that lets a test wait for deliveries. */
    private static final class Sink implements Consumer<Observation> {
        private final List<Observation> received = new ArrayList<>();

        @Override
        public synchronized void accept(Observation observation) {
            received.add(observation);
            notifyAll();
        }

        synchronized int size() {
            return received.size();
        }

        synchronized List<Observation> awaitAtLeast(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(received);
        }
    }
}
