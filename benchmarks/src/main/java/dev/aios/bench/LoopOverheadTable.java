package dev.aios.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * loop's overhead per run and per step, against the target of under 500 µs per step.
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
        List<RunResult> rows = new ArrayList<>(results);
        rows.sort(Comparator.comparingInt(r -> order(r.getParams().getParam("shape"))));
        StringBuilder out = new StringBuilder();
        out.append("Agent loop overhead per step (scripted brain, no-op tool, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version())
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs)\n\n");
        out.append("| plan | µs per run | µs per step | ms per step | target met (per step < 500 µs) |\n");
        out.append("|---|---:|---:|---:|:---:|\n");
        boolean allMet = true;
        for (RunResult row : rows) {
            String shape = row.getParams().getParam("shape");
            int steps = LoopOverheadBenchmark.steps(shape);
            Result<?> score = row.getPrimaryResult();
            double perRun = score.getScore();
            double error = score.getScoreError();
            double perStep = perRun / steps;
            boolean met = perStep < TARGET_MICROS_PER_STEP;
            allMet &= met;
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %s |%n", shape,
                    Double.isNaN(error) ? String.format(Locale.ROOT, "%.1f", perRun)
                            : String.format(Locale.ROOT, "%.1f ± %.1f", perRun, error),
                    perStep, perStep / 1000.0, met ? "yes" : "**no**"));
        }
        out.append('\n').append(allMet ? "Target met for every plan." : "Target NOT met for every plan.");
        return out.toString();
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
