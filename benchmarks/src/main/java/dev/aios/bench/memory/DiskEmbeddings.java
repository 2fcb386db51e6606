package dev.aios.bench.memory;

import dev.aios.bench.VectorFile;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedding model whose answers are kept in a file under {@code benchmarks/target}, so the
 * cross-validation grid (which ingests every conversation once per context width) and a second
 * run do not embed the same turns again. Keyed by the exact text; one file per model. The model's
 * own speed is measured apart (see {@link LocomoTable}), so ingest timings here exclude embedding.
 */
final class DiskEmbeddings implements EmbeddingModel {
    private final EmbeddingModel model;
    private final Path file;
    private final Map<String, float[]> vectors;
    private int added;

    DiskEmbeddings(EmbeddingModel model, Path file) {
        this.model = model;
        this.file = file;
        this.vectors = VectorFile.read(file);
    }

    @Override
    public synchronized Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> missing = segments.stream().map(TextSegment::text).distinct()
                .filter(t -> !vectors.containsKey(t)).toList();
        for (int i = 0; i < missing.size(); i += 64) {
            List<String> chunk = missing.subList(i, Math.min(missing.size(), i + 64));
            List<Embedding> out = model.embedAll(chunk.stream().map(TextSegment::from).toList()).content();
            for (int j = 0; j < chunk.size(); j++) {
                vectors.put(chunk.get(j), out.get(j).vector());
            }
            added += chunk.size();
        }
        List<Embedding> result = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            result.add(Embedding.from(vectors.get(s.text()).clone()));
        }
        return Response.from(result);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String modelName() {
        return model.modelName();
    }

    /** Writes the file if anything was embedded since it was read. */
    synchronized void save() {
        if (added == 0) {
            return;
        }
        VectorFile.write(file, vectors);
        added = 0;
    }
}
