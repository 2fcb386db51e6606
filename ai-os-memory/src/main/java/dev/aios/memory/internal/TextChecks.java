package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.text.Vectors;

/** Rejects text Lucene would silently alter, so what is stored is exactly what was given. */
public final class TextChecks {
    private TextChecks() {}

    /**
     * @throws AiOsException if {@code value} holds an unpaired UTF-16 surrogate (text that is not
     *     valid Unicode and would be stored as U+FFFD) or a NUL character
     */
    public static String validUnicode(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw invalid(what, i, c);
            }
            if (Character.isLowSurrogate(c)) {
                throw invalid(what, i, c);
            }
            if (c == 0) {
                throw AiOsException.permanent(what + " contains a NUL character at index " + i
                        + "; strip control characters before storing it");
            }
        }
        return value;
    }

    private static AiOsException invalid(String what, int index, char c) {
        return AiOsException.permanent(String.format(
                "%s is not valid Unicode: unpaired surrogate U+%04X at index %d; decode the source bytes as UTF-8 "
                        + "with replacement (or fix the producer) before storing it", what, (int) c, index));
    }

    /** @throws AiOsException if the vector has the wrong length or holds NaN or infinity */
    public static float[] validVector(float[] vector, int dimensions, String what) {
        if (vector.length != dimensions) {
            throw AiOsException.permanent(what + " has " + vector.length + " dimensions but this store holds "
                    + dimensions + "-dimensional vectors; use the same embedding model for every write and query");
        }
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            float v = vector[i];
            if (!Float.isFinite(v)) {
                throw AiOsException.permanent(what + " holds " + v + " at dimension " + i
                        + "; the embedding is broken, so it was not stored");
            }
            norm += (double) v * v;
        }
        if (norm == 0) {
            throw AiOsException.permanent(what + " is all zeros and has no direction to search by");
        }
        return vector;
    }

    /** @return a unit-length copy, since the index scores by dot product */
    public static float[] normalized(float[] vector) {
        return Vectors.normalizeInPlace(vector.clone());
    }
}
