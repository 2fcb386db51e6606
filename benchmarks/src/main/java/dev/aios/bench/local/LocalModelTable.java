package dev.aios.bench.local;

import dev.aios.bench.local.GenerationEngine.Run;
import dev.aios.inference.local.LocalModel;
import dev.aios.inference.local.ModelFolderInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Local token generation, our engine beside Jlama 0.8.4 in the same JVM, on the same checkpoint
 * folder, the same prompt token ids and the same settings (F32, greedy, a fixed number of tokens
 * with no end-of-sequence stop, the same thread count): prefill tokens/s, time to first token,
 * decode tokens/s at batch 1 and, for ours, at larger batches; then the machine's
 * memory-bandwidth bound for decoding (bytes of weights read per token against a measured read
 * bandwidth) and each engine's share of it. Runs of the two engines alternate, so a noisy
 * neighbour slows both alike; the table shows the median of the repetitions.
 *
 * <p>The whole measurement runs once per level of background load: with N busy threads
 * ({@link BusyThreads}, platform threads spinning on arithmetic, started only while that level is
 * measured), by default 0 (quiet) and 1, as on a laptop running something else. The
 * "quiet and contended" table puts the levels side by side for both engines: decode tokens/s at
 * batch 1, ours at the largest batch, its ratio to batch 1, and each engine's contended speed as a
 * share of its own quiet speed. The main table shows the lowest level.
 *
 * <p>The checkpoint is random weights with SmolLM-135M's shapes (30 layers, hidden 576, 9 heads,
 * 3 KV heads, intermediate 1536, vocabulary 49152), written once by
 * {@code RandomCheckpoint} and reused while its marker says so.
 * {@snippet lang=shell :
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.aios.bench.local.LocalModelTable
 * }
 * System properties (defaults in brackets): {@code aios.local.checkpoint}
 * [{@code benchmarks/target/smollm-shape-checkpoint}, or {@code target/...} when run from
 * {@code benchmarks/}], {@code aios.local.prompt} prompt tokens [512], {@code aios.local.tokens}
 * tokens generated per sequence [64], {@code aios.local.batches} [1,8],
 * {@code aios.local.repetitions} [3], {@code aios.local.threads} [all CPUs],
 * {@code aios.local.engines} [ours,jlama], {@code aios.local.busy} background busy threads per
 * measured level [0,1], {@code aios.local.bandwidth.mib} size of each bandwidth buffer [1024].
 * Progress goes to stderr, the tables to stdout.
 */
public final class LocalModelTable {
    /** Ids below this are the added special tokens; prompts use ordinary tokens only. */
    static final int FIRST_ORDINARY_TOKEN = 3;
    /** Target: our batch-1 decode reaches this share of the bandwidth bound. */
    static final double BOUND_SHARE_TARGET = 0.5;
    /** Target: batch 8 decodes this many times the tokens/s of batch 1. */
    static final double BATCH_SPEEDUP_TARGET = 4;
    /** Target: with one busy background thread, our batch-1 decode keeps this share of its quiet speed. */
    static final double CONTENDED_SHARE_TARGET = 0.6;

    private LocalModelTable() {}

