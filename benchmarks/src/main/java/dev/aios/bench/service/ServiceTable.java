package dev.aios.bench.service;

import dev.aios.api.Memory;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.service.AiosConfig;
import dev.aios.service.AiosService;
import dev.aios.service.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The service's figures, as a table:
 * <ol>
 *   <li><b>mail landing to visible in the console:</b> a mail is delivered into the sample
 *       world's Maildir ({@code tmp/} then an atomic rename into {@code new/}, as delivery agents
 *       do) while {@code aios serve} runs in this process; the time until the console's briefing
 *       page, fetched every 5 ms, lists its subject (the awareness daemon's watch service, the
 *       Lucene write, the console's render);</li>
 *   <li><b>console pages with 10,000 memories and 1,000 runs:</b> p50 and p90 of each page, the
 *       memory filled through the service's memory and the journal through 1,000 real runs;</li>
 *   <li><b>resident memory of {@code aios serve}</b> in a JVM of its own while mail arrives at a
 *       compressed rate (an hour of one mail a second by default, delivered at 20 a second): RSS
 *       and heap after a full GC ({@code jcmd GC.run}) every tenth of the way, and the growth
 *       from the first tenth to the end.</li>
 * </ol>
 * Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.aios.bench.service.ServiceTable [landings] [mails for the RSS run] [mails per second]}
 * (defaults 40, 3600, 20; 0 skips a part). It prints the machine's load average: the machine is shared.
 */
public final class ServiceTable {
    private static final DateTimeFormatter RFC_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceTable() {}

    /** @param args optional: landings, mails for the RSS run, mails per second */
    public static void main(String[] args) throws Exception {
        int landings = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int rssMails = args.length > 1 ? Integer.parseInt(args[1]) : 3600;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        System.out.printf(Locale.ROOT, "Service figures; JVM %s, %d CPUs, load average %s%n%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        if (landings > 0) {
            inProcess(landings);
        }
        if (rssMails > 0) {
            rss(rssMails, rate);
        }
        System.out.printf(Locale.ROOT, "%nload average at the end: %s%n", loadAverage());
    }

