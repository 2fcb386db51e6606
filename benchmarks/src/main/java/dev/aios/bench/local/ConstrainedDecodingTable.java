package dev.aios.bench.local;

import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.GenerationResult;
import dev.aios.inference.local.LocalModel;
import dev.aios.inference.local.internal.JsonConstraint;
import dev.aios.inference.local.internal.TokenVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What constrained decoding (a JSON Schema, {@link GenerationOptions.Builder#jsonSchema}) costs per
 * token at a 49,152-token vocabulary: decode ms/token of the SmolLM-135M-shaped random checkpoint
 * without and with the plan schema, greedy (the best tokens checked one by one) and sampled (a full
 * mask every token), and the mask alone, timed on its own over a sampled document. The checkpoint's
 * test tokenizer merges only letters, which flatters the mask, so the model here decodes with
 * {@link RealisticVocabulary} (same ids, token strings shaped like GPT-2's) beside the checkpoint's
 * weights; the mask alone is shown for both vocabularies.
 * {@snippet lang=shell :
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.aios.bench.local.ConstrainedDecodingTable
 * }
 * System properties (defaults in brackets): {@code aios.local.checkpoint} [as LocalModelTable],
 * {@code aios.constrained.tokens} most tokens per generation [64], {@code aios.constrained.repetitions}
 * [3], {@code aios.constrained.masks} masks timed per vocabulary [300], {@code aios.local.threads}
 * [all CPUs]. Progress goes to stderr, the table to stdout.
 */
public final class ConstrainedDecodingTable {
    /** The target: a sampled token's mask costs at most this share of its decode time. */
    static final double OVERHEAD_TARGET = 0.10;

    /** The shape of the runtime's plan schema (PlanJson.schema) with five tools. */
    static final String PLAN_SCHEMA = """
            {"type":"object","properties":{
              "steps":{"type":"array","minItems":1,"items":{"anyOf":[
                {"type":"object","properties":{"id":{"type":"string","minLength":1},"description":{"type":"string"},
                  "tool":{"enum":["mail.search","mail.read","files.read","web.fetch","aios.extract"]},
                  "arguments":{"type":"object"},"dependsOn":{"type":"array","items":{"type":"string"}},
                  "expect":{"type":"object","properties":{"contains":{"type":"string"},"matches":{"type":"string"},
                    "description":{"type":"string"}},"additionalProperties":false}},
                 "required":["id","tool"],"additionalProperties":false},
                {"type":"object","properties":{"id":{"type":"string","minLength":1},"description":{"type":"string"},
                  "subgoal":{"type":"string","minLength":1},"dependsOn":{"type":"array","items":{"type":"string"}}},
                 "required":["id","subgoal"],"additionalProperties":false}]}},
              "answer":{"type":"string"},"rationale":{"type":"string"}},
             "required":["steps"],"additionalProperties":false}""";

    private ConstrainedDecodingTable() {}

    /** Measures and prints the table. */
    public static void main(String[] args) throws Exception {
        Path target = Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of("target");
        Path checkpoint = Path.of(System.getProperty("aios.local.checkpoint",
                target.resolve("smollm-shape-checkpoint").toString()));
        int tokens = Integer.getInteger("aios.constrained.tokens", 64);
        int repetitions = Integer.getInteger("aios.constrained.repetitions", 3);
        int masks = Integer.getInteger("aios.constrained.masks", 300);
        int threads = Integer.getInteger("aios.local.threads", Runtime.getRuntime().availableProcessors());
        String origin = SmolLmCheckpoint.ensure(checkpoint);
        Path folder = withRealisticVocabulary(checkpoint, target.resolve("smollm-shape-json-vocab"));

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Constrained decoding (JSON Schema) at a 49,152-token vocabulary; checkpoint %s,"
                + " weights %s; %d threads, %d CPUs, load average before: %s%n%n", checkpoint, origin, threads,
                Runtime.getRuntime().availableProcessors(), loadAverage()));

        out.append("Mask alone (a sampled plan document, one full mask per token):\n\n");
        out.append("| vocabulary | masks | mean ms | p50 ms | p90 ms | max ms | lazy greedy check, mean ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        double realisticMask = Double.NaN;
        for (Path tokenizer : List.of(folder.resolve("tokenizer.json"), checkpoint.resolve("tokenizer.json"))) {
            boolean realistic = tokenizer.startsWith(folder);
            String name = realistic ? "realistic byte-level BPE (RealisticVocabulary)"
                    : "checkpoint's test tokenizer (letter merges only)";
            TokenVocabulary vocabulary = TokenVocabulary.read(tokenizer, 49152);
            timeMasks(vocabulary, Math.max(1, masks / 3)); // warm-up: compiled code, not the interpreter
            double[][] timed = timeMasks(vocabulary, masks);
            double[] full = timed[0];
            if (realistic) {
                realisticMask = mean(full);
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.4f |%n", name, full.length,
                    mean(full), pct(full, 0.5), pct(full, 0.9), pct(full, 1.0), mean(timed[1])));
        }

        System.err.println("loading " + folder + " ...");
        try (LocalModel model = LocalModel.builder(folder).threads(threads).maxSequenceLength(512).build()) {
            int[] prompt = model.encode("Plan the steps for: find the invoice mail from Anna and save it.");
            GenerationOptions.Builder greedy = GenerationOptions.builder().maxTokens(tokens).greedy();
            GenerationOptions.Builder sampled = GenerationOptions.builder().maxTokens(tokens).temperature(1).topP(0.95);
            List<String[]> rows = new ArrayList<>();
            double[] free = {0, 0};
            String[] modes = {"greedy", "sampled (T=1, top-p 0.95)"};
            GenerationOptions.Builder[] builders = {greedy, sampled};
            for (int m = 0; m < 2; m++) {
                model.generate(prompt, builders[m].ignoreEos(true).maxTokens(8).build()); // warm-up
                double plain = msPerToken(model, prompt, builders[m].ignoreEos(true).maxTokens(tokens).build(), repetitions);
                double constrained = msPerToken(model, prompt,
                        builders[m].ignoreEos(false).jsonSchema(PLAN_SCHEMA).build(), repetitions);
                free[m] = plain;
                rows.add(new String[] {modes[m], fmt(plain), fmt(constrained),
                        String.format(Locale.ROOT, "%+.1f%%", 100 * (constrained - plain) / plain)});
            }
            out.append(String.format(Locale.ROOT, "%nDecode, median of %d runs of up to %d tokens (the constrained"
                    + " ones stop when the plan is complete), wall ms per token after the first:%n%n", repetitions, tokens));
            out.append("| decoding | unconstrained ms/token | plan schema ms/token | overhead |\n|---|---:|---:|---:|\n");
            rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
            double maskRealistic = realisticMask;
            out.append(String.format(Locale.ROOT, "%nMean full mask (realistic vocabulary) %.3f ms against %.1f ms of sampled decode: %.1f%% (target"
                    + " <= %.0f%%). Load average after: %s%n", maskRealistic, free[1], 100 * maskRealistic / free[1],
                    100 * OVERHEAD_TARGET, loadAverage()));
        }
        System.out.print(out);
    }

    /** Times full masks (and lazy greedy checks) along a document sampled under the plan schema, restarting when it ends. */
    static double[][] timeMasks(TokenVocabulary vocabulary, int count) {
        Random random = new Random(11);
        float[] logits = new float[vocabulary.size()];
        double[] full = new double[count];
        double[] lazy = new double[count];
        JsonConstraint constraint = new JsonConstraint(PLAN_SCHEMA, vocabulary, Set.of(0));
        int left = 200;
        for (int i = 0; i < count; i++) {
            if (constraint.finished() || left == 0) {
                constraint = new JsonConstraint(PLAN_SCHEMA, vocabulary, Set.of(0));
                left = 200;
            }
            for (int t = 0; t < logits.length; t++) {
                logits[t] = (float) random.nextGaussian();
            }
            float[] copy = logits.clone();
            long start = System.nanoTime();
            constraint.mask(copy, left, true);
            lazy[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            constraint.mask(logits, left, false);
            full[i] = (System.nanoTime() - start) / 1e6;
            int token = sample(logits, random);
            if (token == 0) {
                constraint = new JsonConstraint(PLAN_SCHEMA, vocabulary, Set.of(0));
                left = 200;
                continue;
            }
            constraint.accept(token);
            left--;
        }
        return new double[][] {full, lazy};
    }

    private static int sample(float[] logits, Random random) {
        double sum = 0;
        for (float l : logits) {
            sum += l == Float.NEGATIVE_INFINITY ? 0 : Math.exp(l);
        }
        double r = random.nextDouble() * sum;
        int last = -1;
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] != Float.NEGATIVE_INFINITY) {
                last = i;
                r -= Math.exp(logits[i]);
                if (r <= 0) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double msPerToken(LocalModel model, int[] prompt, GenerationOptions options, int repetitions) {
        double[] runs = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            GenerationResult r = model.generate(prompt, options.toBuilder().seed(i + 1).build());
            double wall = (System.nanoTime() - start) / 1e6 - r.timeToFirstToken().toNanos() / 1e6;
            runs[i] = wall / Math.max(1, r.outputTokens() - 1);
            System.err.printf(Locale.ROOT, "  %s%s: %d tokens, %.1f ms/token%n", options.greedy() ? "greedy" : "sampled",
                    options.jsonSchema() == null ? "" : " + schema", r.outputTokens(), runs[i]);
        }
        return pct(runs, 0.5);
    }

    /** A folder with the checkpoint's files linked and {@link RealisticVocabulary}'s tokenizer.json. */
    static Path withRealisticVocabulary(Path checkpoint, Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(checkpoint)) {
            for (Path f : files.toList()) {
                Path link = folder.resolve(f.getFileName());
                if (!f.getFileName().toString().equals("tokenizer.json") && !Files.exists(link)) {
                    Files.createSymbolicLink(link, f.toAbsolutePath());
                }
            }
        }
        RealisticVocabulary.write(folder.resolve("tokenizer.json"), 49152, 1);
        return folder;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p * (s.length - 1)))];
    }
}
