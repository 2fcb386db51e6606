package dev.aios.sensors;

import dev.aios.api.spi.Sensor;
import java.util.Map;

/**
 * A {@link Sensor} whose progress survives restarts. The {@link AwarenessDaemon} persists what
 * {@link #checkpoint()} returns and hands it back through {@link #resume} before the next
 * {@link #start}, so the sensor neither re-reads what it already reported nor misses what changed
 * while it was stopped.
 *
 * <p>The state is a flat map of strings (for file sensors: one fingerprint per file) so any
 * checkpoint store can keep it.
 */
public interface ResumableSensor extends Sensor {

    /**
     * Restores the progress saved by an earlier run. Called at most once, before {@link #start}.
     *
     * @param state what {@link #checkpoint()} returned last time (copied)
     */
    void resume(Map<String, String> state);

    /**
     * A snapshot of progress. It covers only items whose observations the sink has already
     * accepted, so persisting it never skips an item that was not stored.
     *
     * @return the current state, a copy; safe to call from any thread
     */
    Map<String, String> checkpoint();
}
