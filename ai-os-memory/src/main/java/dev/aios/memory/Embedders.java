package dev.aios.memory;

import dev.aios.memory.internal.CachingEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Embedding models for {@link LuceneMemory}. Any LangChain4j {@link EmbeddingModel} works; the
 * default runs all-MiniLM-L6-v2 (quantized, 384 dimensions) in process, with no network.
 */
public final class Embedders {
    private static volatile EmbeddingModel shared;

    private Embedders() {}

    /**
     * @return the in-process all-MiniLM-L6-v2 (quantized) model behind a cache of 20,000 texts
     *     (about 33 MB at most: a vector and a digest per text), batching 32 texts per call; loaded
     *     once per process and shared (it is thread-safe)
     */
    public static EmbeddingModel defaultModel() {
        EmbeddingModel m = shared;
        if (m == null) {
            synchronized (Embedders.class) {
                m = shared;
                if (m == null) {
                    m = cached(new AllMiniLmL6V2QuantizedEmbeddingModel(), 20_000, 32);
                    shared = m;
                }
            }
        }
        return m;
    }

    /**
     * @param model the model to put a cache in front of
     * @param maxEntries how many distinct texts to keep embeddings of
     * @param batchSize how many texts to send to the model per call
     * @return a model that embeds each distinct text once while it stays cached, in batches
     */
    public static EmbeddingModel cached(EmbeddingModel model, long maxEntries, int batchSize) {
        if (maxEntries < 1 || batchSize < 1) {
            throw new IllegalArgumentException("maxEntries and batchSize must be >= 1, were " + maxEntries + ", " + batchSize);
        }
        return new CachingEmbeddingModel(model, maxEntries, batchSize);
    }
}
