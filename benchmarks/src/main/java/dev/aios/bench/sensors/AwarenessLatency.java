package dev.aios.bench.sensors;

import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Observation;
import dev.aios.sensors.AwarenessDaemon;
import dev.aios.sensors.MailSensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Awareness latency: the time from a mail file landing in a Maildir's {@code new/} folder (an
 * atomic rename from {@code tmp/}, as mail delivery agents do) to its record being written to
 * memory, while an {@link AwarenessDaemon} runs. Mails are dropped one at a time, each after the
 * previous one arrived plus a random pause (so drops fall at random points of the poll cycle).
 * Runs the watch-service path and the polling-only path, with an in-process map as memory, so
 * the table shows the sensor path itself (a persistent store adds its own write time, measured by
 * its own benchmarks).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.aios.bench.sensors.AwarenessLatency [mails] [pollMillis]}
 * (defaults 200 mails, 250 ms poll interval for the polling path).
 */
public final class AwarenessLatency {
    private AwarenessLatency() {}

    /** A row of the table. */
    private record Row(String path, String memory, int n, double p50, double p95, double max, double mean) {}

    /**
     * @param args optional: the number of mails per configuration, the poll interval in ms
     */
    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long pollMillis = args.length > 1 ? Long.parseLong(args[1]) : 250;
        System.out.printf(Locale.ROOT, "Awareness latency: %d mails per configuration, one at a time, into Maildir new/%n", mails);
        System.out.printf(Locale.ROOT, "JVM %s, %d CPUs%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>();
        rows.add(run("watch service (poll 60 s)", true, Duration.ofSeconds(60), "in-process", mails, 20));
        rows.add(run("polling every " + pollMillis + " ms", false, Duration.ofMillis(pollMillis), "in-process", mails, pollMillis));
        System.out.println();
        System.out.printf(Locale.ROOT, "| %-26s | %-10s | %5s | %9s | %9s | %9s | %9s |%n",
                "path", "memory", "mails", "p50 ms", "p95 ms", "max ms", "mean ms");
        System.out.println("|----------------------------|------------|-------|-----------|-----------|-----------|-----------|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %-26s | %-10s | %5d | %9.2f | %9.2f | %9.2f | %9.2f |%n",
                    r.path(), r.memory(), r.n(), r.p50(), r.p95(), r.max(), r.mean());
        }
    }

    private static Row run(String label, boolean watch, Duration poll, String memoryKind, int mails, long maxPauseMillis)
            throws Exception {
        Path root = Files.createTempDirectory("aios-awareness-");
        Path maildir = root.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        Memory memory = new MapMemory();
        long[] latencies = new long[mails];
        try (AwarenessDaemon daemon = AwarenessDaemon.builder()
                .memory(memory)
                .sensor(MailSensor.builder().maildir(maildir).watch(watch).pollInterval(poll).build())
                .checkpoint(root.resolve("awareness.json"))
                .listener((Observation o) -> arrived.put(o.id(), System.nanoTime()))
                .build()) {
            daemon.start();
            Thread.sleep(200); // the first scan registers the folders with the watch service
            // Warm-up: parsing and memory code paths get compiled before timing starts.
            for (int i = 0; i < 20; i++) {
                drop(maildir, "warmup-" + i, arrived, -1);
            }
            for (int i = 0; i < mails; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(maxPauseMillis + 1));
                latencies[i] = drop(maildir, "m" + i, arrived, i);
                if ((i + 1) % 50 == 0) {
                    System.out.printf(Locale.ROOT, "  %s, %s memory: %d/%d mails%n", label, memoryKind, i + 1, mails);
                }
            }
        } finally {
            memory.close();
            deleteTree(root);
        }
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        double mean = java.util.Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new Row(label, memoryKind, mails, pct(sorted, 0.50), pct(sorted, 0.95), sorted[sorted.length - 1] / 1e6, mean);
    }

    /** Delivers one mail (write to tmp/, rename into new/) and waits until it is in memory; @return nanoseconds. */
    private static long drop(Path maildir, String key, Map<String, Long> arrived, int index) throws Exception {
        String id = key + "@bench.example.com";
        String mail = "Message-ID: <" + id + ">\r\nDate: Mon, 3 Mar 2025 09:15:00 +0100\r\n"
                + "From: Alice Martin <alice@example.com>\r\nTo: sam@example.com\r\nSubject: Status " + key
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe numbers for " + key
                + " are in. Can you review them before Thursday?\r\n";
        String file = System.currentTimeMillis() + "." + key + ".bench";
        Path tmp = maildir.resolve("tmp").resolve(file);
        Files.writeString(tmp, mail, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Files.move(tmp, maildir.resolve("new").resolve(file), StandardCopyOption.ATOMIC_MOVE);
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        Long at;
        while ((at = arrived.get("mail:" + id)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("mail " + index + " (" + id + ") did not reach memory within 30 s");
            }
            Thread.onSpinWait();
            Thread.sleep(0, 50_000);
        }
        return at - start;
    }

    private static double pct(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The cheapest {@link Memory}: isolates the sensor path from the store's write cost. */
    private static final class MapMemory implements Memory {
        private final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();

        @Override
        public void remember(MemoryRecord record) {
            records.put(record.id(), record);
        }

        @Override
        public List<MemoryHit> recall(MemoryQuery query) {
            return List.of();
        }

        @Override
        public boolean forget(String id) {
            return records.remove(id) != null;
        }
    }
}
