package dev.aios.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A recall request: what to look for, how many results, in which layers, with which metadata.
 *
 * @param text what to look for, in words
 * @param k how many results at most, {@code >= 1}
 * @param layers which layers to search; empty means all (copied)
 * @param filters metadata that every result must carry with exactly these values (copied)
 */
public record MemoryQuery(String text, int k, Set<MemoryLayer> layers, Map<String, String> filters) {

    /** Validates and copies. */
    public MemoryQuery {
        Checks.notNull(text, "query text");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Checks.notNull(layers, "layers");
        layers = layers.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.allOf(MemoryLayer.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(layers));
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(filters, "filters")));
    }

    /** @return a query over every layer with no filters */
    public static MemoryQuery of(String text, int k) {
        return new MemoryQuery(text, k, Set.of(), Map.of());
    }
}
