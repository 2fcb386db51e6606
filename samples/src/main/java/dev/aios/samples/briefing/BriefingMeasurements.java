package dev.aios.samples.briefing;

import dev.aios.api.Memory;
import dev.aios.routing.Classification;
import dev.aios.runtime.InProcessMemory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The measurements of the morning briefing, printed as a table: triage accuracy on the
 * first run and, after the user corrects 10 labels, on the messages not corrected; brain calls
 * on a first and a second run over the same world and memory; and the awareness daemon's delay
 * from a mail file landing to its record in memory. Each measurement writes a fresh world into
 * a temporary folder.
 * <pre>
 * java -cp ... dev.aios.samples.briefing.BriefingMeasurements
 * </pre>
 */
public final class BriefingMeasurements {
    /** How many labels the simulated user corrects. */
    public static final int CORRECTIONS = 10;

    private BriefingMeasurements() {}

    /**
     * Triage accuracy before and after corrections.
     *
     * @param messages inbox size
     * @param baseline accuracy of always answering the most common true label
     * @param firstRun accuracy of the first run on every message
     * @param uncorrectedBefore first-run accuracy on the messages the user did not correct
     * @param uncorrectedAfter accuracy on those same messages after the corrections
     * @param corrected the Message-IDs corrected, in order
     */
    public record TriageResult(int messages, double baseline, double firstRun, double uncorrectedBefore,
            double uncorrectedAfter, List<String> corrected) {}

    /**
     * Brain calls over two runs on the same world and memory.
     *
     * @param firstRunCalls plans written by the brain in the first run
     * @param secondRunCalls plans written by the brain in the second run
     * @param secondRunReused plans the second run took from learned skills
     * @param filedFirst the tracker item filed by the first run
     * @param foundSecond the tracker item the second run found already filed
     */
    public record SkillResult(int firstRunCalls, int secondRunCalls, int secondRunReused, String filedFirst,
            String foundSecond) {}