    private static void inProcess(int landings) throws Exception {
        Path root = Files.createTempDirectory("aios-service-bench-");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        AiosConfig config = AiosConfig.sample(root.resolve("briefing-world"));
        try (AiosService service = AiosService.start(config, AiosService.Options.defaults().withPort(0)
                .withBriefAtStart(false), quiet)) {
            System.out.println("running the first briefing (the console shows arrivals beside it)...");
            service.briefNow();
            URI base = service.consoleUrl();
            String token = service.token();
            Path maildir = root.resolve("briefing-world/mail");
            Random random = new Random(42);
            get(base, token, "/"); // warm the page once
            double[] latency = new double[landings];
            for (int i = 0; i < landings; i++) {
                String subject = "Landing check " + i + " " + Long.toHexString(random.nextLong());
                long start = deliver(maildir, i, subject);
                while (!get(base, token, "/").contains(subject)) {
                    TimeUnit.MILLISECONDS.sleep(5);
                    if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
                        throw new IllegalStateException("mail " + i + " not visible after 30 s");
                    }
                }
                latency[i] = (System.nanoTime() - start) / 1e6;
                TimeUnit.MILLISECONDS.sleep(random.nextInt(200));
            }
            System.out.println();
            System.out.println("| mail landing to visible in the console | n | p50 ms | p90 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| Maildir new/ to the briefing page | %d | %.1f | %.1f | %.1f |%n", landings,
                    pct(latency, 50), pct(latency, 90), pct(latency, 100));

            System.out.println();
            System.out.println("filling memory to 10,000 records and the journal to 1,000 runs...");
            Memory memory = service.agent().memory();
            for (int i = 0; i < 10_000; i++) {
                memory.remember(new MemoryRecord("bench:" + i, i % 2 == 0 ? MemoryLayer.EPISODIC : MemoryLayer.LONG_TERM,
                        "Note " + i + ": the invoice for project " + (i % 97) + " is due on day " + (i % 28),
                        Instant.now().minusSeconds(i * 60L), 0.5, Map.of("source", "bench")));
            }
            int runs = service.agent().runs().size();
            for (int i = runs; i < 1_000; i++) {
                service.agent().run("Note to self number " + i);
            }
            String someRun = service.agent().runs().get(0).runId();
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("briefing", "/");
            pages.put("approvals", "/approvals");
            pages.put("runs", "/runs");
            pages.put("run timeline", "/runs/" + someRun);
            pages.put("memory search", "/memory?q=invoice+project+12");
            pages.put("brains", "/brains");
            System.out.printf(Locale.ROOT, "memory %d+ records, journal %d runs%n%n", 10_000, service.agent().runs().size());
            System.out.println("| console page (10,000 memories, 1,000 runs) | n | p50 ms | p90 ms | bytes |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                for (int i = 0; i < 5; i++) {
                    get(base, token, page.getValue());
                }
                double[] t = new double[30];
                int bytes = 0;
                for (int i = 0; i < t.length; i++) {
                    long start = System.nanoTime();
                    bytes = get(base, token, page.getValue()).length();
                    t[i] = (System.nanoTime() - start) / 1e6;
                }
                System.out.printf(Locale.ROOT, "| %s `%s` | %d | %.1f | %.1f | %d |%n", page.getKey(),
                        page.getValue().replaceAll("/runs/[^/]+$", "/runs/{id}"), t.length, pct(t, 50), pct(t, 90), bytes);
            }
        }
    }

    private static void rss(int mails, int rate) throws Exception {
        Path root = Files.createTempDirectory("aios-service-rss-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Cli.class.getName(), "serve", "--port", "0", "--no-briefing-at-start")
                .directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(root.resolve("serve.log").toFile());
        pb.environment().put("HOME", root.toString());
        pb.environment().remove("AIOS_CONFIG");
        Process serve = pb.start();
        try {
            Path state = root.resolve("briefing-world/state");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(state.resolve(AiosService.URL_FILE))) {
                if (!serve.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("aios serve did not start:\n" + Files.readString(root.resolve("serve.log")));
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            URI base = URI.create(Files.readString(state.resolve(AiosService.URL_FILE)).strip());
            String token = Files.readString(state.resolve(AiosService.TOKEN_FILE)).strip();
            Path maildir = root.resolve("briefing-world/mail");
            System.out.printf(Locale.ROOT, "%n%d mails into aios serve (pid %d) at %d a second (%.0f simulated minutes at one a"
                    + " second)...%n%n", mails, serve.pid(), rate, mails / 60.0);
            System.out.println("| mails delivered | RSS MB | heap used MB (after GC) | threads |");
            System.out.println("|---:|---:|---:|---:|");
            List<long[]> samples = new ArrayList<>();
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 1; i <= mails; i++) {
                deliver(maildir, 100_000 + i, "Routine update " + i);
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (i % Math.max(1, mails / 10) == 0 || i == mails) {
                    TimeUnit.SECONDS.sleep(2); // let the daemon catch up
                    gc(serve.pid());
                    long rssKb = rssKb(serve.pid());
                    String metrics = get(base, token, "/metrics");
                    long heap = (long) sum(metrics, "jvm_memory_used_bytes{area=\"heap\"");
                    long threads = (long) sum(metrics, "jvm_threads_live_threads");
                    samples.add(new long[] {i, rssKb, heap});
                    System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %d |%n", i, rssKb / 1024.0, heap / 1048576.0, threads);
                }
            }
            long[] first = samples.get(0);
            long[] last = samples.get(samples.size() - 1);
            System.out.printf(Locale.ROOT, "%nRSS %.0f MB at the end (goal <= 512); growth from the first tenth: RSS %+.0f MB,"
                    + " heap after GC %+.1f MB%n", last[1] / 1024.0, (last[1] - first[1]) / 1024.0,
                    (last[2] - first[2]) / 1048576.0);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    /** Delivers a mail as a delivery agent does; returns the nano time of the rename. */
    static long deliver(Path maildir, int n, String subject) throws IOException {
        Files.createDirectories(maildir.resolve("tmp"));
        Files.createDirectories(maildir.resolve("new"));
        String id = "bench-" + n + "-" + System.nanoTime() + "@bench.example";
        String mail = "From: Kim Bench <kim@bench.example>\r\nTo: Sam Lee <sam@lumen.dev>\r\nSubject: " + subject
                + "\r\nDate: " + RFC_DATE.format(ZonedDateTime.now()) + "\r\nMessage-ID: <" + id + ">\r\n\r\n"
                + "Hello Sam,\r\njust so you know: item " + n + " is on track.\r\nKim\r\n";
        Path tmp = maildir.resolve("tmp").resolve(id);
        Files.writeString(tmp, mail, StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Files.move(tmp, maildir.resolve("new").resolve(id), StandardCopyOption.ATOMIC_MOVE);
        return start;
    }

    private static String get(URI base, String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization",
                "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void gc(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** The sum of the Prometheus samples whose line starts with {@code prefix}. */
    private static double sum(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(
                l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
