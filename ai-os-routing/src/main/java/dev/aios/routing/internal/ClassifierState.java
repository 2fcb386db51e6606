package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned state of a {@link dev.aios.routing.TextClassifier}: per label a vector in
 * embedding space, a bias and feature weights; labelled exemplars (seed prototypes and corrected
 * texts, as normalised embeddings) that reasons cite; and how many corrections it learned. Its file is a small binary file written to a
 * temporary sibling and moved into place, so a crash mid-write leaves the previous state whole.
 */
public final class ClassifierState {
    private static final int MAGIC = 0x41494f43; // "AIOC"
    private static final int VERSION = 1;

    /**
     * A labelled point in embedding space.
     *
     * @param note says where it came from, for reasons
     * @param corrected whether it is a corrected text (those count in scores) or a prototype
     */
    public record Exemplar(String label, String note, float[] vector, boolean corrected) {}

    private final List<String> labels;
    private final List<Exemplar> exemplars;
    private final Map<String, double[]> weights; // feature -> weight per label
    private final double[] bias;
    private float[][] vectors; // per label: the direction in embedding space that speaks for it
    private long corrections;

    /** A fresh state over {@code labels}. */
    public ClassifierState(List<String> labels) {
        this(labels, new ArrayList<>(), new LinkedHashMap<>(), new double[labels.size()], new float[labels.size()][0], 0);
    }

    private ClassifierState(List<String> labels, List<Exemplar> exemplars, Map<String, double[]> weights, double[] bias,
            float[][] vectors, long corrections) {
        this.vectors = vectors;
        this.labels = List.copyOf(labels);
        this.exemplars = exemplars;
        this.weights = weights;
        this.bias = bias;
        this.corrections = corrections;
    }

    /** @return the labels, in order */
    public List<String> labels() {
        return labels;
    }

    /** @return the exemplars, mutable: the classifier adds to it */
    public List<Exemplar> exemplars() {
        return exemplars;
    }

    /** @return the weights of {@code feature}, one per label, created at zero when new */
    public double[] weights(String feature) {
        return weights.computeIfAbsent(feature, f -> new double[labels.size()]);
    }

    /** @return the weights of {@code feature}, or null when it was never weighted */
    public double[] weightsOrNull(String feature) {
        return weights.get(feature);
    }

    /** @return the bias per label, mutable */
    public double[] bias() {
        return bias;
    }

    /** @return the label's vector in embedding space; empty until {@link #initVectors} */
    public float[] vector(int label) {
        return vectors[label];
    }

    /** Sets every label's vector (each of the same dimension). */
    public void initVectors(float[][] initial) {
        vectors = initial;
    }

    /** @return how many corrections were learned */
    public long corrections() {
        return corrections;
    }

    /** Counts one more correction learned. */
    public void countCorrection() {
        corrections++;
    }

    /** Writes the state to {@code file} atomically (where the file system allows). */
    public void write(Path file) {
        StateFiles.writeAtomically(file, out -> {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(labels.size());
            for (String label : labels) {
                out.writeUTF(label);
            }
            for (double b : bias) {
                out.writeDouble(b);
            }
            out.writeInt(vectors[0].length);
            for (float[] v : vectors) {
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
            out.writeInt(weights.size());
            for (Map.Entry<String, double[]> e : weights.entrySet()) {
                out.writeUTF(e.getKey());
                for (double w : e.getValue()) {
                    out.writeDouble(w);
                }
            }
            out.writeInt(exemplars.size());
            for (Exemplar x : exemplars) {
                out.writeUTF(x.label());
                out.writeUTF(x.note());
                out.writeBoolean(x.corrected());
                out.writeInt(x.vector().length);
                for (float v : x.vector()) {
                    out.writeFloat(v);
                }
            }
            out.writeLong(corrections);
        }, "classifier state", "Check that the folder is writable.");
    }

    /**
     * @return the state saved in {@code file}
     * @throws AiOsException if the file is not a classifier state, or is for other labels
     */
    public static ClassifierState read(Path file, List<String> expectedLabels) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw AiOsException.permanent(file + " is not a classifier state file (or one of another version);"
                        + " move it away to start from the priors");
            }
            int n = in.readInt();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                labels.add(in.readUTF());
            }
            if (!labels.equals(expectedLabels)) {
                throw AiOsException.permanent("the classifier state in " + file + " is for labels " + labels + ", not "
                        + expectedLabels + "; move it away to start from the priors");
            }
            double[] bias = new double[n];
            for (int i = 0; i < n; i++) {
                bias[i] = in.readDouble();
            }
            int dim = in.readInt();
            float[][] vectors = new float[n][dim];
            for (int l = 0; l < n; l++) {
                for (int i = 0; i < dim; i++) {
                    vectors[l][i] = in.readFloat();
                }
            }
            int features = in.readInt();
            Map<String, double[]> weights = new LinkedHashMap<>();
            for (int f = 0; f < features; f++) {
                String name = in.readUTF();
                double[] w = new double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = in.readDouble();
                }
                weights.put(name, w);
            }
            int count = in.readInt();
            List<Exemplar> exemplars = new ArrayList<>();
            for (int e = 0; e < count; e++) {
                String label = in.readUTF();
                String note = in.readUTF();
                boolean corrected = in.readBoolean();
                float[] vector = new float[in.readInt()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = in.readFloat();
                }
                exemplars.add(new Exemplar(label, note, vector, corrected));
            }
            return new ClassifierState(labels, exemplars, weights, bias, vectors, in.readLong());
        } catch (IOException e) {
            throw AiOsException.permanent("cannot read the classifier state " + file + " (" + e.getMessage()
                    + "); move it away to start from the priors", e);
        }
    }
}