    /**
     * Triage accuracy on a fresh world: first run, then after the simulated user corrects
     * {@value #CORRECTIONS} labels, on the messages not corrected. The user reads the briefing in
     * its order (needs you, routine, noise; newest first within each) and corrects the first
     * {@value #CORRECTIONS} wrong labels met; if there are fewer, they confirm the least confident
     * of the rest, so there are always {@value #CORRECTIONS}.
     */
    public static TriageResult triage(Path folder, LocalDate today) {
        BriefingWorld world = BriefingWorld.writeTo(folder, today);
        Map<String, String> truth = world.trueLabels();
        try (Memory memory = new InProcessMemory()) {
            BriefingAgent agent = new BriefingAgent(world, memory, quiet());
            agent.ingest();
            Map<String, Classification> first = agent.triage();
            List<String> corrected = corrections(first, truth);
            for (String id : corrected) {
                agent.correct(id, truth.get(id));
            }
            Map<String, Classification> after = agent.triage();
            List<String> rest = first.keySet().stream().filter(id -> !corrected.contains(id)).toList();
            long majority = truth.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).max().orElse(0);
            return new TriageResult(first.size(), (double) majority / truth.size(), accuracy(first, first.keySet(), truth),
                    accuracy(first, rest, truth), accuracy(after, rest, truth), corrected);
        }
    }

    /** Two briefing runs over one world with one memory: the second files nothing again and reuses skills. */
    public static SkillResult skills(Path folder, LocalDate today) {
        BriefingWorld world = BriefingWorld.writeTo(folder, today);
        try (Memory memory = new InProcessMemory()) {
            BriefingReport first = new BriefingAgent(world, memory, quiet()).run();
            BriefingReport second = new BriefingAgent(world, memory, quiet()).run();
            return new SkillResult(first.brainCalls(), second.brainCalls(), second.skillsReused(), first.filedBug(),
                    second.existingBug());
        }
    }

    /**
     * Awareness: while the daemon runs (watching the mail folder), how long from a message file
     * landing in the Maildir ({@code tmp/} then moved to {@code new/}, as mail delivery does) to its
     * record in memory. The daemon reads the world first; then {@code samples} messages land one at
     * a time.
     *
     * @return the latencies in milliseconds, in the order measured
     */
    public static List<Long> awarenessLatency(Path folder, LocalDate today, int samples) {
        BriefingWorld world = BriefingWorld.writeTo(folder, today);
        InProcessMemory memory = new InProcessMemory();
        dev.aios.sensors.MailSensor mail = dev.aios.sensors.MailSensor.builder().maildir(world.mail())
                .pollInterval(java.time.Duration.ofSeconds(2)).build();
        List<Long> out = new java.util.ArrayList<>();
        try (dev.aios.sensors.AwarenessDaemon daemon = dev.aios.sensors.AwarenessDaemon.builder()
                .memory(memory).sensor(mail).checkpoint(world.state().resolve("latency-checkpoint.json")).build()) {
            daemon.start();
            mail.scanNow();
            for (int i = 0; i < samples; i++) {
                String id = "latency-" + i + "@lumen.dev";
                String message = "Message-ID: <" + id + ">\nDate: Mon, 2 Mar 2026 09:00:00 +0000\nFrom: Ana Ruiz <ana@lumen.dev>\n"
                        + "To: Sam Lee <sam@lumen.dev>\nSubject: Quick question " + i + "\n\nCan you call me?\n";
                Path tmp = world.mail().resolve("tmp").resolve("latency." + i);
                Files.writeString(tmp, message);
                long start = System.nanoTime();
                Files.move(tmp, world.mail().resolve("new").resolve("latency." + i));
                long deadline = start + java.time.Duration.ofSeconds(10).toNanos();
                while (memory.recall(new dev.aios.api.MemoryQuery("", 1, java.util.Set.of(),
                        Map.of("messageId", id))).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("message " + id + " did not reach memory within 10 s");
                    }
                    Thread.onSpinWait();
                }
                out.add((System.nanoTime() - start) / 1_000_000);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static List<String> corrections(Map<String, Classification> first, Map<String, String> truth) {
        List<String> reading = new java.util.ArrayList<>();
        for (String label : List.of(Triage.NEEDS_YOU, Triage.ROUTINE, Triage.NOISE)) {
            first.forEach((id, c) -> {
                if (c.label().equals(label)) {
                    reading.add(id);
                }
            });
        }
        List<String> picked = new java.util.ArrayList<>(reading.stream()
                .filter(id -> !first.get(id).label().equals(truth.get(id))).limit(CORRECTIONS).toList());
        first.entrySet().stream()
                .filter(e -> !picked.contains(e.getKey()))
                .sorted(Comparator.comparingDouble((Map.Entry<String, Classification> e) -> e.getValue().confidence())
                        .thenComparing(Map.Entry::getKey))
                .limit(Math.max(0, CORRECTIONS - picked.size()))
                .forEach(e -> picked.add(e.getKey()));
        return List.copyOf(picked);
    }

    static double accuracy(Map<String, Classification> predicted, java.util.Collection<String> ids, Map<String, String> truth) {
        long right = ids.stream().filter(id -> predicted.get(id).label().equals(truth.get(id))).count();
        return ids.isEmpty() ? 0 : (double) right / ids.size();
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Prints the measurements table. */
    public static void main(String[] args) throws IOException {
        LocalDate today = LocalDate.now();
        Path dir = Files.createTempDirectory("aios-briefing-measure");
        System.out.println("measuring the morning briefing on a fresh sample world (" + today + ") under " + dir + " ...");
        TriageResult t = triage(dir.resolve("triage"), today);
        SkillResult s = skills(dir.resolve("skills"), today);
        List<Long> latency = awarenessLatency(dir.resolve("latency"), today, 9);
        List<Long> sorted = latency.stream().sorted().toList();
        System.out.println();
        System.out.println("| measurement                                             | value |");
        System.out.println("|---------------------------------------------------------|-------|");
        System.out.printf("| inbox messages (hidden true labels)                     | %5d |%n", t.messages());
        System.out.printf("| triage accuracy, trivial baseline (majority label)      | %4.0f%% |%n", 100 * t.baseline());
        System.out.printf("| triage accuracy, first run, all messages                | %4.0f%% |%n", 100 * t.firstRun());
        System.out.printf("| ... on the %2d messages not corrected, before            | %4.0f%% |%n",
                t.messages() - t.corrected().size(), 100 * t.uncorrectedBefore());
        System.out.printf("| ... on the same messages after %2d corrections           | %4.0f%% |%n", t.corrected().size(),
                100 * t.uncorrectedAfter());
        System.out.printf("| brain calls, first run                                  | %5d |%n", s.firstRunCalls());
        System.out.printf("| brain calls, second run (same world and memory)         | %5d |%n", s.secondRunCalls());
        System.out.printf("| plans from learned skills in the second run (saved)     | %5d |%n", s.secondRunReused());
        System.out.printf("| bug filed by the first run / found by the second        | %s / %s |%n", s.filedFirst(),
                s.foundSecond());
        System.out.printf("| awareness: mail file landed -> in memory, median (ms)   | %5d |%n", sorted.get(sorted.size() / 2));
        System.out.printf("| awareness: ... slowest of %d (ms)                        | %5d |%n", sorted.size(),
                sorted.get(sorted.size() - 1));
    }
}
