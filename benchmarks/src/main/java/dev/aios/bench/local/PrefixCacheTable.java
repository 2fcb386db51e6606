package dev.aios.bench.local;

import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.GenerationResult;
import dev.aios.inference.local.LocalModel;
import dev.aios.inference.local.ModelFolderInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Time to first token with the prefix cache: an agent's calls share a long prefix (system prompt,
 * tool list) and differ in a short tail. Each repetition draws a new shared prefix (so the first
 * call finds nothing cached), then times the first call (prefix + one tail: computes everything
 * and stores the prefix's blocks) and the second (the same prefix + another tail: restores the
 * blocks and computes the rest), and the second prompt on a model with the cache off, for what the
 * first call's storing costs. The second call's greedy tokens are checked against the cache-off
 * model's. Same SmolLM-135M-shaped random checkpoint as {@link LocalModelTable}.
 * {@snippet lang=shell :
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.local.PrefixCacheTable
 * }
 * System properties (defaults in brackets): {@code aios.local.checkpoint}
 * [{@code benchmarks/target/smollm-shape-checkpoint}], {@code aios.prefix.shared} shared prefix
 * tokens [1500], {@code aios.prefix.new} tokens after it [50], {@code aios.prefix.tokens} tokens
 * generated per call [8], {@code aios.prefix.repetitions} [5], {@code aios.local.threads} [all
 * CPUs]. Progress goes to stderr, the table to stdout.
 */
public final class PrefixCacheTable {
    /** Target: the second call's time to first token is this many times shorter than the first's. */
    static final double SPEEDUP_TARGET = 5;

    private PrefixCacheTable() {}

