package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The router's prompt embeddings, from its embedding model, with the last {@value #CACHED} kept:
 * an agent asks about the same prompt more than once (a retry, an escalation, the verdict), and an
 * embedding costs milliseconds where the decision costs microseconds. Thread-safe.
 */
final class PromptEmbeddings {
    static final int CACHED = 512;

    private final EmbeddingModel model;
    private final int dimension;
    private final Map<String, float[]> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED;
        }
    };

    PromptEmbeddings(EmbeddingModel model) {
        this.model = model;
        this.dimension = model.dimension();
    }

    int dimension() {
        return dimension;
    }

    /** @return the embedding of {@code text} (cached; do not modify it) */
    float[] embed(String text) {
        synchronized (cache) {
            float[] cached = cache.get(text);
            if (cached != null) {
                return cached;
            }
        }
        // Outside the lock: embedding is slow, and two threads embedding the same text is harmless.
        float[] vector = model.embed(text.isBlank() ? "(empty)" : text).content().vector();
        if (vector.length != dimension) {
            throw AiOsException.permanent("the embedding model returned " + vector.length + " dimensions, expected "
                    + dimension + "; check that the model's dimension() matches what it returns");
        }
        synchronized (cache) {
            cache.put(text, vector);
        }
        return vector;
    }
}
