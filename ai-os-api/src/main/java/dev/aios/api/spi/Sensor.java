package dev.aios.api.spi;

import dev.aios.api.Observation;
import java.util.function.Consumer;

/**
 * A source of awareness: watches part of the user's world (a mail folder, a calendar, the clock)
 * and reports what it sees as {@link Observation}s, which the runtime writes to episodic memory
 * and which may wake agents.
 */
public interface Sensor extends NamedExtension, AutoCloseable {

    /**
     * Starts watching. Called once; the sensor reports from its own threads until closed. Items
     * seen before a restart must be reported with the same ids, so they are stored once.
     *
     * @param sink receives each observation; thread-safe
     */
    void start(Consumer<Observation> sink);

    /** Stops watching and releases files and threads. */
    @Override
    void close();
}
