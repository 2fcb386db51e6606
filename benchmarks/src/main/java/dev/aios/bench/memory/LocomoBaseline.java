package dev.aios.bench.memory;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/** Plain Lucene over one conversation: BM25 with the standard analyser, HNSW over a model's vectors, and their RRF. */
final class LocomoBaseline implements AutoCloseable {
    private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final EmbeddingModel embedder;
    private final StandardAnalyzer analyzer = new StandardAnalyzer();

    LocomoBaseline(Locomo.Conversation c, EmbeddingModel embedder) throws IOException {
        this.embedder = embedder;
        List<float[]> vectors = embedder.embedAll(c.turns().stream().map(t -> TextSegment.from(t.text())).toList())
                .content().stream().map(e -> e.vector()).toList();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (int i = 0; i < c.turns().size(); i++) {
                Document d = new Document();
                d.add(new StringField("id", c.turns().get(i).id(), Field.Store.YES));
                d.add(new TextField("text", c.turns().get(i).text(), Field.Store.NO));
                d.add(new KnnFloatVectorField("vec", vectors.get(i), VectorSimilarityFunction.COSINE));
                w.addDocument(d);
            }
        }
        reader = DirectoryReader.open(dir);
        searcher = new IndexSearcher(reader);
    }

    List<String> bm25(String question) throws IOException {
        return ids(bm25Docs(question, 10));
    }

    List<String> vector(String question) throws IOException {
        return ids(vectorDocs(question, 10));
    }

    /** Reciprocal-rank fusion (k = 60) of the top 100 of each. */
    List<String> rrf(String question) throws IOException {
        Map<Integer, Double> fused = new HashMap<>();
        for (ScoreDoc[] list : List.of(bm25Docs(question, 100), vectorDocs(question, 100))) {
            for (int rank = 0; rank < list.length; rank++) {
                fused.merge(list[rank].doc, 1.0 / (60 + rank + 1), Double::sum);
            }
        }
        List<Map.Entry<Integer, Double>> order = new ArrayList<>(fused.entrySet());
        order.sort(Map.Entry.<Integer, Double>comparingByValue().reversed());
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : order.subList(0, Math.min(10, order.size()))) {
            out.add(searcher.storedFields().document(e.getKey()).get("id"));
        }
        return out;
    }

    private ScoreDoc[] bm25Docs(String question, int n) throws IOException {
        Query q = new QueryBuilder(analyzer).createBooleanQuery("text", question);
        return q == null ? new ScoreDoc[0] : searcher.search(q, n).scoreDocs;
    }

    private ScoreDoc[] vectorDocs(String question, int n) throws IOException {
        float[] v = embedder.embed(question).content().vector();
        return searcher.search(new KnnFloatVectorQuery("vec", v, n), n).scoreDocs;
    }

    private List<String> ids(ScoreDoc[] docs) throws IOException {
        List<String> out = new ArrayList<>();
        for (ScoreDoc sd : docs) {
            out.add(searcher.storedFields().document(sd.doc).get("id"));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        dir.close();
    }
}
