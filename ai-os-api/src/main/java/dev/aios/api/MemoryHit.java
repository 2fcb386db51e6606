package dev.aios.api;

/**
 * One recalled memory, with its score and why it matched.
 *
 * @param record the memory
 * @param score higher is better; comparable within one recall only
 * @param why which signals matched, such as {@code "text: 'invoice' x2; recent"}
 */
public record MemoryHit(MemoryRecord record, double score, String why) {

    /** Validates. */
    public MemoryHit {
        Checks.notNull(record, "record");
        Checks.notNull(why, "why");
    }
}
