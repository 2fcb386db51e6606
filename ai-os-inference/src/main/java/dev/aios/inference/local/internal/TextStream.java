package dev.aios.inference.local.internal;

import dev.aios.inference.local.TokenListener;
import java.util.List;

/**
 * Turns a growing list of generated tokens into text pieces for a {@link TokenListener}. Decoding
 * token by token breaks multi-byte characters and cannot see a stop string split across tokens,
 * so it decodes the whole output each time and releases only text that can no longer change: no
 * trailing replacement character, and no tail that could still grow into a stop string.
 */
final class TextStream {
    private final ModelTokenizer tokenizer;
    private final List<String> stopStrings;
    private final TokenListener listener;
    private String text = "";
    private int emitted;
    private boolean stopped;

    TextStream(ModelTokenizer tokenizer, List<String> stopStrings, TokenListener listener) {
        this.tokenizer = tokenizer;
        this.stopStrings = stopStrings;
        this.listener = listener;
    }

    /**
     * Takes the output so far.
     *
     * @return true when a stop string has appeared (the text is cut before it)
     */
    public boolean update(int[] tokens, int count) {
        if (stopped) {
            return true;
        }
        text = tokenizer.decode(tokens, count);
        int stopAt = -1;
        for (String stop : stopStrings) {
            int i = text.indexOf(stop, Math.max(0, emitted - stop.length()));
            if (i >= 0 && (stopAt < 0 || i < stopAt)) {
                stopAt = i;
            }
        }
        if (stopAt >= 0) {
            text = text.substring(0, stopAt);
            stopped = true;
            flush();
            return true;
        }
        int safe = text.length();
        while (safe > emitted && text.charAt(safe - 1) == '\uFFFD') {
            safe--;
        }
        safe = Math.min(safe, text.length() - heldForStop());
        emit(safe);
        return false;
    }

    /** Releases everything not yet given to the listener; call once generation has ended. */
    public void flush() {
        emit(text.length());
    }

    /** @return the text so far (cut before a stop string once one appeared) */
    public String text() {
        return text;
    }

    private void emit(int upTo) {
        if (upTo > emitted) {
            listener.onText(text.substring(emitted, upTo));
            emitted = upTo;
        }
    }

    /** Length of the longest tail of the text that is a proper prefix of a stop string. */
    private int heldForStop() {
        int held = 0;
        for (String stop : stopStrings) {
            for (int n = Math.min(stop.length() - 1, text.length()); n > held; n--) {
                if (text.regionMatches(text.length() - n, stop, 0, n)) {
                    held = n;
                    break;
                }
            }
        }
        return held;
    }
}
