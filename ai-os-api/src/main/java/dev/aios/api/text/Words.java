package dev.aios.api.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The project's one rule for cutting text into words, so that a query matches the same way in the
 * tool registry, memory, skills, the task tracker and the samples: a word is a run of Unicode
 * letters and digits, lower-cased with {@link Locale#ROOT}; everything else separates words.
 * Callers that ignore short words (articles, initials) pass a minimum length.
 */
public final class Words {
    private Words() {}

    /** @return the words of {@code text} in order, duplicates kept; empty for null or blank text */
    public static List<String> of(CharSequence text) {
        return of(text, 1);
    }

    /**
     * @param minLength the shortest word kept, in characters (1 keeps every word)
     * @return the words of {@code text} that have at least {@code minLength} characters, in order
     */
    public static List<String> of(CharSequence text, int minLength) {
        List<String> words = new ArrayList<>();
        collect(text, minLength, words);
        return words;
    }

    /** @return the distinct words of {@code text} of at least {@code minLength} characters (mutable) */
    public static Set<String> distinct(CharSequence text, int minLength) {
        Set<String> words = new HashSet<>();
        collect(text, minLength, words);
        return words;
    }

    private static void collect(CharSequence text, int minLength, Collection<String> into) {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be >= 1, was " + minLength);
        }
        if (text == null) {
            return;
        }
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; ) {
            int cp = i < n ? Character.codePointAt(text, i) : ' ';
            boolean partOfWord = i < n && Character.isLetterOrDigit(cp);
            if (partOfWord && start < 0) {
                start = i;
            } else if (!partOfWord && start >= 0) {
                String word = text.subSequence(start, i).toString().toLowerCase(Locale.ROOT);
                if (word.codePointCount(0, word.length()) >= minLength) {
                    into.add(word);
                }
                start = -1;
            }
            i += i < n ? Character.charCount(cp) : 1;
        }
    }
}
