package dev.aios.bench.memory;

import dev.aios.memory.CommitPolicy;
import dev.aios.memory.LuceneEmbeddingStore;
import dev.aios.memory.LuceneMemory;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.data.segment.TextSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-10 nearest-neighbour query latency of the store on synthetic 384-dimensional memories
 * (clustered, like real embeddings), with float and int8-quantized HNSW, through
 * {@link LuceneEmbeddingStore} over a {@link LuceneMemory}. At setup it also measures the
 * recall@10 of HNSW against exact (brute-force) search on 200 queries, and writes it to
 * {@code target/vector-bench/recall-<size>-<quantized>.txt} for {@link VectorSearchTable}.
 * Indexes are built once and kept under {@code target/vector-bench/} (building 1M takes long).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class VectorSearchBenchmark {
    static final int DIMS = 384;
    static final int QUERIES = 200;
    static final Path ROOT = Path.of("benchmarks/target/vector-bench");

    @Param({"100000"})
    public int size;

    @Param({"false", "true"})
    public boolean quantized;

    private LuceneMemory memory;
    private LuceneEmbeddingStore store;
    private List<Embedding> queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path dir = ROOT.resolve(size + "-" + (quantized ? "int8" : "float32"));
        boolean built = Files.exists(dir.resolve("complete"));
        memory = LuceneMemory.builder(dir).quantized(quantized).commitPolicy(CommitPolicy.every(Duration.ofMinutes(10))).build();
        store = LuceneEmbeddingStore.over(memory, "synthetic");
        Data data = new Data(size, 7);
        if (!built) {
            long t0 = System.nanoTime();
            int batch = 5_000;
            for (int from = 0; from < size; from += batch) {
                List<String> ids = new ArrayList<>();
                List<Embedding> vectors = new ArrayList<>();
                for (int i = from; i < Math.min(size, from + batch); i++) {
                    ids.add(Integer.toString(i));
                    vectors.add(Embedding.from(data.vector(i)));
                }
                store.addAll(ids, vectors, (List<TextSegment>) null);
                System.out.printf(Locale.ROOT, "%nindexed %,d / %,d vectors (%s) in %.0f s", Math.min(size, from + batch), size,
                        quantized ? "int8" : "float32", (System.nanoTime() - t0) / 1e9);
            }
            memory.commit();
            Files.writeString(dir.resolve("complete"), "built in " + (System.nanoTime() - t0) / 1_000_000 + " ms\n");
        }
        queries = new ArrayList<>();
        Random r = new Random(99);
        for (int q = 0; q < QUERIES; q++) {
            queries.add(Embedding.from(data.query(r)));
        }
        Path recallFile = ROOT.resolve("recall-" + size + "-" + quantized + ".txt");
        if (!Files.exists(recallFile)) {
            Files.writeString(recallFile, String.format(Locale.ROOT, "%.4f%n", recall(data)));
        }
    }

    /** Share of the exact top 10 (brute force over the same vectors) that HNSW returns. */
    private double recall(Data data) {
        double sum = 0;
        for (Embedding q : queries) {
            float[] qv = normalized(q.vector());
            PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            for (int i = 0; i < size; i++) {
                float[] v = normalized(data.vector(i));
                double dot = 0;
                for (int d = 0; d < DIMS; d++) {
                    dot += qv[d] * v[d];
                }
                best.add(new double[] {dot, i});
                if (best.size() > 10) {
                    best.poll();
                }
            }
            Set<String> exact = new HashSet<>();
            best.forEach(e -> exact.add(Integer.toString((int) e[1])));
            List<EmbeddingMatch<TextSegment>> got = store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(10).build()).matches();
            sum += got.stream().filter(m -> exact.contains(m.embeddingId())).count() / 10.0;
        }
        return sum / queries.size();
    }

    @Benchmark
    public List<EmbeddingMatch<TextSegment>> top10() {
        Embedding q = queries.get(next++ % QUERIES);
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(10).build()).matches();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        memory.close();
    }

    static float[] normalized(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    /** Deterministic clustered vectors: 1,000 random centres, each memory a centre plus noise. */
    static final class Data {
        private final float[][] centres = new float[1_000][DIMS];
        private final long seed;

        Data(int size, long seed) {
            this.seed = seed;
            Random r = new Random(seed);
            for (float[] c : centres) {
                for (int d = 0; d < DIMS; d++) {
                    c[d] = (float) r.nextGaussian();
                }
            }
        }

        float[] vector(int i) {
            Random r = new Random(seed * 1_000_003L + i);
            float[] c = centres[r.nextInt(centres.length)];
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = c[d] + 0.6f * (float) r.nextGaussian();
            }
            return v;
        }

        float[] query(Random r) {
            float[] c = centres[r.nextInt(centres.length)];
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = c[d] + 0.6f * (float) r.nextGaussian();
            }
            return v;
        }
    }
}
