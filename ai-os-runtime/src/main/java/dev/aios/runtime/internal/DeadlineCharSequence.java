package dev.aios.runtime.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Text that a regular expression is matched against, which aborts the match once a deadline has
 * passed or the thread is interrupted. {@link java.util.regex.Matcher} has no time limit of its
 * own, but it reads its input only through {@link #charAt}, so checking there bounds any pattern,
 * however badly it backtracks.
 */
final class DeadlineCharSequence implements CharSequence {
    /** Reading the clock costs more than a character: look every this many reads. */
    private static final int CHECK_EVERY = 1 << 10;

    private final CharSequence text;
    private final long deadlineNanos;
    private final Duration limit;
    private int untilCheck = CHECK_EVERY;

    private DeadlineCharSequence(CharSequence text, long deadlineNanos, Duration limit) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
        this.limit = limit;
    }

    /**
     * @return whether {@code pattern} is found in {@code text}
     * @throws MatchAbandoned if that takes longer than {@code limit} or the thread is interrupted
     *     (the interrupt flag is kept set)
     */
    static boolean find(Pattern pattern, CharSequence text, Duration limit) {
        return pattern.matcher(new DeadlineCharSequence(text, System.nanoTime() + limit.toNanos(), limit)).find();
    }

    @Override
    public char charAt(int index) {
        if (--untilCheck <= 0) {
            untilCheck = CHECK_EVERY;
            if (Thread.currentThread().isInterrupted()) {
                throw new MatchAbandoned("was interrupted while matching");
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new MatchAbandoned("took longer than " + limit.toMillis() + " ms to match");
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        // Matcher asks for sub-sequences only to hand out groups, after matching: no deadline needed.
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The match was abandoned; the message says why, to follow "the pattern /p/ ". */
    static final class MatchAbandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MatchAbandoned(String message) {
            super(message, null, false, false);
        }
    }
}