    /** Writes or reuses the checkpoint, measures both engines and prints the table. */
    public static void main(String[] args) throws Exception {
        Path target = Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of("target");
        Path dir = Path.of(System.getProperty("aios.local.checkpoint",
                target.resolve("smollm-shape-checkpoint").toString()));
        int promptLength = Integer.getInteger("aios.local.prompt", 512);
        int tokens = Integer.getInteger("aios.local.tokens", 64);
        int repetitions = Integer.getInteger("aios.local.repetitions", 3);
        int threads = Integer.getInteger("aios.local.threads", Runtime.getRuntime().availableProcessors());
        long bandwidthBytes = Long.getLong("aios.local.bandwidth.mib", 1024) << 20;
        int[] batches = Arrays.stream(System.getProperty("aios.local.batches", "1,8").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).sorted().distinct().toArray();
        List<String> engines = Arrays.stream(System.getProperty("aios.local.engines", "ours,jlama").split(","))
                .map(String::strip).toList();
        int[] busyLevels = Arrays.stream(System.getProperty("aios.local.busy", "0,1").split(","))
                .map(String::strip).mapToInt(Integer::parseInt).sorted().distinct().toArray();
        require(busyLevels.length > 0 && busyLevels[0] >= 0,
                "aios.local.busy takes busy thread counts >= 0, got " + Arrays.toString(busyLevels));
        require(promptLength >= 1 && tokens >= 2 && repetitions >= 1 && threads >= 1 && batches[0] >= 1,
                "aios.local.prompt >= 1, aios.local.tokens >= 2, aios.local.repetitions >= 1, aios.local.threads >= 1"
                        + " and batches >= 1; got prompt " + promptLength + ", tokens " + tokens + ", repetitions "
                        + repetitions + ", threads " + threads + ", batches " + Arrays.toString(batches));
        require(batches[0] == 1, "aios.local.batches must include 1 (the baseline), got " + Arrays.toString(batches));
        require(engines.stream().allMatch(e -> e.equals("ours") || e.equals("jlama")),
                "aios.local.engines takes ours and/or jlama, got " + engines);

        String origin = SmolLmCheckpoint.ensure(dir);
        // Read and validated as the engine will load it: shapes and header sizes, no weights.
        ModelFolderInfo checkpoint = LocalModel.inspect(dir);
        int vocab = checkpoint.vocabSize();
        int context = checkpoint.maxPositions();
        require(promptLength + tokens <= context, "prompt " + promptLength + " + tokens " + tokens
                + " exceeds the checkpoint's max_position_embeddings " + context);
        long checkpointBytesPerToken = checkpoint.weightBytesPerToken();

        // Before the models load, so the buffers and the weights never compete for memory.
        System.err.printf(Locale.ROOT, "measuring memory bandwidth (%d MiB buffers, 1 to %d threads)...%n",
                bandwidthBytes >> 20, Math.max(2, threads));
        MemoryBandwidth.Result bandwidth = MemoryBandwidth.measure(bandwidthBytes, Math.max(2, threads));
        System.err.printf(Locale.ROOT, "  copy (read+write) GB/s: %s; read GB/s: %s%n",
                MemoryBandwidth.Result.byThreads(bandwidth.copyGbPerSecond()),
                MemoryBandwidth.Result.byThreads(bandwidth.readGbPerSecond()));
        System.gc();

        Map<String, GenerationEngine> loaded = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        int maxBatch = batches[batches.length - 1];
        if (engines.contains("ours")) {
            load(loaded, failed, "ours", () -> new OurEngine(dir, threads, maxBatch, Math.max(1024, promptLength + tokens)));
        }
        if (engines.contains("jlama")) {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                failed.put("jlama", "needs the Vector API: run java with --add-modules jdk.incubator.vector");
            } else {
                load(loaded, failed, "jlama", () -> new JlamaEngine(dir, threads));
            }
        }
        failed.forEach((name, why) -> System.err.println(name + " not measured: " + why));
        OurEngine ours = (OurEngine) loaded.get("ours");
        GenerationEngine jlama = loaded.get("jlama");

