package dev.aios.memory;

import dev.aios.api.AiOsException;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A recall from {@link LuceneMemory} with more control than {@link MemoryQuery}: a time window,
 * reading time phrases in the text ("last week"), the ranking mode, superseded facts.
 *
 * @param text what to look for, in words
 * @param k how many memories at most, {@code >= 1}
 * @param layers which layers to search; empty means all (copied)
 * @param filters metadata every result must carry with exactly these values (copied)
 * @param from only memories at or after this instant, or null
 * @param to only memories before this instant, or null
 * @param readTimePhrases whether a phrase such as "yesterday" or "last week" in the text sets the
 *     window (when {@code from} and {@code to} are both null); a window read from the text bounds
 *     the session, episodic and working layers, while long-term facts stay recallable
 * @param mode what to rank by
 * @param includeSuperseded whether long-term facts replaced by newer versions may be returned
 */
public record RecallRequest(String text, int k, Set<MemoryLayer> layers, Map<String, String> filters,
        @Nullable Instant from, @Nullable Instant to, boolean readTimePhrases, RetrievalMode mode,
        boolean includeSuperseded) {

    /** Validates and copies. */
    public RecallRequest {
        Objects.requireNonNull(text, "text must not be null");
        if (k < 1) {
            throw AiOsException.permanent("k must be >= 1, was " + k);
        }
        Objects.requireNonNull(layers, "layers must not be null");
        layers = layers.isEmpty() ? Collections.unmodifiableSet(EnumSet.allOf(MemoryLayer.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(layers));
        filters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(filters, "filters must not be null")));
        Objects.requireNonNull(mode, "mode must not be null");
        if (from != null && to != null && !from.isBefore(to)) {
            throw AiOsException.permanent("time window is empty: from " + from + " is not before to " + to);
        }
    }

    /** @return the request equivalent to {@code query}, reading time phrases in its text */
    public static RecallRequest of(MemoryQuery query) {
        return new RecallRequest(query.text(), query.k(), query.layers(), query.filters(), null, null, true,
                RetrievalMode.HYBRID, false);
    }

    /** @return a builder for a recall of {@code text} (k 10, all layers, hybrid, time phrases read) */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /** Builds a {@link RecallRequest}; every option has the default named on its setter. */
    public static final class Builder {
        private final String text;
        private int k = 10;
        private Set<MemoryLayer> layers = Set.of();
        private final Map<String, String> filters = new LinkedHashMap<>();
        private @Nullable Instant from;
        private @Nullable Instant to;
        private boolean readTimePhrases = true;
        private RetrievalMode mode = RetrievalMode.HYBRID;
        private boolean includeSuperseded;

        private Builder(String text) {
            this.text = text;
        }

        /** How many memories at most (default 10). */
        public Builder k(int k) {
            this.k = k;
            return this;
        }

        /** Which layers to search (default all). */
        public Builder layers(MemoryLayer... layers) {
            this.layers = Set.of(layers);
            return this;
        }

        /** Requires metadata {@code key} to equal {@code value} (default no filters). */
        public Builder filter(String key, String value) {
            filters.put(key, value);
            return this;
        }

        /** Only memories in [from, to) (default any time); either may be null for an open end. */
        public Builder between(@Nullable Instant from, @Nullable Instant to) {
            this.from = from;
            this.to = to;
            return this;
        }

        /** Whether "yesterday", "last week" and the like in the text set the window (default true). */
        public Builder readTimePhrases(boolean read) {
            this.readTimePhrases = read;
            return this;
        }

        /** What to rank by (default {@link RetrievalMode#HYBRID}). */
        public Builder mode(RetrievalMode mode) {
            this.mode = mode;
            return this;
        }

        /** Whether superseded long-term facts may be returned (default false). */
        public Builder includeSuperseded(boolean include) {
            this.includeSuperseded = include;
            return this;
        }

        /** @return the request; throws if an option is out of range, naming it */
        public RecallRequest build() {
            return new RecallRequest(text, k, layers, filters, from, to, readTimePhrases, mode, includeSuperseded);
        }
    }
}
