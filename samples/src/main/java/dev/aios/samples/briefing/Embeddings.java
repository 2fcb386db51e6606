package dev.aios.samples.briefing;

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
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.max(norm, 1e-9);
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
