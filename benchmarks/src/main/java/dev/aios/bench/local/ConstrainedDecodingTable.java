package dev.aios.bench.local;

import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.GenerationResult;
import dev.aios.inference.local.LocalModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What constrained decoding (a JSON Schema, {@link GenerationOptions.Builder#jsonSchema}) costs per
 * token at a 49,152-token vocabulary: decode ms/token of the SmolLM-135M-shaped random checkpoint
 * without and with the plan schema, greedy (the best tokens checked one by one) and sampled (a full
 * mask every token), and the constraint's own time per token as the model reports it
 * ({@link GenerationResult#constraintTime()}). The checkpoint's
 * test tokenizer merges only letters, which flatters the mask, so the model here decodes with
 * {@link RealisticVocabulary} (same ids, token strings shaped like GPT-2's) beside the checkpoint's
 * weights; the constraint time is shown for both vocabularies.
 * {@snippet lang=shell :
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.aios.bench.local.ConstrainedDecodingTable
 * }
 * System properties (defaults in brackets): {@code aios.local.checkpoint} [as LocalModelTable],
 * {@code aios.constrained.tokens} most tokens per generation [64], {@code aios.constrained.repetitions}
 * [3], {@code aios.local.threads}
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
        int threads = Integer.getInteger("aios.local.threads", Runtime.getRuntime().availableProcessors());
        String origin = SmolLmCheckpoint.ensure(checkpoint);
        Path folder = withRealisticVocabulary(checkpoint, target.resolve("smollm-shape-json-vocab"));

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Constrained decoding (JSON Schema) at a 49,152-token vocabulary; checkpoint %s,"
                + " weights %s; %d threads, %d CPUs, load average before: %s%n%n", checkpoint, origin, threads,
                Runtime.getRuntime().availableProcessors(), loadAverage()));

        out.append("Constraint time per generated token (GenerationResult.constraintTime: masking and advancing the"
                + " grammar), median of the runs; sampled decoding builds a full mask every token, greedy checks the"
                + " best tokens one by one:\n\n");
        out.append("| vocabulary | decoding | constraint ms/token |\n|---|---|---:|\n");
        double realisticMask = Double.NaN;
        double[] plain = new double[2];
        double[] constrained = new double[2];
        String[] modes = {"greedy", "sampled (T=1, top-p 0.95)"};
        for (boolean realistic : new boolean[] {false, true}) {
            String name = realistic ? "realistic byte-level BPE (RealisticVocabulary)"
                    : "checkpoint's test tokenizer (letter merges only)";
            Path modelFolder = realistic ? folder : checkpoint;
            System.err.println("loading " + modelFolder + " ...");
            try (LocalModel model = LocalModel.builder(modelFolder).threads(threads).maxSequenceLength(512).build()) {
                int[] prompt = model.encode("Plan the steps for: find the invoice mail from Anna and save it.");
                GenerationOptions.Builder[] builders = {GenerationOptions.builder().maxTokens(tokens).greedy(),
                        GenerationOptions.builder().maxTokens(tokens).temperature(1).topP(0.95)};
                for (int m = 0; m < 2; m++) {
                    // warm-up: compiled code, not the interpreter
                    model.generate(prompt, builders[m].ignoreEos(false).jsonSchema(PLAN_SCHEMA).maxTokens(16).build());
                    double[] withSchema = msPerToken(model, prompt,
                            builders[m].ignoreEos(false).jsonSchema(PLAN_SCHEMA).maxTokens(tokens).build(), repetitions);
                    out.append(String.format(Locale.ROOT, "| %s | %s | %.3f |%n", name, modes[m], withSchema[1]));
                    if (realistic) {
                        model.generate(prompt, builders[m].jsonSchema(null).ignoreEos(true).maxTokens(8).build());
                        plain[m] = msPerToken(model, prompt,
                                builders[m].jsonSchema(null).ignoreEos(true).maxTokens(tokens).build(), repetitions)[0];
                        constrained[m] = withSchema[0];
                        if (m == 1) {
                            realisticMask = withSchema[1];
                        }
                    }
                }
            }
        }
        out.append(String.format(Locale.ROOT, "%nDecode with the realistic vocabulary, median of %d runs of up to %d"
                + " tokens (the constrained ones stop when the plan is complete), wall ms per token after the first:%n%n",
                repetitions, tokens));
        out.append("| decoding | unconstrained ms/token | plan schema ms/token | overhead |\n|---|---:|---:|---:|\n");
        for (int m = 0; m < 2; m++) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %+.1f%% |%n", modes[m], fmt(plain[m]),
                    fmt(constrained[m]), 100 * (constrained[m] - plain[m]) / plain[m]));
        }
        out.append(String.format(Locale.ROOT, "%nConstraint time (realistic vocabulary, sampled) %.3f ms against %.1f ms"
                + " of sampled decode per token: %.1f%% (target <= %.0f%%). Load average after: %s%n", realisticMask,
                plain[1], 100 * realisticMask / plain[1], 100 * OVERHEAD_TARGET, loadAverage()));
        System.out.print(out);
    }

    /** @return {median wall ms per token after the first, median constraint ms per token} over the runs */
    private static double[] msPerToken(LocalModel model, int[] prompt, GenerationOptions options, int repetitions) {
        double[] runs = new double[repetitions];
        double[] constraint = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            GenerationResult r = model.generate(prompt, options.toBuilder().seed(i + 1).build());
            double wall = (System.nanoTime() - start) / 1e6 - r.timeToFirstToken().toNanos() / 1e6;
            runs[i] = wall / Math.max(1, r.outputTokens() - 1);
            constraint[i] = r.constraintTime().toNanos() / 1e6 / Math.max(1, r.outputTokens());
            System.err.printf(Locale.ROOT, "  %s%s: %d tokens, %.1f ms/token, constraint %.3f ms/token%n",
                    options.greedy() ? "greedy" : "sampled", options.jsonSchema() == null ? "" : " + schema",
                    r.outputTokens(), runs[i], constraint[i]);
        }
        return new double[] {pct(runs, 0.5), pct(constraint, 0.5)};
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

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(p * (s.length - 1)))];
    }
}
