package dev.aios.sensors.internal;

import dev.aios.api.AiOsException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Reads a sensor factory's settings; every error names the factory and the setting. */
final class FactorySettings {
    private final String factory;
    private final Map<String, String> values;

    FactorySettings(String factory, Map<String, String> values, Set<String> known) {
        this.factory = factory;
        this.values = Map.copyOf(values);
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw AiOsException.permanent("unknown settings " + unknown + " for the " + factory + " sensor; known: "
                    + new TreeSet<>(known));
        }
    }

    Path path(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw AiOsException.permanent("the " + factory + " sensor needs the setting '" + key + "'");
        }
        return Path.of(value);
    }

    @Nullable String text(String key) {
        return values.get(key);
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean flag(String key, boolean fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw AiOsException.permanent("setting '" + key + "' of the " + factory + " sensor must be true or false, was '"
                    + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    Duration duration(String key, Duration fallback) {
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw AiOsException.permanent("setting '" + key + "' of the " + factory + " sensor must be an ISO-8601 duration"
                    + " such as PT5S or P7D, was '" + value + "'", e);
        }
    }
}
