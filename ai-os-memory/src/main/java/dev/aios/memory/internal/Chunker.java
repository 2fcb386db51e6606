package dev.aios.memory.internal;

import java.util.ArrayList;
import java.util.List;

/** Splits long text into pieces the embedder can take whole, breaking at whitespace where it can. */
final class Chunker {
    private Chunker() {}

    /** @return {@code text} in pieces of at most {@code maxChars}, in order; one piece if it fits */
    static List<String> chunks(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + maxChars);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > start + maxChars / 2) {
                    end = space;
                } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--; // never split a surrogate pair
                }
            }
            String piece = text.substring(start, end).strip();
            if (!piece.isEmpty()) {
                out.add(piece);
            }
            start = end;
        }
        return out;
    }
}
