package dev.aios.memory.internal;

import dev.aios.api.AiOsException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's embedding model behind the checks its index needs: every vector has the store's
 * dimension, is finite and not all zeros, and is scaled to unit length, since the index scores by
 * dot product.
 */
public final class UnitEmbedder {
    private final EmbeddingModel model;
    private final int dimensions;

    /** @param dimensions the dimension of the vectors the store holds */
    public UnitEmbedder(EmbeddingModel model, int dimensions) {
        this.model = model;
        this.dimensions = dimensions;
    }

    /** @return the embedding model itself */
    public EmbeddingModel model() {
        return model;
    }

    /**
     * @return one unit vector per text, in order, from one embedding batch
     * @throws dev.aios.api.AiOsException if the model returns a vector the store cannot hold
     */
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> out = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        if (out == null || out.size() != texts.size()) {
            throw AiOsException.permanent("the embedding model returned " + (out == null ? "no" : out.size())
                    + " embeddings for " + texts.size() + " texts; nothing was stored. Check the model given to"
                    + " LuceneMemory.builder().embedder(...)");
        }
        List<float[]> vectors = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            vectors.add(TextChecks.normalized(TextChecks.validVector(out.get(i).vector(), dimensions,
                    "the embedding of text #" + i)));
        }
        return vectors;
    }

    /** Checks a caller-given vector and returns its unit-length copy. */
    public float[] checked(float[] vector, String what) {
        return TextChecks.normalized(TextChecks.validVector(vector, dimensions, what));
    }
}
