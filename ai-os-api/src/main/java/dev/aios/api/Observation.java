package dev.aios.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a {@link dev.aios.api.spi.Sensor} saw in the user's world (a mail arrived, a meeting
 * starts soon, a file changed), on its way into episodic memory.
 *
 * @param id unique and stable id (the same item seen twice has the same id, so it is stored once)
 * @param source which sensor saw it, such as {@code mail} or {@code calendar}
 * @param kind what it is, such as {@code message} or {@code event}
 * @param text the content, as text
 * @param at when it happened in the world (not when it was seen)
 * @param attributes named facts about it, such as {@code from} or {@code subject} (copied)
 */
public record Observation(String id, String source, String kind, String text, Instant at, Map<String, String> attributes) {

    /** Validates and copies. */
    public Observation {
        Checks.notBlank(id, "observation id");
        Checks.notBlank(source, "observation source");
        Checks.notBlank(kind, "observation kind");
        Checks.notNull(text, "observation text");
        Checks.notNull(at, "observation time");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(attributes, "attributes")));
    }

    /**
     * @return the observation's label: from its sensor and its own id, untrusted (a stranger may
     *     have written it) and private (it is the user's data)
     */
    public Provenance provenance() {
        return Provenance.untrusted(Source.sensor(source), Source.sensor(source + "/" + id));
    }
}
