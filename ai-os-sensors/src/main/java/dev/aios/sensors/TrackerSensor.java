package dev.aios.sensors;

import dev.aios.sensors.internal.FolderSensor;
import dev.aios.sensors.internal.BuilderChecks;
import dev.aios.sensors.internal.TrackerFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Watches a {@link TaskTracker}'s file and reports each item at each version: source
 * {@code tracker}, kind {@code task}, id {@code tracker:<item>:v<version>}, attributes
 * {@code item}, {@code title}, {@code status}, {@code project}, {@code labels}, {@code version},
 * {@code change} ({@code created} or {@code updated}) and {@code file}. Changes made through the
 * tracker's tools, by hand or by another process all show up.
 *
 * <pre>{@code
 * TrackerSensor sensor = TrackerSensor.of(tracker);
 * }</pre>
 */
public final class TrackerSensor extends FileSensor {
    private TrackerSensor(FolderSensor folder) {
        super(folder);
    }

    /** @return a sensor named {@code tracker} over {@code tracker}'s file: watched, polled every 5 s */
    public static TrackerSensor of(TaskTracker tracker) {
        return of(tracker.file(), "tracker", true, Duration.ofSeconds(5));
    }

    /**
     * @param file the tracker's JSON file; it may not exist yet
     * @param name the sensor's name; unique within a daemon
     * @param watch whether to react to file-system events at once; polling runs either way
     * @param pollInterval how often to look at the file (at least 10 ms)
     * @return a sensor over that file
     */
    public static TrackerSensor of(Path file, String name, boolean watch, Duration pollInterval) {
        Path path = Objects.requireNonNull(file, "tracker file").toAbsolutePath().normalize();
        return new TrackerSensor(new FolderSensor(BuilderChecks.sensorName(name), path.getParent(),
                new TrackerFormat(path.getFileName().toString()), watch, BuilderChecks.pollInterval(pollInterval)));
    }

}
