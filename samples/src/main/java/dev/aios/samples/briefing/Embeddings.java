package dev.aios.samples.briefing;

import dev.aios.api.text.Vectors;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/** The in-process MiniLM model, loaded once per JVM and shared: loading it takes a second or two. */
final class Embeddings {
    private Embeddings() {}

    private static final class Holder {
        static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }

    static EmbeddingModel shared() {
        return Holder.MODEL;
    }

    static float[] normalised(String text) {
        float[] v = shared().embed(text.isBlank() ? "(empty)" : text.length() > 1500 ? text.substring(0, 1500) : text)
                .content().vector();
        return Vectors.normalizeInPlace(v);
    }

    /** Both vectors are unit length ({@link #normalised}), so their dot product is their cosine. */
    static double cosine(float[] a, float[] b) {
        return Vectors.dot(a, b);
    }
}
