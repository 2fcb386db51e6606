package dev.aios.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One memory.
 *
 * @param id unique id; writing a record with an existing id replaces it
 * @param layer which layer it lives in
 * @param text the content
 * @param at when it happened or was learned
 * @param importance how much it matters, from 0 (trivia) to 1 (must not forget)
 * @param metadata named facts for filtering, such as {@code session}, {@code source}, {@code tags}
 *     (copied)
 */
public record MemoryRecord(String id, MemoryLayer layer, String text, Instant at, double importance, Map<String, String> metadata) {

    /** Validates and copies. */
    public MemoryRecord {
        Checks.notBlank(id, "memory id");
        Checks.notNull(layer, "memory layer");
        Checks.notBlank(text, "memory text");
        Checks.notNull(at, "memory time");
        if (!(importance >= 0 && importance <= 1)) {
            throw new IllegalArgumentException("importance must be within [0, 1], was " + importance);
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(metadata, "metadata")));
    }

    /**
     * @return the record's label, stored in its metadata ({@link Provenance#toMetadata()});
     *     {@link Provenance#unknown()} for a record stored without one: nothing unlabelled is trusted
     */
    public Provenance provenance() {
        return Provenance.fromMetadata(metadata);
    }

    /** @return a copy of this record labelled {@code label}, replacing any label it had */
    public MemoryRecord withProvenance(Provenance label) {
        Map<String, String> labelled = new LinkedHashMap<>(metadata);
        labelled.putAll(label.toMetadata());
        return new MemoryRecord(id, layer, text, at, importance, labelled);
    }
}
