package dev.aios.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link VectorSearchBenchmark} and prints a Markdown table of top-10 query latency and HNSW
 * recall@10 against exact search, per size and quantization.
 * {@snippet lang=shell :
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.memory.VectorSearchTable                  # 100k
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.memory.VectorSearchTable -p size=100000,1000000
 * }
 * Run from the repository root (indexes are kept under benchmarks/target/vector-bench/).
 * Arguments are JMH options.
 */
public final class VectorSearchTable {
    private VectorSearchTable() {}

    /** Runs the benchmark and prints the table; arguments are JMH options. */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(VectorSearchBenchmark.class.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(options).run();
        List<RunResult> rows = new ArrayList<>(results);
        rows.sort(Comparator.comparingInt((RunResult r) -> Integer.parseInt(r.getParams().getParam("size")))
                .thenComparing(r -> r.getParams().getParam("quantized")));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nVector recall of the Lucene memory store, top 10, 384 dims, clustered synthetic data (%s %s, %d CPUs)%n%n",
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors()));
        out.append("| memories | vectors | query latency (µs) | HNSW recall@10 vs exact |\n|---:|---|---:|---:|\n");
        for (RunResult r : rows) {
            String size = r.getParams().getParam("size");
            String q = r.getParams().getParam("quantized");
            Result<?> score = r.getPrimaryResult();
            out.append(String.format(Locale.ROOT, "| %,d | %s | %.1f ± %.1f | %s |%n", Integer.parseInt(size),
                    q.equals("true") ? "int8 quantized" : "float32", score.getScore(), score.getScoreError(),
                    recall(size, q)));
        }
        System.out.println(out);
    }

    private static String recall(String size, String quantized) throws IOException {
        Path f = VectorSearchBenchmark.ROOT.resolve("recall-" + size + "-" + quantized + ".txt");
        return Files.exists(f) ? Files.readString(f).strip() : "n/a";
    }
}
