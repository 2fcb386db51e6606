package dev.aios.samples.briefing;

import dev.aios.api.Memory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures {@code ./aios run --video}: the time to turn today's briefing on the sample world into
 * its video, per stage and in all, and the heap the JVM needed at its peak, over a few runs. The
 * issue's goal: at most 30 s on 2 cores, with a peak heap of at most 1 GB. Run it with
 * {@code -Xmx1g} so a run that needs more fails instead of passing on a bigger heap.
 * {@snippet lang=shell :
 * java -Xmx1g -cp "samples/target/classes:$(cat samples/target/classpath.txt)" dev.aios.samples.briefing.BriefingVideoTable [runs]
 * }
 */
public final class BriefingVideoTable {
    private BriefingVideoTable() {}

    /** Prints the table. */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        LocalDate today = LocalDate.now();
        Path dir = Files.createTempDirectory("aios-briefing-video");
        BriefingVideo video = BriefingVideo.withInstalledPrograms();
        BriefingWorld world = BriefingWorld.writeTo(dir.resolve("briefing-world"), today);
        BriefingReport report;
        try (Memory memory = BriefingMemory.open(world.state())) {
            report = new BriefingAgent(world, memory, new PrintStream(OutputStream.nullOutputStream(), true,
                    StandardCharsets.UTF_8)).run();
        }
        System.out.printf("the briefing video of the sample world (%s), %d runs, %d cores, max heap %d MB, load %.2f%n",
                today, runs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<BriefingVideo.Made> made = new ArrayList<>();
        List<Long> peaks = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            Path out = dir.resolve("run-" + (i + 1));
            made.add(video.render(report, world.setup().user().name(), today, out, (stage, done, total) -> {}));
            peaks.add(peakHeap());
        }
        Map<String, List<Duration>> stages = new LinkedHashMap<>();
        for (BriefingVideo.Made m : made) {
            m.stages().forEach((stage, took) -> stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(took));
        }
        System.out.println();
        System.out.println("| stage | median (s) | runs (s) |");
        System.out.println("|---|---|---|");
        stages.forEach((stage, took) -> System.out.printf("| %s | %.1f | %s |%n", stage, median(took), runsOf(took)));
        System.out.printf("| peak heap (MB) | %d | %s |%n", peaks.stream().sorted().toList().get(peaks.size() / 2) >> 20,
                String.join(", ", peaks.stream().map(p -> Long.toString(p >> 20)).toList()));
        BriefingVideo.Made last = made.get(made.size() - 1);
        System.out.printf("%nvideo: %.1f s, %d slides, %s (%d KB); load after: %.2f%n", last.length().toMillis() / 1000.0,
                last.slides(), last.mp4(), Files.size(last.mp4()) >> 10,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double median(List<Duration> took) {
        List<Duration> sorted = took.stream().sorted().toList();
        return sorted.get(sorted.size() / 2).toMillis() / 1000.0;
    }

    private static String runsOf(List<Duration> took) {
        return String.join(", ", took.stream().map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0)).toList());
    }
}
