package dev.aios.bench.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.bench.security.HeldOutAttacks;
import dev.aios.tools.McpToolRegistry;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Prints the tool-retrieval table of issue 17: recall@1/3/5/10 and MRR of the registry's search
 * over every built-in tool (the packs and the media tools), by words only (BM25) and hybrid with
 * the in-process embedding model (all-MiniLM-L6-v2, quantised), on two request sets written apart
 * from the tool descriptions: {@code dev} (the only one looked at while changing descriptions or
 * search) and {@code scored} (reported, never tuned on). Then the same with the catalogue filled to
 * 1,000 tools by made-up vendor tools, and the search latency there. Intervals are 95%: Wilson and
 * percentile bootstrap over requests. {@code -Daios.bench.model=bge} uses bge-small-en-v1.5 instead. {@code -Daios.bench.verbose=true} lists the dev set's misses
 * (never the scored set's).
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.aios.bench.tools.ToolRetrievalTable</pre>
 */
public final class ToolRetrievalTable {
    private ToolRetrievalTable() {}

    /** Runs the table. */
    public static void main(String[] args) throws IOException {
        Path scratch = Files.createTempDirectory("tool-retrieval");
        List<ToolRegistry> packs = BuiltInTools.packs(scratch);
        int tools = packs.stream().mapToInt(p -> p.tools().size()).sum();
        System.out.println("load before: " + load());
        System.out.println("catalogue: " + tools + " built-in tools in " + packs.size() + " packs");
        boolean bge = "bge".equals(System.getProperty("aios.bench.model"));
        System.out.println("loading the embedding model (" + (bge ? "bge-small-en-v1.5" : "all-MiniLM-L6-v2") + ") ...");
        EmbeddingModel model = bge ? dev.aios.memory.Embedders.bgeSmallEnV15() : new AllMiniLmL6V2QuantizedEmbeddingModel();
        // Only the dev set's misses are ever listed: the scored set is for reporting, never for tuning.
        boolean verbose = Boolean.getBoolean("aios.bench.verbose");

        System.out.println();
        System.out.println("| set | requests | search | recall@1 | recall@3 | recall@5 (95% Wilson; bootstrap) | recall@10 | MRR |");
        System.out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (String set : List.of("dev", "scored")) {
            List<ToolRetrieval.Request> requests = ToolRetrieval.load("requests-" + set + ".tsv");
            for (boolean hybrid : List.of(false, true)) {
                McpToolRegistry registry = ToolRetrieval.registry(packs, hybrid ? model : null);
                row(set, requests, hybrid, registry, verbose && set.equals("dev"));
            }
        }

        System.out.println();
        ToolRegistry filler = ToolRetrieval.distractors(1000 - tools);
        List<ToolRegistry> thousand = new ArrayList<>(packs);
        thousand.add(filler);
        List<ToolRetrieval.Request> scored = ToolRetrieval.load("requests-scored.tsv");
        System.out.println("at 1,000 tools (" + tools + " built-in + " + filler.tools().size() + " made-up vendor tools),"
                + " scored set:");
        System.out.println("| search | recall@5 (95% Wilson) | search p50 | p99 |");
        System.out.println("| --- | ---: | ---: | ---: |");
        for (boolean hybrid : List.of(false, true)) {
            McpToolRegistry registry = ToolRetrieval.registry(thousand, hybrid ? model : null);
            registry.search("warm up the index", 5);
            boolean[] hits = ToolRetrieval.hits(registry, scored, 5);
            int k = count(hits);
            double[] w = HeldOutAttacks.wilson(k, hits.length);
            double[] latency = latency(registry, scored);
            System.out.printf(Locale.ROOT, "| %s | %.3f (%.3f-%.3f) | %.3f ms | %.3f ms |%n", hybrid ? "hybrid" : "words",
                    (double) k / hits.length, w[0], w[1], latency[0], latency[1]);
        }
        System.out.println();
        System.out.println("load after: " + load() + "; cores: " + Runtime.getRuntime().availableProcessors());
    }

    private static void row(String set, List<ToolRetrieval.Request> requests, boolean hybrid, ToolRegistry registry,
            boolean verbose) {
        ToolRetrieval.Score s = ToolRetrieval.score(registry, requests);
        boolean[] hits = ToolRetrieval.hits(registry, requests, 5);
        double[] w = HeldOutAttacks.wilson(s.at5(), s.n());
        double[] b = ToolRetrieval.bootstrap(hits);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f (%.3f-%.3f; %.3f-%.3f) | %.3f | %.3f |%n", set,
                s.n(), hybrid ? "hybrid" : "words", s.recall(1), s.recall(3), s.recall(5), w[0], w[1], b[0], b[1],
                s.recall(10), s.mrr());
        if (verbose) {
            for (ToolRetrieval.Request r : s.missedAt5()) {
                System.out.println("    missed: " + r.text() + " -> " + r.expected() + "; top 5: "
                        + registry.search(r.text(), 5).stream().map(t -> t.name()).toList());
            }
        }
    }

    /** @return {p50, p99} of one search(request, 5), in milliseconds, cycling over the requests 3 times */
    private static double[] latency(ToolRegistry registry, List<ToolRetrieval.Request> requests) {
        for (int i = 0; i < 50; i++) {
            registry.search(requests.get(i % requests.size()).text(), 5);
        }
        int n = requests.size() * 3;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String q = requests.get(i % requests.size()).text();
            long start = System.nanoTime();
            registry.search(q, 5);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[n / 2] / 1e6, nanos[Math.min(n - 1, (int) (n * 0.99))] / 1e6};
    }

    private static int count(boolean[] hits) {
        int k = 0;
        for (boolean h : hits) {
            k += h ? 1 : 0;
        }
        return k;
    }

    private static @Nullable String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
