package dev.aios.bench.routing;

import dev.aios.bench.VectorFile;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of the benchmark prompts, kept in a file under {@code target/} so a second run does
 * not embed thousands of prompts again. Keyed by the exact text embedded.
 */
final class EmbeddingCache {
    /** The router embeds at most this many characters of a prompt; the harness does the same. */
    static final int MAX_CHARS = 2000;

    private final Path file;
    private final Map<String, float[]> vectors;

    EmbeddingCache(Path file) {
        this.file = file;
        this.vectors = VectorFile.read(file);
    }

    static String clip(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
    }

    /** @return the embeddings of {@code texts} (clipped), embedding the missing ones with progress */
    List<float[]> embedAll(List<String> texts, EmbeddingModel model, String label) {
        List<String> missing = texts.stream().map(EmbeddingCache::clip).distinct()
                .filter(t -> !vectors.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            System.out.printf("embedding %d %s prompts in process; cached in %s%n", missing.size(), label, file);
            long start = System.nanoTime();
            int batch = 64;
            for (int i = 0; i < missing.size(); i += batch) {
                List<String> chunk = missing.subList(i, Math.min(missing.size(), i + batch));
                List<Embedding> out = model.embedAll(chunk.stream().map(TextSegment::from).toList()).content();
                for (int j = 0; j < chunk.size(); j++) {
                    vectors.put(chunk.get(j), out.get(j).vector());
                }
                int done = Math.min(missing.size(), i + batch);
                double secs = (System.nanoTime() - start) / 1e9;
                if ((i / batch) % 20 != 19 && done < missing.size()) {
                    continue;
                }
                System.out.printf("  %d/%d (%.0f s, ~%.0f s left)%n", done, missing.size(), secs,
                        secs / done * (missing.size() - done));
            }
            save();
        }
        List<float[]> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(vectors.get(clip(text)));
        }
        return result;
    }

    private void save() {
        VectorFile.write(file, vectors);
    }
}
