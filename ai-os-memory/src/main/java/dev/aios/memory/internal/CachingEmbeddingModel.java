package dev.aios.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aios.api.AiOsException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link EmbeddingModel} in front of another: texts already embedded come from a bounded
 * Caffeine cache, the rest go to the model in batches of a fixed size. The cache is keyed by a
 * 128-bit digest of the text, not the text: a long-running service embeds every mail it reads, and
 * keeping each text alive beside its vector would make the cache hold the mailbox.
 */
public final class CachingEmbeddingModel implements EmbeddingModel {
    private final EmbeddingModel delegate;
    private final Cache<TextKey, float[]> cache;
    private final int batchSize;

    /**
     * @param maxEntries how many texts' vectors to keep
     * @param batchSize how many texts to send to {@code delegate} at once
     */
    public CachingEmbeddingModel(EmbeddingModel delegate, long maxEntries, int batchSize) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().build();
        this.batchSize = batchSize;
    }

    /** A text's identity in the cache: the first 128 bits of its SHA-256. */
    private record TextKey(long high, long low) {
        static TextKey of(String text) {
            byte[] d = SHA256.get().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
            return new TextKey(b.getLong(), b.getLong());
        }
    }

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE platform has it
        }
    });

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        Map<String, float[]> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (TextSegment s : segments) {
            float[] v = cache.getIfPresent(TextKey.of(s.text()));
            if (v != null) {
                found.put(s.text(), v);
            } else if (!found.containsKey(s.text()) && !missing.contains(s.text())) {
                missing.add(s.text());
            }
        }
        for (int from = 0; from < missing.size(); from += batchSize) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + batchSize));
            List<Embedding> out;
            try {
                out = delegate.embedAll(batch.stream().map(TextSegment::from).toList()).content();
            } catch (RuntimeException e) {
                throw AiOsException.retriable("the embedding model failed on a batch of " + batch.size()
                        + " texts: " + e.getMessage(), e);
            }
            if (out == null || out.size() != batch.size()) {
                throw AiOsException.permanent("the embedding model returned " + (out == null ? 0 : out.size())
                        + " embeddings for " + batch.size() + " texts");
            }
            for (int i = 0; i < batch.size(); i++) {
                float[] v = out.get(i).vector();
                cache.put(TextKey.of(batch.get(i)), v);
                found.put(batch.get(i), v);
            }
        }
        List<Embedding> result = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            result.add(Embedding.from(found.get(s.text()).clone()));
        }
        return Response.from(result);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    /** @return how many lookups the cache answered */
    public long cacheHits() {
        return cache.stats().hitCount();
    }

    /** @return the model behind the cache */
    public EmbeddingModel delegate() {
        return delegate;
    }
}