    /** Writes or reuses the checkpoint, measures and prints the table. */
    public static void main(String[] args) throws Exception {
        Path target = Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of("target");
        Path dir = Path.of(System.getProperty("aios.local.checkpoint",
                target.resolve("smollm-shape-checkpoint").toString()));
        int shared = Integer.getInteger("aios.prefix.shared", 1500);
        int tail = Integer.getInteger("aios.prefix.new", 50);
        int tokens = Integer.getInteger("aios.prefix.tokens", 8);
        int repetitions = Integer.getInteger("aios.prefix.repetitions", 5);
        int threads = Integer.getInteger("aios.local.threads", Runtime.getRuntime().availableProcessors());
        if (shared < 1 || tail < 1 || tokens < 1 || repetitions < 1 || threads < 1) {
            throw new IllegalArgumentException("aios.prefix.shared, aios.prefix.new, aios.prefix.tokens,"
                    + " aios.prefix.repetitions and aios.local.threads must be >= 1; got " + shared + ", " + tail
                    + ", " + tokens + ", " + repetitions + ", " + threads);
        }
        String origin = SmolLmCheckpoint.ensure(dir);
        ModelFolderInfo checkpoint = LocalModel.inspect(dir);
        int length = shared + tail + tokens;
        if (length > checkpoint.maxPositions()) {
            throw new IllegalArgumentException("shared " + shared + " + new " + tail + " + generated " + tokens
                    + " tokens exceed the checkpoint's max_position_embeddings " + checkpoint.maxPositions());
        }
        GenerationOptions options = GenerationOptions.builder().maxTokens(tokens).greedy().ignoreEos(true).build();
        System.err.println("loading the model twice, with the prefix cache (its default size) and without...");
        try (LocalModel cached = LocalModel.builder(dir).threads(threads).maxBatch(1).maxSequenceLength(length)
                        .build();
                LocalModel plain = LocalModel.builder(dir).threads(threads).maxBatch(1).maxSequenceLength(length)
                        .prefixCacheBytes(0).build()) {
            Random random = new Random(11);
            int vocab = checkpoint.vocabSize();
            // Warm-up with a prefix of its own: JIT and first touch of the weights, not timed.
            System.err.println("warming up...");
            Calls warm = Calls.draw(random, vocab, shared, tail);
            cached.generate(warm.first, options);
            cached.generate(warm.second, options);
            plain.generate(warm.second, options);

            List<Rep> reps = new ArrayList<>();
            for (int rep = 1; rep <= repetitions; rep++) {
                Calls calls = Calls.draw(random, vocab, shared, tail);
                GenerationResult first = cached.generate(calls.first, options);
                GenerationResult second = cached.generate(calls.second, options);
                GenerationResult off = plain.generate(calls.second, options);
                Rep r = new Rep(first, second, off, Arrays.equals(second.tokens(), off.tokens()));
                reps.add(r);
                System.err.printf(Locale.ROOT, "run %d/%d: first call %.0f ms, second %.0f ms (%.1fx), cache off"
                        + " %.0f ms, same tokens: %s%n", rep, repetitions, ms(first), ms(second),
                        ms(first) / ms(second), ms(off), r.sameTokens);
            }

            StringBuilder out = new StringBuilder();
            out.append("\n## Prefix cache: time to first token, first call against second\n\n");
            out.append(String.format(Locale.ROOT, "Checkpoint %s: %s. Prompts: a %,d-token shared prefix plus %d new"
                    + " tokens (random ordinary token ids; a new prefix every repetition), %d tokens generated"
                    + " (greedy), batch 1, %d threads, F32, median of %d repetitions after a warm-up. Cache at its"
                    + " default size (one sequence of %,d tokens), blocks of 16 tokens. JVM %s, %d CPUs.%n%n",
                    dir.toAbsolutePath().normalize(), origin, shared, tail, tokens, threads, repetitions, length,
                    Runtime.version(), Runtime.getRuntime().availableProcessors()));
            out.append("| measure | first call (prefix new) | second call (prefix cached) | cache off (second"
                    + " prompt) | first / second |\n|---|---:|---:|---:|---:|\n");
            row(out, "time to first token, ms", reps, r -> ms(r.first), r -> ms(r.second), r -> ms(r.off));
            row(out, "prefill, ms", reps, r -> r.first.prefillTime().toNanos() / 1e6,
                    r -> r.second.prefillTime().toNanos() / 1e6, r -> r.off.prefillTime().toNanos() / 1e6);
            int reused = shared / 16 * 16;
            out.append(String.format(Locale.ROOT, "| prompt positions computed (by whole 16-token blocks) | %,d | %,d (%,d restored) | %,d | - |%n",
                    shared + tail, shared + tail - reused, reused, shared + tail));
            double speedup = median(reps, r -> ms(r.first) / ms(r.second));
            long same = reps.stream().filter(r -> r.sameTokens).count();
            out.append(String.format(Locale.ROOT, "%nSecond call's greedy tokens equal the cache-off model's in %d of"
                    + " %d repetitions.%n", same, repetitions));
            out.append(String.format(Locale.ROOT, "%n| target | measured | met |\n|---|---|---|\n| second call's time"
                    + " to first token >= %.0fx shorter than the first's | %.1fx (median of the per-repetition"
                    + " ratios) | %s |%n", SPEEDUP_TARGET, speedup, speedup >= SPEEDUP_TARGET ? "**met**" : "unmet"));
            System.out.println(out);
        }
    }

    private static double ms(GenerationResult r) {
        return r.timeToFirstToken().toNanos() / 1e6;
    }

    private static void row(StringBuilder out, String measure, List<Rep> reps, ToDoubleFunction<Rep> first,
            ToDoubleFunction<Rep> second, ToDoubleFunction<Rep> off) {
        double f = median(reps, first);
        double s = median(reps, second);
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.1fx |%n", measure, f, s,
                median(reps, off), f / s));
    }

    private static double median(List<Rep> reps, ToDoubleFunction<Rep> metric) {
        double[] v = reps.stream().mapToDouble(metric).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Two calls sharing a prefix: its token ids followed by different tails. */
    private record Calls(int[] first, int[] second) {
        static Calls draw(Random random, int vocab, int shared, int tail) {
            int[] prefix = random.ints(shared, LocalModelTable.FIRST_ORDINARY_TOKEN, vocab).toArray();
            return new Calls(withTail(prefix, random, vocab, tail), withTail(prefix, random, vocab, tail));
        }

        private static int[] withTail(int[] prefix, Random random, int vocab, int tail) {
            int[] out = Arrays.copyOf(prefix, prefix.length + tail);
            for (int i = prefix.length; i < out.length; i++) {
                out[i] = random.nextInt(LocalModelTable.FIRST_ORDINARY_TOKEN, vocab);
            }
            return out;
        }
    }

    private record Rep(GenerationResult first, GenerationResult second, GenerationResult off, boolean sameTokens) {}
}
