package dev.aios.sensors.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sensors module's one configured JSON mapper: the checkpoint, the tracker file and the chat
 * export are all read and written by the same rules. Internal: not part of the module's API.
 */
public final class SensorJson {
    /** The mapper; thread-safe once configured, so shared. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private SensorJson() {}
}
