package dev.aios.memory;

import dev.aios.api.AiOsException;
import java.time.Duration;
import java.util.Optional;

/**
 * When {@link LuceneMemory} makes writes durable (a Lucene commit with fsync).
 *
 * <ul>
 *   <li>{@link #onEveryWrite()} (the default): a write returns only once it is committed.
 *       Concurrent writers share one commit (group commit), so many threads pay for few fsyncs.
 *   <li>{@link #every(Duration)}: writes return at once and a background thread commits on that
 *       interval; a crash loses at most the last interval. For bulk imports.
 * </ul>
 * {@link LuceneMemory#commit()} and {@link LuceneMemory#close()} always commit.
 */
public final class CommitPolicy {
    private final Duration interval;

    private CommitPolicy(Duration interval) {
        this.interval = interval;
    }

    /** @return the policy that commits before each write returns, sharing commits among concurrent writers */
    public static CommitPolicy onEveryWrite() {
        return new CommitPolicy(null);
    }

    /** @return the policy that commits in the background every {@code interval} */
    public static CommitPolicy every(Duration interval) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw AiOsException.permanent("commit interval must be positive, was " + interval);
        }
        return new CommitPolicy(interval);
    }

    /** @return the background interval, or empty when every write commits */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    @Override
    public String toString() {
        return interval == null ? "onEveryWrite" : "every " + interval;
    }
}
