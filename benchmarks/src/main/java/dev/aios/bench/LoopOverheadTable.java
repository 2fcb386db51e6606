package dev.aios.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link LoopOverheadBenchmark} through the JMH runner and prints a Markdown table of the
 * loop's overhead per step (p50), without a journal and with the embedded file journal, against
 * the targets of under 500 µs per step without and at most 1 ms per step with it.
 * {@snippet lang=shell :
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.LoopOverheadTable
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.LoopOverheadTable -wi 5 -i 10 -f 2
 * }
 * Arguments are JMH command-line options (as for {@code java -jar benchmarks.jar}); they override
 * the benchmark's annotations. The benchmark selection is fixed to {@link LoopOverheadBenchmark}.
 */
public final class LoopOverheadTable {
    /** Per-step overhead the loop must stay under, in microseconds. */
    static final double TARGET_MICROS_PER_STEP = 500.0;
    /** Per-step time with the file journal, durability included, the issue asks for, in microseconds. */
    static final double JOURNAL_TARGET_MICROS_PER_STEP = 1000.0;

    private LoopOverheadTable() {}

    /** Runs the benchmark and prints the table; arguments are JMH options. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(LoopOverheadBenchmark.class.getName() + "\\.")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println(table(results));
    }

    static String table(Collection<RunResult> results) {
        Map<String, Map<String, Result<?>>> byShape = new TreeMap<>(Comparator.comparingInt(LoopOverheadTable::order));
        for (RunResult r : results) {
            byShape.computeIfAbsent(r.getParams().getParam("shape"), k -> new TreeMap<>())
                    .put(r.getParams().getParam("journal"), r.getPrimaryResult());
        }
        StringBuilder out = new StringBuilder();
        out.append("Agent loop overhead per step, p50 (scripted brain, no-op tool, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load ")
                .append(loadAverage()).append(")\n\n");
        out.append("| plan | no journal: µs per step | file journal: µs per step | journal cost, ms per step |"
                + " fsyncs per run | loop target (< 500 µs, no journal) | journal target (≤ 1 ms per step) |\n");
        out.append("|---|---:|---:|---:|---:|:---:|:---:|\n");
        boolean allMet = true;
        for (var row : byShape.entrySet()) {
            String shape = row.getKey();
            int steps = LoopOverheadBenchmark.steps(shape);
            double none = p50(row.getValue().get("none")) / steps;
            double file = p50(row.getValue().get("file")) / steps;
            boolean loopMet = !(none >= TARGET_MICROS_PER_STEP);
            boolean journalMet = !(file >= JOURNAL_TARGET_MICROS_PER_STEP);
            allMet &= loopMet && journalMet;
            long flushes = row.getValue().containsKey("file") ? LoopOverheadBenchmark.flushesOfOneRun(shape) : -1;
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %s | %s | %s |%n", shape, none, file,
                    (file - none) / 1000.0, flushes < 0 ? "-" : Long.toString(flushes), loopMet ? "yes" : "**no**",
                    journalMet ? "yes" : "**no**"));
        }
        out.append("\nfsyncs per run: the run's start and end, plus those its steps' durable intents shared (group"
                + " commit); 20 parallel steps should need at most 3.\n");
        out.append(allMet ? "Targets met for every plan." : "Targets NOT met for every plan.");
        return out.toString();
    }

    /** @return the median time per run in microseconds, NaN if the row is missing */
    private static double p50(@Nullable Result<?> result) {
        if (result == null) {
            return Double.NaN;
        }
        return result.getStatistics().getPercentile(50);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int order(String shape) {
        return switch (shape) {
            case "1-step" -> 0;
            case "20-sequential" -> 1;
            case "20-parallel" -> 2;
            default -> 3;
        };
    }
}
