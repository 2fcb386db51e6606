package dev.aios.bench.journal;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.RunLog;
import dev.aios.runtime.FileRunJournal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Latency of {@link dev.aios.runtime.FileRunJournal}, printed as a Markdown table: p50 and p90 of
 * a durable append (fsync on: one write and one force), of {@code appendLater} (one write), and
 * the forces that twenty concurrent appends share (group commit), with the machine's load.
 * {@snippet lang=shell :
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.JournalAppendTable
 * java -cp benchmarks/target/benchmarks.jar dev.aios.bench.journal.JournalAppendTable /var/tmp/journal-bench 5000 50
 * }
 * Arguments: the folder to write in (default: a temporary folder under {@code java.io.tmpdir},
 * deleted afterwards; the file system decides what a force costs), the measured appends per
 * row (default 2000, after a warm-up of a quarter as many) and the number of 20-thread bursts
 * (default 20). Bodies are 200 bytes of JSON, about what a step outcome takes.
 */
public final class JournalAppendTable {
    private static final int THREADS = 20;

    private JournalAppendTable() {}

    /**
     * The figures.
     *
     * @param durable p50 and p90 of a durable append, in microseconds
     * @param later p50 and p90 of appendLater, in microseconds
     * @param burstForces forces per burst of 20 concurrent appends, sorted
     * @param folder where the journal was written
     * @param loadBefore the load average before the measurement
     * @param loadAfter the load average after it
     */
    record Figures(double[] durable, double[] later, long[] burstForces, Path folder, String loadBefore,
            String loadAfter) {}

    /** Measures and prints the table; see the class javadoc for the arguments. */
    public static void main(String[] args) throws Exception {
        @Nullable Path folder = args.length > 0 ? Path.of(args[0]) : null;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int bursts = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path dir = folder != null ? folder : Files.createTempDirectory("aios-journal-bench");
        try {
            System.out.println(table(measure(dir, appends, bursts)));
        } finally {
            if (folder == null) {
                deleteTree(dir);
            }
        }
    }

    /** Runs every row in {@code dir} (a fresh subfolder of it). */
    static Figures measure(Path dir, int appends, int bursts) throws Exception {
        String loadBefore = load();
        Path journalDir = dir.resolve("bench-" + System.nanoTime());
        double[] durable;
        double[] later;
        long[] forces = new long[bursts];
        try (FileRunJournal journal = FileRunJournal.open(journalDir)) {
            RunLog log = journal.create("bench", JournalEntry.of(JournalEntry.Kind.RUN_STARTED, body(0)));
            durable = percentiles(time(log, appends, true));
            later = percentiles(time(log, appends, false));
            log.close();
            RunLog burstLog = journal.claim("bench").orElseThrow();
            burst(journal, burstLog); // warm-up
            for (int b = 0; b < bursts; b++) {
                forces[b] = burst(journal, burstLog);
            }
            burstLog.close();
        }
        Arrays.sort(forces);
        return new Figures(durable, later, forces, journalDir.toAbsolutePath(), loadBefore, load());
    }

    private static long[] time(RunLog log, int appends, boolean durable) {
        int warmup = Math.max(10, appends / 4);
        long[] nanos = new long[appends];
        for (int i = -warmup; i < appends; i++) {
            JournalEntry e = JournalEntry.of(JournalEntry.Kind.STEP_OUTCOME, body(i));
            long t0 = System.nanoTime();
            if (durable) {
                log.append(e);
            } else {
                log.appendLater(e);
            }
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                nanos[i] = t;
            }
        }
        return nanos;
    }

    private static long burst(FileRunJournal journal, RunLog log) throws Exception {
        long before = journal.flushCount();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int n = t;
                done.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    log.append(JournalEntry.of(JournalEntry.Kind.STEP_INTENT, body(n)));
                    return null;
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return journal.flushCount() - before;
    }

    private static String body(int i) {
        String head = "{\"step\":" + i + ",\"tool\":\"calendar.add\",\"result\":\"";
        return head + "x".repeat(Math.max(0, 200 - head.length() - 2)) + "\"}";
    }

    private static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {at(sorted, 0.50) / 1000.0, at(sorted, 0.90) / 1000.0};
    }

    private static long at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }

    /** @return the figures as a Markdown table, with the machine and its load */
    static String table(Figures f) {
        StringBuilder out = new StringBuilder();
        out.append("File run journal append latency (").append(System.getProperty("java.vm.name")).append(' ')
                .append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs; folder ").append(f.folder()).append(")\n\n");
        out.append("| what | p50 | p90 |\n|---|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| append, durable (write + force) | %.1f µs | %.1f µs |%n",
                f.durable()[0], f.durable()[1]));
        out.append(String.format(Locale.ROOT, "| appendLater (write only) | %.1f µs | %.1f µs |%n",
                f.later()[0], f.later()[1]));
        long[] forces = f.burstForces();
        out.append(String.format(Locale.ROOT, "| forces for 20 concurrent appends (%d bursts) | %d | %d (max %d) |%n",
                forces.length, at(forces, 0.50), at(forces, 0.90), forces[forces.length - 1]));
        out.append("\nMachine load average before: ").append(f.loadBefore()).append(", after: ").append(f.loadAfter())
                .append(". A force costs what the folder's file system and disk make it cost (tmpfs: nothing).");
        return out.toString();
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