        Random random = new Random(7);
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < maxBatch; i++) {
            prompts.add(random.ints(promptLength, FIRST_ORDINARY_TOKEN, vocab).toArray());
        }
        List<int[]> shortPrompts = prompts.stream().map(p -> Arrays.copyOf(p, Math.min(64, p.length))).toList();

        // Warm-up: JIT and first touch of the weights, not timed.
        for (GenerationEngine engine : loaded.values()) {
            System.err.println("warming up " + engine.name() + "...");
            engine.generate(prompts.subList(0, 1), Math.min(tokens, 16));
            for (int b : batches) {
                if (b > 1 && engine.batches()) {
                    engine.generate(shortPrompts.subList(0, b), Math.min(tokens, 8));
                }
            }
        }

        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int busy : busyLevels) {
            System.err.println("measuring with " + busy + " busy background thread(s)...");
            try (BusyThreads load = BusyThreads.start(busy)) {
                for (int rep = 1; rep <= repetitions; rep++) {
                    for (int b : batches) {
                        for (GenerationEngine engine : loaded.values()) {
                            if (b > 1 && !engine.batches()) {
                                continue;
                            }
                            Run run = engine.generate(prompts.subList(0, b), tokens);
                            runs.computeIfAbsent(key(engine.name(), b, busy), k -> new ArrayList<>()).add(run);
                            System.err.printf(Locale.ROOT, "%s batch %d, %d busy, run %d/%d: prefill %.1f tok/s,"
                                    + " first token %.0f ms, decode %.2f tok/s%n", engine.name(), b, busy, rep,
                                    repetitions, run.prefillTokensPerSecond(), run.timeToFirstToken().toNanos() / 1e6,
                                    run.decodeTokensPerSecond());
                            if (rep == 1 && busy == busyLevels[0]) {
                                System.err.println("  first tokens: " + Arrays.toString(Arrays.copyOf(run.tokens(), 8)));
                            }
                        }
                    }
                }
            }
        }
        Long ourBytesPerToken = ours == null ? null : ours.weightBytesPerToken();
        loaded.values().forEach(GenerationEngine::close);

        StringBuilder out = new StringBuilder();
        out.append("\n## Local generation: ours vs Jlama 0.8.4, same checkpoint, same JVM\n\n");
        out.append(String.format(Locale.ROOT, "Checkpoint %s: %s; %.1f MB of weights, F32. Prompt %d tokens (random"
                + " ordinary token ids, the same for both engines), %d tokens generated per sequence (greedy, no EOS"
                + " stop), %d threads, median of %d runs after a warm-up. JVM %s, %d CPUs.%n%n",
                dir.toAbsolutePath().normalize(), origin, checkpoint.weightBytes() / 1e6, promptLength,
                tokens, threads, repetitions, Runtime.version(), Runtime.getRuntime().availableProcessors()));
        // Our engine's own count when it is there; the header's otherwise (the same for an F32 checkpoint).
        long bytesPerToken = ourBytesPerToken != null ? ourBytesPerToken : checkpointBytesPerToken;
        double bound = bandwidth.bestRead() * 1e9 / bytesPerToken;
        double copyBound = bandwidth.bestCopy() / 2 * 1e9 / bytesPerToken;
        int base = busyLevels[0];
        if (base > 0) {
            out.append(String.format(Locale.ROOT, "Measured with %d busy background thread(s).%n%n", base));
        }
        String o = key("ours", 1, base);
        String j = key("Jlama 0.8.4", 1, base);
        out.append("| measure | ours | Jlama 0.8.4 | ours / Jlama |\n|---|---:|---:|---:|\n");
        row(out, "prefill tok/s (" + promptLength + "-token prompt)", runs.get(o), runs.get(j),
                Run::prefillTokensPerSecond, "%.1f");
        row(out, "time to first token, ms (lower is better)", runs.get(o), runs.get(j),
                r -> r.timeToFirstToken().toNanos() / 1e6, "%.0f");
        row(out, "decode tok/s, batch 1", runs.get(o), runs.get(j), Run::decodeTokensPerSecond, "%.2f");
        for (int b : batches) {
            if (b > 1) {
                List<Run> ob = runs.get(key("ours", b, base));
                out.append(String.format(Locale.ROOT, "| decode tok/s, batch %d (all sequences) | %s | n/a (no"
                        + " multi-sequence batch API) | - |%n", b, ob == null ? "not measured" : String.format(
                        Locale.ROOT, "%.2f", median(ob, Run::decodeTokensPerSecond))));
            }
        }
        out.append(String.format(Locale.ROOT, "| decode batch 1, %% of bandwidth bound (%.1f tok/s) | %s | %s | - |%n",
                bound, share(runs.get(o), bound), share(runs.get(j), bound)));
        if (runs.containsKey(o) && runs.containsKey(j)) {
            int[] a = runs.get(o).get(0).tokens();
            int[] b = runs.get(j).get(0).tokens();
            int same = 0;
            while (same < Math.min(a.length, b.length) && a[same] == b[same]) {
                same++;
            }
            out.append(String.format(Locale.ROOT, "%nGreedy tokens, batch 1: the first %d of %d agree between the"
                    + " engines.%n", same, tokens));
        }

        contention(out, runs, busyLevels, batches[batches.length - 1]);

        out.append("\n### Memory-bandwidth bound for decoding\n\n| quantity | value |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| copy bandwidth, System.arraycopy of %d MiB, read + write bytes"
                + " counted (%s) | %.1f GB/s |%n", bandwidth.bufferBytes() >> 20,
                MemoryBandwidth.Result.byThreads(bandwidth.copyGbPerSecond()), bandwidth.bestCopy()));
        out.append(String.format(Locale.ROOT, "| read bandwidth, summing %d MiB (%s) | %.1f GB/s |%n",
                bandwidth.bufferBytes() >> 20, MemoryBandwidth.Result.byThreads(bandwidth.readGbPerSecond()),
                bandwidth.bestRead()));
        out.append(String.format(Locale.ROOT, "| weights read per decoded token, from the safetensors header (all"
                + " layers, the output projection, one embedding row) | %.1f MB |%n", checkpointBytesPerToken / 1e6));
        if (ourBytesPerToken != null) {
            out.append(String.format(Locale.ROOT, "| weights read per decoded token, LocalModel.weightBytesPerToken()"
                    + " | %.1f MB |%n", ourBytesPerToken / 1e6));
        }
        out.append(String.format(Locale.ROOT, "| **bound, batch 1: read bandwidth / bytes per token** | **%.1f tok/s**"
                + " |%n", bound));
        out.append(String.format(Locale.ROOT, "| the same from the copy's read half (copy GB/s / 2) | %.1f tok/s |%n",
                copyBound));

        out.append("\n### Targets (ours)\n\n| target | measured | met |\n|---|---|---|\n");
        if (!runs.containsKey(o)) {
            out.append("| all three | ours not measured: ").append(failed.getOrDefault("ours", "not asked for"))
                    .append(" | not measured |\n");
        } else {
            double ob1 = median(runs.get(o), Run::decodeTokensPerSecond);
            if (runs.containsKey(j)) {
                double jb1 = median(runs.get(j), Run::decodeTokensPerSecond);
                target(out, "decode batch 1 >= Jlama's", String.format(Locale.ROOT, "%.2f vs %.2f tok/s", ob1, jb1),
                        ob1 >= jb1);
            } else {
                out.append("| decode batch 1 >= Jlama's | Jlama not measured: ")
                        .append(failed.getOrDefault("jlama", "not asked for")).append(" | not measured |\n");
            }
            target(out, "decode batch 1 >= 50% of the bandwidth bound", String.format(Locale.ROOT,
                    "%.2f of %.1f tok/s = %.0f%%", ob1, bound, 100 * ob1 / bound), ob1 >= BOUND_SHARE_TARGET * bound);
            List<Run> b8 = runs.get(key("ours", 8, base));
            if (b8 == null) {
                out.append("| batch 8 >= 4x batch 1 tok/s | batch 8 not in aios.local.batches | not measured |\n");
            } else {
                double ob8 = median(b8, Run::decodeTokensPerSecond);
                target(out, "batch 8 >= 4x batch 1 tok/s", String.format(Locale.ROOT, "%.2f / %.2f = %.1fx", ob8, ob1,
                        ob8 / ob1), ob8 >= BATCH_SPEEDUP_TARGET * ob1);
            }
            List<Run> oBusy = runs.get(key("ours", 1, 1));
            List<Run> jBusy = runs.get(key("Jlama 0.8.4", 1, 1));
            List<Run> oQuiet = runs.get(key("ours", 1, 0));
            if (oBusy == null) {
                out.append("| 1 busy thread: decode batch 1 >= Jlama's, and >= 60% of ours quiet | 1 not in"
                        + " aios.local.busy | not measured |\n");
            } else {
                double ob = median(oBusy, Run::decodeTokensPerSecond);
                if (jBusy != null) {
                    double jb = median(jBusy, Run::decodeTokensPerSecond);
                    target(out, "1 busy thread: decode batch 1 >= Jlama's", String.format(Locale.ROOT,
                            "%.2f vs %.2f tok/s", ob, jb), ob >= jb);
                }
                if (oQuiet != null) {
                    double oq = median(oQuiet, Run::decodeTokensPerSecond);
                    target(out, "1 busy thread: decode batch 1 >= 60% of ours quiet", String.format(Locale.ROOT,
                            "%.2f of %.2f tok/s = %.0f%%", ob, oq, 100 * ob / oq), ob >= CONTENDED_SHARE_TARGET * oq);
                }
            }
        }
        if (!failed.isEmpty()) {
            out.append("\nNot measured: ");
            failed.forEach((name, why) -> out.append(name).append(" (").append(why).append(") "));
            out.append('\n');
        }
        System.out.println(out);
    }

    private interface EngineLoader {
        GenerationEngine load() throws Exception;
    }

    private static void load(Map<String, GenerationEngine> loaded, Map<String, String> failed, String name,
            EngineLoader loader) {
        System.err.println("loading " + name + "...");
        long start = System.nanoTime();
        try {
            loaded.put(name, loader.load());
            System.err.printf(Locale.ROOT, "  loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
        } catch (Exception | LinkageError e) {
            // One engine failing to load still leaves the other's numbers worth printing.
            failed.put(name, e.getClass().getSimpleName() + ": " + e.getMessage());
            e.printStackTrace();
        }
    }

    private static String key(String engine, int batch, int busy) {
        return engine + "@" + batch + "/" + busy;
    }

    /**
     * The levels of background load side by side: batch-1 decode of both engines, ours at the
     * largest batch and its ratio to batch 1, and each engine's share of its own quiet speed.
     */
    private static void contention(StringBuilder out, Map<String, List<Run>> runs, int[] busyLevels, int maxBatch) {
        out.append("\n### Quiet and contended: decode tok/s with N busy background threads\n\n");
        boolean batched = maxBatch > 1;
        // Without a larger batch measured, the batch columns would only say "not measured".
        out.append("| busy threads | ours, batch 1 | Jlama, batch 1 | ours / Jlama | ")
                .append(batched ? String.format(Locale.ROOT, "ours, batch %d | ours batch %d / batch 1 | ", maxBatch,
                        maxBatch) : "")
                .append("ours, share of quiet | Jlama, share of quiet |\n")
                .append(batched ? "|---:|---:|---:|---:|---:|---:|---:|---:|\n" : "|---:|---:|---:|---:|---:|---:|\n");
        double oQuiet = medianOrNaN(runs.get(key("ours", 1, 0)));
        double jQuiet = medianOrNaN(runs.get(key("Jlama 0.8.4", 1, 0)));
        for (int busy : busyLevels) {
            double o1 = medianOrNaN(runs.get(key("ours", 1, busy)));
            double j1 = medianOrNaN(runs.get(key("Jlama 0.8.4", 1, busy)));
            out.append("| ").append(busy == 0 ? "0 (quiet)" : String.valueOf(busy)).append(" | ")
                    .append(number(o1, "%.2f")).append(" | ").append(number(j1, "%.2f")).append(" | ")
                    .append(number(o1 / j1, "%.2f")).append(" | ");
            if (batched) {
                double oB = medianOrNaN(runs.get(key("ours", maxBatch, busy)));
                out.append(number(oB, "%.2f")).append(" | ").append(number(oB / o1, "%.1fx")).append(" | ");
            }
            out.append(busy == 0 ? "-" : number(100 * o1 / oQuiet, "%.0f%%")).append(" | ")
                    .append(busy == 0 ? "-" : number(100 * j1 / jQuiet, "%.0f%%")).append(" |\n");
        }
    }

    private static double medianOrNaN(List<Run> runs) {
        return runs == null ? Double.NaN : median(runs, Run::decodeTokensPerSecond);
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "not measured" : String.format(Locale.ROOT, format, v);
    }

    private static void row(StringBuilder out, String measure, List<Run> ours, List<Run> jlama,
            ToDoubleFunction<Run> metric, String format) {
        String o = ours == null ? "not measured" : String.format(Locale.ROOT, format, median(ours, metric));
        String j = jlama == null ? "not measured" : String.format(Locale.ROOT, format, median(jlama, metric));
        String ratio = ours == null || jlama == null ? "-"
                : String.format(Locale.ROOT, "%.2f", median(ours, metric) / median(jlama, metric));
        out.append("| ").append(measure).append(" | ").append(o).append(" | ").append(j).append(" | ").append(ratio)
                .append(" |\n");
    }

    private static String share(List<Run> runs, double bound) {
        return runs == null ? "not measured"
                : String.format(Locale.ROOT, "%.0f%%", 100 * median(runs, Run::decodeTokensPerSecond) / bound);
    }

    private static void target(StringBuilder out, String target, String measured, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "**met**" : "unmet")
                .append(" |\n");
    }

    static double median(List<Run> runs, ToDoubleFunction<Run> metric) {
        double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
