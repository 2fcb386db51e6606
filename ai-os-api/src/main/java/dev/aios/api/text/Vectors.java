package dev.aios.api.text;

/**
 * The project's one place for the vector arithmetic that embeddings need: dot product, norm,
 * cosine similarity and normalisation, over {@code float[]} as LangChain4j's embeddings hold them.
 */
public final class Vectors {
    private Vectors() {}

    /**
     * @return the dot product of {@code a} and {@code b}
     * @throws IllegalArgumentException if their lengths differ
     */
    public static double dot(float[] a, float[] b) {
        sameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    /**
     * The dot product summed in {@code float}, four independent sums at a time: several times
     * faster than {@link #dot}, whose single {@code double} sum is a chain of dependent additions,
     * for code that scores many vectors per call (a tool search, a logistic model) and can afford
     * float's rounding.
     *
     * @return the dot product of {@code a} and {@code b}
     * @throws IllegalArgumentException if their lengths differ
     */
    public static float dotInFloat(float[] a, float[] b) {
        sameLength(a, b);
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1 + s2 + s3;
    }

    /** @return the Euclidean length of {@code v} */
    public static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    /**
     * @return the cosine similarity of {@code a} and {@code b} in [-1, 1], or 0 when either is all zeros
     * @throws IllegalArgumentException if their lengths differ
     */
    public static double cosine(float[] a, float[] b) {
        sameLength(a, b);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    /** Scales {@code v} in place to length 1 (an all-zero vector stays as it is). @return {@code v} */
    public static float[] normalizeInPlace(float[] v) {
        double n = norm(v);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
        return v;
    }

    private static void sameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
    }
}
