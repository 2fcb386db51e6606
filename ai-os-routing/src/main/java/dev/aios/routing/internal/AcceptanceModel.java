package dev.aios.routing.internal;

import dev.aios.api.text.Vectors;

/**
 * One brain's estimate of the chance that its answer to a prompt is accepted: a logistic
 * regression over {@link PromptFeatures}, trained online, one outcome at a time, with per-weight
 * AdaGrad steps and L2 shrinkage (the bias is not shrunk). Starts from a prior acceptance rate
 * carried by the bias, so an untrained model already ranks brains sensibly. Not thread-safe:
 * the router guards it.
 */
public final class AcceptanceModel {
    private final float[] weights;
    private final float[] squaredGradients;
    private long updates;

    /**
     * @param dimension length of the feature vectors (bias included, last)
     * @param priorAcceptance acceptance rate assumed before any outcome, in (0, 1)
     */
    public AcceptanceModel(int dimension, double priorAcceptance) {
        weights = new float[dimension];
        squaredGradients = new float[dimension];
        java.util.Arrays.fill(squaredGradients, 1f);
        double p = Math.min(0.99, Math.max(0.01, priorAcceptance));
        weights[dimension - 1] = (float) Math.log(p / (1 - p));
    }

    /** Restores a saved model. */
    AcceptanceModel(float[] weights, float[] squaredGradients, long updates) {
        this.weights = weights;
        this.squaredGradients = squaredGradients;
        this.updates = updates;
    }

    /** @return the estimated acceptance probability for features {@code x} */
    public double predict(float[] x) {
        return sigmoid(dot(x));
    }

    double dot(float[] x) {
        return Vectors.dotInFloat(weights, x);
    }

    /**
     * Learns one outcome.
     *
     * @param x the features of the prompt
     * @param accepted the label, 1 accepted or 0 rejected (values between are soft labels)
     * @param learningRate AdaGrad's base step
     * @param l2 shrinkage per step
     */
    public void update(float[] x, double accepted, double learningRate, double l2) {
        double error = predict(x) - accepted;
        int bias = weights.length - 1;
        for (int i = 0; i < weights.length; i++) {
            double g = error * x[i] + (i == bias ? 0 : l2 * weights[i]);
            if (g == 0) {
                continue;
            }
            float g2 = squaredGradients[i] += (float) (g * g);
            weights[i] -= (float) (learningRate * g / Math.sqrt(g2));
        }
        updates++;
    }

    /** @return how many outcomes this model has learned */
    public long updates() {
        return updates;
    }

    int dimension() {
        return weights.length;
    }

    float[] weights() {
        return weights;
    }

    float[] squaredGradients() {
        return squaredGradients;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
