package dev.aios.bench;

import dev.aios.api.Brain;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.GateDecision;
import dev.aios.runtime.Agent;
import dev.aios.runtime.FileRunJournal;
import dev.aios.runtime.RiskPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.TearDown;
import dev.aios.testing.ScriptedChatModel;
import dev.aios.tools.InProcessToolRegistry;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent loop's own overhead: the time {@link Agent#run} takes for one goal when the brain
 * answers at once (a {@link ScriptedChatModel} that returns the same plan for every request) and
 * the only tool ({@code noop}) does nothing. What is left is what the runtime itself costs:
 * perceiving, planning (parsing and validating the plan JSON), gating, scheduling steps on
 * virtual threads, calling the tool, verifying, reflecting and building the outcome. Learning is
 * turned off so that memory does not grow from run to run.
 *
 * <p>Three plan shapes, chosen with {@link #shape}:
 * <ul>
 *   <li>{@code 1-step}: a single step;</li>
 *   <li>{@code 20-sequential}: 20 steps, each depending on the previous one;</li>
 *   <li>{@code 20-parallel}: 20 independent steps, which the runtime may run at once.</li>
 * </ul>
 * Every step calls {@code noop} with distinct arguments ({@code {"i": n}}), because the runtime
 * reuses the result of an identical call within a run instead of calling the tool again.
 *
 * <p>Target: under 0.5 ms (500 µs) of loop overhead per step. Published agent frameworks add
 * 4 to 40 ms per step on top of model and tool time. Divide the score (µs per run) by the
 * number of steps of the shape for the per-step figure; {@link LoopOverheadTable} does that and
 * prints a table.
 *
 * <p>Two journals, chosen with {@link #journal}: {@code none} (runs live in memory) and
 * {@code file}, the embedded {@link FileRunJournal} in a temporary folder, durability included:
 * {@code noop} is then declared side-effecting and not idempotent, the worst case, so every step
 * writes a durable intent (an fsync, shared by steps that run at once) before its call.
 *
 * <p>Before measuring, each iteration's setup runs the goal once and throws
 * {@link IllegalStateException} if the run did not succeed or took another number of steps than
 * the plan has, so the benchmark cannot silently measure a failing run.
 *
 * <p>Run (JDK 21+):
 * {@snippet lang=shell :
 * ./mvnw -pl benchmarks -am install -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LoopOverheadBenchmark          # raw JMH
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.LoopOverheadTable  # Markdown table
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoopOverheadBenchmark {

    /** Plan shape: {@code 1-step}, {@code 20-sequential} or {@code 20-parallel}. */
    @Param({"1-step", "20-sequential", "20-parallel"})
    public String shape;

    /** Journal: {@code none} or {@code file}. */
    @Param({"none", "file"})
    public String journal;

    private Agent agent;
    private Goal goal;
    private @Nullable Path folder;
    private @Nullable FileRunJournal files;
    /** Flushes one run of the shape made, measured in the setup (file journal only; else 0). */
    long flushesPerRun;

    /**
     * Builds the agent and checks that one run succeeds with every step of the plan. Done per
     * iteration rather than per trial because the {@link ScriptedChatModel} keeps every request it
     * receives: a fresh one each iteration keeps that record from growing through the whole trial.
     */
    @Setup(Level.Iteration)
    public void setUp() {
        int steps = steps(shape);
        String plan = plan(steps, shape.endsWith("-sequential"));
        boolean journaled = journal.equals("file");
        InProcessToolRegistry tools = InProcessToolRegistry.builder()
                .tool("noop", "does nothing", journaled ? ToolRisk.SIDE_EFFECTING : ToolRisk.READ_ONLY,
                        args -> ToolResult.success("ok"))
                .build();
        Agent.Builder builder = Agent.builder()
                .brain(Brain.local("scripted", ScriptedChatModel.answering(request -> plan)))
                .tools(tools)
                .gatePolicy(RiskPolicy.builder().onSideEffecting(GateDecision.Verdict.ALLOW).build())
                .learners(List.of());
        if (journaled) {
            closeJournal();
            try {
                folder = Files.createTempDirectory("aios-bench-journal");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files = FileRunJournal.open(folder);
            builder.journal(files);
        }
        agent = builder.build();
        goal = Goal.of("Call noop as the plan says (" + shape + ")");

        long flushesBefore = files == null ? 0 : files.flushCount();
        RunOutcome outcome = agent.run(goal);
        flushesPerRun = files == null ? 0 : files.flushCount() - flushesBefore;
        if (!outcome.succeeded() || outcome.stepsTaken() != steps) {
            throw new IllegalStateException("the " + shape + " run must succeed with " + steps
                    + " steps, but ended " + outcome.status() + " after " + outcome.stepsTaken()
                    + " steps: " + outcome.detail());
        }
    }

    /** Closes and deletes the iteration's journal. */
    @TearDown(Level.Iteration)
    public void closeJournal() {
        if (files != null) {
            files.close();
            files = null;
        }
        if (folder != null) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            folder = null;
        }
    }

    /** @return the outcome of one run of the goal (consumed by JMH, so the run is not optimised away) */
    @Benchmark
    public RunOutcome run() {
        return agent.run(goal);
    }

    /**
     * Runs {@code shape} once with a fresh file journal and counts its flushes (fsyncs): the
     * group-commit figure of the table.
     *
     * @return the flushes of one run: its start, its end, and those its steps' intents shared
     */
    static long flushesOfOneRun(String shape) {
        LoopOverheadBenchmark b = new LoopOverheadBenchmark();
        b.shape = shape;
        b.journal = "file";
        b.setUp();
        b.closeJournal();
        return b.flushesPerRun;
    }

    /** @return how many steps the plan of {@code shape} has */
    static int steps(String shape) {
        return switch (shape) {
            case "1-step" -> 1;
            case "20-sequential", "20-parallel" -> 20;
            default -> throw new IllegalArgumentException("unknown shape: " + shape);
        };
    }

    /**
     * @return a plan of {@code steps} calls to {@code noop}, each with distinct arguments; with
     *     {@code chained}, each step depends on the previous one
     */
    static String plan(int steps, boolean chained) {
        StringBuilder json = new StringBuilder("{\"steps\":[");
        for (int n = 1; n <= steps; n++) {
            if (n > 1) {
                json.append(',');
            }
            json.append("{\"id\":\"s").append(n).append("\",\"tool\":\"noop\",\"arguments\":{\"i\":").append(n)
                    .append('}');
            if (chained && n > 1) {
                json.append(",\"dependsOn\":[\"s").append(n - 1).append("\"]");
            }
            json.append('}');
        }
        return json.append("]}").toString();
    }
}
