package dev.aios.bench.tools;

import dev.aios.api.ToolRegistry;
import dev.aios.bench.security.HeldOutAttacks;
import dev.aios.memory.Embedders;
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
 * over every built-in tool (the packs and the media tools), by words only (BM25), hybrid with the
 * in-process embedding model (all-MiniLM-L6-v2, quantised) and hybrid with the static model
 * distilled from it ({@code Embedders.staticMiniLm()}); and, for comparison, hybrid with the tools'
 * example requests left out. Three request sets, written apart from the tool descriptions and from
 * the example requests: {@code dev} (the only one looked at while changing descriptions or search),
 * {@code scored} and {@code fresh} (reported, never tuned on). Then the same with the catalogue
 * filled to 1,000 tools by made-up vendor tools, and the search latency there. Intervals are 95%:
 * Wilson and percentile bootstrap over requests. {@code -Daios.bench.model=bge} uses
 * bge-small-en-v1.5 instead of all-MiniLM-L6-v2. {@code -Daios.bench.verbose=true} lists the dev
 * set's misses (never another set's).
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
        String modelName = bge ? "bge-small-en-v1.5" : "all-MiniLM-L6-v2";
        System.out.println("loading the embedding model (" + modelName + ") and distilling the static one ...");
        EmbeddingModel model = bge ? dev.aios.memory.Embedders.bgeSmallEnV15() : new AllMiniLmL6V2QuantizedEmbeddingModel();
        EmbeddingModel fast = Embedders.staticMiniLm();
        List<ToolRegistry> bare = packs.stream().map(ToolRetrieval::withoutExamples).toList();
        // Only the dev set's misses are ever listed: the scored and fresh sets are for reporting, never for tuning.
        boolean verbose = Boolean.getBoolean("aios.bench.verbose");

        System.out.println();
        System.out.println("| set | requests | search | recall@1 | recall@3 | recall@5 (95% Wilson; bootstrap) | recall@10 | MRR |");
        System.out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (String set : List.of("dev", "scored", "fresh")) {
            List<ToolRetrieval.Request> requests = ToolRetrieval.load("requests-" + set + ".tsv");
            row(set, requests, "hybrid (" + modelName + "), no examples", ToolRetrieval.registry(bare, model), false);
            row(set, requests, "words", ToolRetrieval.registry(packs, null), false);
            row(set, requests, "hybrid (" + modelName + ")", ToolRetrieval.registry(packs, model),
                    verbose && set.equals("dev"));
            row(set, requests, "hybrid (static)", ToolRetrieval.registry(packs, fast), verbose && set.equals("dev"));
        }

        System.out.println();
        ToolRegistry filler = ToolRetrieval.distractors(1000 - tools);
        List<ToolRegistry> thousand = new ArrayList<>(packs);
        thousand.add(filler);
        System.out.println("at 1,000 tools (" + tools + " built-in + " + filler.tools().size() + " made-up vendor tools):");
        System.out.println("| search | recall@5 scored (95% Wilson) | recall@5 fresh (95% Wilson) | search p50 | p99 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        List<ToolRetrieval.Request> scored = ToolRetrieval.load("requests-scored.tsv");
        List<ToolRetrieval.Request> fresh = ToolRetrieval.load("requests-fresh.tsv");
        List<String> names = List.of("words", "hybrid (" + modelName + ")", "hybrid (static)");
        List<EmbeddingModel> models = java.util.Arrays.asList(null, model, fast);
        for (int m = 0; m < names.size(); m++) {
            McpToolRegistry registry = ToolRetrieval.registry(thousand, models.get(m));
            registry.search("warm up the index", 5);
            StringBuilder line = new StringBuilder("| " + names.get(m) + " |");
            for (List<ToolRetrieval.Request> requests : List.of(scored, fresh)) {
                boolean[] hits = ToolRetrieval.hits(registry, requests, 5);
                int k = count(hits);
                double[] w = HeldOutAttacks.wilson(k, hits.length);
                line.append(String.format(Locale.ROOT, " %.3f (%.3f-%.3f) |", (double) k / hits.length, w[0], w[1]));
            }
            double[] latency = latency(registry, scored);
            line.append(String.format(Locale.ROOT, " %.3f ms | %.3f ms |", latency[0], latency[1]));
            System.out.println(line);
        }
        System.out.println();
        System.out.println("load after: " + load() + "; cores: " + Runtime.getRuntime().availableProcessors());
    }

    private static void row(String set, List<ToolRetrieval.Request> requests, String search, ToolRegistry registry,
            boolean verbose) {
        ToolRetrieval.Score s = ToolRetrieval.score(registry, requests);
        boolean[] hits = ToolRetrieval.hits(registry, requests, 5);
        double[] w = HeldOutAttacks.wilson(s.at5(), s.n());
        double[] b = ToolRetrieval.bootstrap(hits);
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.3f | %.3f | %.3f (%.3f-%.3f; %.3f-%.3f) | %.3f | %.3f |%n", set,
                s.n(), search, s.recall(1), s.recall(3), s.recall(5), w[0], w[1], b[0], b[1], s.recall(10), s.mrr());
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
