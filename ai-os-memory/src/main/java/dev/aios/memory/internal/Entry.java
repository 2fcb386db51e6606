package dev.aios.memory.internal;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one stored record is indexed from: the record's values, its chunks and their vectors,
 * its place in the write order and the text of its session neighbours. Rebuilt from stored fields
 * when a record must be re-indexed (a neighbour arrived, a fact was superseded).
 *
 * @param kind {@link IndexSchema#KIND_MEMORY}, {@link IndexSchema#KIND_EMBEDDING} or {@link IndexSchema#KIND_CHAT_LOG}
 * @param text the record text; may be empty for embedding-only entries
 * @param chunks the pieces of text indexed and embedded, one document each
 * @param vectors one unit vector per chunk, or empty when the entry has none
 * @param seq write order, unique per store
 * @param before text of the preceding turns of the session
 * @param after text of the following turns of the session
 */
public record Entry(String id, String kind, MemoryLayer layer, String text, Instant at, double importance,
        Map<String, String> metadata, List<String> chunks, List<float[]> vectors, long seq, String before, String after) {

    /** @return this entry indexed with other neighbouring turns' text */
    public Entry withContext(String before, String after) {
        return new Entry(id, kind, layer, text, at, importance, metadata, chunks, vectors, seq, before, after);
    }

    /** @return this entry with other metadata (copied) */
    public Entry withMetadata(Map<String, String> metadata) {
        return new Entry(id, kind, layer, text, at, importance, Map.copyOf(metadata), chunks, vectors, seq, before, after);
    }

    /** @return the record this entry was made from */
    public MemoryRecord toRecord() {
        return new MemoryRecord(id, layer, text, at, importance, metadata);
    }

    /** @return the session it belongs to (metadata {@code session}), or null */
    public @Nullable String session() {
        return metadata.get(IndexSchema.SESSION_KEY);
    }
}
