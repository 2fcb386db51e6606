package dev.aios.toolpacks.internal;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions with a time limit: a pattern that backtracks without end ({@code (a+)+$}
 * on a long line) is stopped with a clear error instead of holding a thread. The text is wrapped
 * in a {@link CharSequence} that checks the deadline as the matcher reads it.
 */
public final class BoundedRegex {
    /** How long one search may run. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    private BoundedRegex() {}

    /** @return the compiled pattern; a syntax error names the argument and where it is */
    public static Pattern compile(String argument, String regex, int flags) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("argument '" + argument + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** @return {@code text}, wrapped so that matching over it stops after {@link #LIMIT} */
    public static CharSequence timed(CharSequence text) {
        return new Deadline(text, System.nanoTime() + LIMIT.toNanos());
    }

    /** Checks the clock every 4096 reads: cheap, and backtracking reads the same places often. */
    private static final class Deadline implements CharSequence {
        private final CharSequence text;
        private final long deadline;
        private int reads;

        Deadline(CharSequence text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0 && System.nanoTime() > deadline) {
                throw new IllegalArgumentException("the regular expression took longer than " + LIMIT.toSeconds()
                        + " s on this text (it backtracks too much); simplify the pattern");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadline);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
