package dev.aios.sensors.internal;

import dev.aios.api.AiOsException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Checks shared by the sensor builders; messages name the option and say what is allowed. */
public final class BuilderChecks {
    /** Shorter polls burn CPU on large folders for no gain over the watch service. */
    public static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private BuilderChecks() {}

    /** @return {@code name} if it can name a sensor (its threads and its checkpoint entry) */
    public static String sensorName(String name) {
        Objects.requireNonNull(name, "sensor name");
        if (!NAME.matcher(name).matches()) {
            throw AiOsException.permanent("sensor name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    /** @return {@code interval} if it is a usable poll interval */
    public static Duration pollInterval(Duration interval) {
        Objects.requireNonNull(interval, "pollInterval");
        if (interval.compareTo(MIN_POLL) < 0) {
            throw AiOsException.permanent("pollInterval must be at least " + MIN_POLL.toMillis() + " ms, was " + interval);
        }
        return interval;
    }

    /** Fails at build() when a required option was not set. */
    public static <T> T required(T value, String what, String option) {
        if (value == null) {
            throw AiOsException.permanent(what + " needs " + option + "; set it on the builder");
        }
        return value;
    }
}
