package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The rotary position embedding's constant tables, built once when an engine is created: cos and
 * sin of every position's angle per dimension, and rotate-half as a [headDim, headDim] matrix so
 * that applying RoPE is two products and an add instead of slicing and concatenating each step.
 *
 * @param cos [maxSeq, headDim], each angle's cosine written to both halves
 * @param sin [maxSeq, headDim], likewise
 * @param rotateHalf [headDim, headDim]: {@code x @ rotateHalf == cat(-x2, x1)}
 */
record RotaryTables(NDArray cos, NDArray sin, NDArray rotateHalf) {

    /** Builds the tables for positions below {@code maxSeq} under {@code manager}, stored as {@code type}. */
    static RotaryTables build(LlamaConfig config, int maxSeq, NDManager manager, DataType type) {
        int d = config.headDim();
        double[] inv = config.ropeInverseFrequencies();
        float[] c = new float[maxSeq * d];
        float[] s = new float[maxSeq * d];
        int half = d / 2;
        for (int p = 0; p < maxSeq; p++) {
            for (int i = 0; i < half; i++) {
                double a = p * inv[i];
                float ca = (float) Math.cos(a);
                float sa = (float) Math.sin(a);
                c[p * d + i] = ca;
                c[p * d + i + half] = ca;
                s[p * d + i] = sa;
                s[p * d + i + half] = sa;
            }
        }
        NDArray cos = manager.create(c, new Shape(maxSeq, d)).toType(type, false);
        NDArray sin = manager.create(s, new Shape(maxSeq, d)).toType(type, false);
        float[] r = new float[d * d];
        for (int i = 0; i < half; i++) {
            r[(i + half) * d + i] = -1f;
            r[i * d + i + half] = 1f;
        }
        NDArray rotateHalf = manager.create(r, new Shape(d, d)).toType(type, false);
        return new RotaryTables(cos, sin, rotateHalf);
    }
}
