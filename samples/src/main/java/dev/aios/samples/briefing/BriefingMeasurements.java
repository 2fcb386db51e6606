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
 * The measurements of the morning briefing, printed as a table with a column per sample
 * world ({@link BriefingWorld.Sample}): triage accuracy, needs-you recall and precision on the
 * first run and, after the user corrects 10 labels, on the messages not corrected, each with a
 * 95% bootstrap interval, and the phishing mails put in needs-you; on the first world also brain
 * calls on a first and a second run over the same world and memory, and the awareness daemon's
 * delay from a mail file landing to its record in memory. Each measurement writes a fresh world
 * into a temporary folder. The first world was written with the triage code; the second was
 * written apart from it, but the triage was then changed with its errors in view; the third was
 * written apart from it and nothing was tuned on it, so its figures are the fair estimate of mail
 * the code has not seen.
 * <pre>
 * java -cp ... dev.aios.samples.briefing.BriefingMeasurements
 * </pre>
 */
public final class BriefingMeasurements {
    /** How many labels the simulated user corrects. */
    public static final int CORRECTIONS = 10;
    /** How many bootstrap resamples each confidence interval is taken from. */
    public static final int RESAMPLES = 2000;
    private static final long BOOTSTRAP_SEED = 20_260_705L;

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
     * A figure with its 95% bootstrap confidence interval ({@value #RESAMPLES} resamples of the
     * messages, fixed seed). A figure that is undefined (a recall with no needs-you message, a
     * precision with nothing labelled needs-you) is {@code NaN}, and so are its bounds.
     *
     * @param value the figure on the messages as they are
     * @param low the 2.5th percentile over the resamples
     * @param high the 97.5th percentile over the resamples
     * @param n how many messages the figure is taken over (the denominator)
     */
    public record Estimate(double value, double low, double high, int n) {
        /** @return as a table cell: {@code 71% (62-80) n=92}, or {@code n/a} */
        public String cell() {
            if (Double.isNaN(value)) {
                return "n/a (n=" + n + ")";
            }
            return "%3.0f%% (%2.0f-%3.0f) n=%d".formatted(100 * value, 100 * low, 100 * high, n);
        }
    }

    /**
     * Triage on one sample world, measured against its hidden truth. Only messages that are both
     * triaged and labelled are scored; the others are counted.
     *
     * @param sample the world measured
     * @param messages inbox messages the briefing triaged
     * @param unlabelled triaged messages with no hidden label (not scored)
     * @param untriaged labelled messages the briefing did not triage (not scored; should be 0)
     * @param baseline accuracy of always answering the most common true label
     * @param firstRun accuracy of the first run
     * @param needsYouRecall first run: of the messages that need the user, the share labelled so
     * @param needsYouPrecision first run: of the messages labelled needs-you, the share that do
     * @param uncorrectedBefore first-run accuracy on the messages the simulated user did not correct
     * @param uncorrectedAfter accuracy on those same messages after the corrections
     * @param uncorrectedRecallBefore needs-you recall on those messages, first run
     * @param uncorrectedRecallAfter needs-you recall on those messages after the corrections
     * @param phishing scored messages the truth marks as phishing
     * @param phishingInNeedsYou of those, how many the first run put in needs-you
     * @param phishingInNeedsYouAfter of those, how many are in needs-you after the corrections
     * @param corrected the Message-IDs corrected, in order
     */
    public record WorldFigures(BriefingWorld.Sample sample, int messages, int unlabelled, int untriaged, double baseline,
            Estimate firstRun, Estimate needsYouRecall, Estimate needsYouPrecision, Estimate uncorrectedBefore,
            Estimate uncorrectedAfter, Estimate uncorrectedRecallBefore, Estimate uncorrectedRecallAfter, int phishing,
            int phishingInNeedsYou, int phishingInNeedsYouAfter, List<String> corrected, DeadlineFigures deadlines) {
        /** Copies the list. */
        public WorldFigures {
            corrected = List.copyOf(corrected);
        }
    }

    /**
     * How well triage reads "by when" from the mail that states it.
     *
     * @param stated labelled messages whose hidden truth states a deadline
     * @param found of those, the ones triage found a deadline in
     * @param comparable of those found, the ones whose truth itself reads as a day
     * @param sameDay of those comparable, the ones where triage found that day
     */
    public record DeadlineFigures(int stated, int found, int comparable, int sameDay) {}

    /**
     * Triage accuracy on a fresh first world ({@link BriefingWorld.Sample#PRODUCT_LEAD}); see
     * {@link #measure(Path, LocalDate, BriefingWorld.Sample)}.
     */
    public static TriageResult triage(Path folder, LocalDate today) {
        WorldFigures f = measure(folder, today, BriefingWorld.Sample.PRODUCT_LEAD);
        return new TriageResult(f.messages(), f.baseline(), f.firstRun().value(), f.uncorrectedBefore().value(),
                f.uncorrectedAfter().value(), f.corrected());
    }

    /**
     * Triage on the sample world under {@code folder} (written for {@code today} unless one is
     * there already): first run, then after the simulated user corrects {@value #CORRECTIONS}
     * labels, on the messages not corrected. The user reads the briefing in its order (needs you,
     * routine, noise; newest first within each) and corrects the first {@value #CORRECTIONS} wrong
     * labels met; if there are fewer, they confirm the least confident of the rest, so there are
     * always {@value #CORRECTIONS}. Messages without a hidden label are neither scored nor
     * corrected.
     */
    public static WorldFigures measure(Path folder, LocalDate today, BriefingWorld.Sample sample) {
        BriefingWorld world = BriefingWorld.writeTo(folder, today, sample);
        Map<String, BriefingWorld.Truth> truth = world.truth();
        try (Memory memory = new InProcessMemory()) {
            BriefingAgent agent = new BriefingAgent(world, memory, quiet());
            agent.ingest();
            Map<String, Classification> first = agent.triage();
            Map<String, Classification> scored = new java.util.LinkedHashMap<>();
            first.forEach((id, c) -> {
                if (truth.containsKey(id)) {
                    scored.put(id, c);
                }
            });
            Map<String, String> labels = new java.util.TreeMap<>();
            truth.forEach((id, t) -> labels.put(id, t.label()));
            List<String> corrected = corrections(scored, labels);
            for (String id : corrected) {
                agent.correct(id, labels.get(id));
            }
            Map<String, Classification> after = agent.triage();
            List<String> all = List.copyOf(scored.keySet());
            List<String> rest = all.stream().filter(id -> !corrected.contains(id)).toList();
            long majority = all.stream().collect(Collectors.groupingBy(labels::get, Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).max().orElse(0);
            List<String> phishing = all.stream().filter(id -> truth.get(id).phishing()).toList();
            DeadlineFigures deadlines = deadlines(agent, truth);
            return new WorldFigures(sample, first.size(), first.size() - scored.size(),
                    (int) truth.keySet().stream().filter(id -> !first.containsKey(id)).count(),
                    all.isEmpty() ? Double.NaN : (double) majority / all.size(),
                    estimate(all, ids -> accuracy(first, ids, labels), ids -> ids.size()),
                    estimate(all, ids -> recall(first, ids, labels), ids -> truly(ids, labels).size()),
                    estimate(all, ids -> precision(first, ids, labels), ids -> flagged(first, ids).size()),
                    estimate(rest, ids -> accuracy(first, ids, labels), ids -> ids.size()),
                    estimate(rest, ids -> accuracy(after, ids, labels), ids -> ids.size()),
                    estimate(rest, ids -> recall(first, ids, labels), ids -> truly(ids, labels).size()),
                    estimate(rest, ids -> recall(after, ids, labels), ids -> truly(ids, labels).size()),
                    phishing.size(), flagged(first, phishing).size(), flagged(after, phishing).size(), corrected, deadlines);
        }
    }

    /**
     * Reply drafts of one whole briefing run on a sample world, each checked against its request.
     *
     * @param sample the world
     * @param drafts how many reply drafts the run wrote
     * @param failingFactCheck why each draft that states a fact absent from its request, its thread
     *     and the user's instruction fails the check (empty when none does)
     */
    public record DraftFigures(BriefingWorld.Sample sample, int drafts, List<String> failingFactCheck) {
        /** Copies the list. */
        public DraftFigures {
            failingFactCheck = List.copyOf(failingFactCheck);
        }
    }

    /** Runs the whole briefing once on a fresh {@code sample} world (no brain) and fact-checks every draft. */
    public static DraftFigures drafts(Path folder, LocalDate today, BriefingWorld.Sample sample) {
        BriefingWorld world = BriefingWorld.writeTo(folder, today, sample);
        try (Memory memory = new InProcessMemory()) {
            BriefingReport report = new BriefingAgent(world, memory, quiet()).run();
            return new DraftFigures(sample, report.replyDrafts().size(), report.draftsFailingFactCheck().stream()
                    .map(d -> d.subject() + ": " + d.factProblem().orElse("")).toList());
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

    /**
     * Compares the deadline triage finds in each message with the one its truth states. The truth
     * is free text ("by 16:00 today", "within 3 working days"), read as of the message's date by
     * the same reader as the mail, so the day check counts only truths that reader understands.
     */
    private static DeadlineFigures deadlines(BriefingAgent agent, Map<String, BriefingWorld.Truth> truth) {
        int stated = 0;
        int found = 0;
        int comparable = 0;
        int sameDay = 0;
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        for (MailItem m : agent.inboxItems()) {
            BriefingWorld.Truth t = truth.get(m.messageId());
            if (t == null || t.deadline().isEmpty()) {
                continue;
            }
            stated++;
            var got = agent.triageModel().deadline(m);
            if (got.isEmpty()) {
                continue;
            }
            found++;
            var expected = Deadline.find(t.deadline(), m.at().atZone(zone));
            if (expected.isPresent()) {
                comparable++;
                sameDay += expected.get().due().toLocalDate().equals(got.get().due().toLocalDate()) ? 1 : 0;
            }
        }
        return new DeadlineFigures(stated, found, comparable, sameDay);
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

    /** @return of the {@code ids} that truly need the user, the share labelled needs-you; NaN when none does */
    static double recall(Map<String, Classification> predicted, List<String> ids, Map<String, String> truth) {
        List<String> relevant = truly(ids, truth);
        return relevant.isEmpty() ? Double.NaN : (double) flagged(predicted, relevant).size() / relevant.size();
    }

    /** @return of the {@code ids} labelled needs-you, the share that truly need the user; NaN when none is */
    static double precision(Map<String, Classification> predicted, List<String> ids, Map<String, String> truth) {
        List<String> flagged = flagged(predicted, ids);
        return flagged.isEmpty() ? Double.NaN
                : (double) flagged.stream().filter(id -> Triage.NEEDS_YOU.equals(truth.get(id))).count() / flagged.size();
    }

    private static List<String> truly(List<String> ids, Map<String, String> truth) {
        return ids.stream().filter(id -> Triage.NEEDS_YOU.equals(truth.get(id))).toList();
    }

    private static List<String> flagged(Map<String, Classification> predicted, List<String> ids) {
        return ids.stream().filter(id -> predicted.get(id).label().equals(Triage.NEEDS_YOU)).toList();
    }

    /**
     * The statistic on {@code ids} with a 95% percentile bootstrap interval: {@value #RESAMPLES}
     * resamples of the ids with replacement, from a fixed seed so the same triage gives the same
     * interval. Resamples where the statistic is undefined (NaN) are left out.
     */
    static Estimate estimate(List<String> ids, java.util.function.ToDoubleFunction<List<String>> statistic,
            java.util.function.ToIntFunction<List<String>> denominator) {
        double value = statistic.applyAsDouble(ids);
        if (ids.isEmpty() || Double.isNaN(value)) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, denominator.applyAsInt(ids));
        }
        java.util.Random random = new java.util.Random(BOOTSTRAP_SEED);
        double[] draws = new double[RESAMPLES];
        int kept = 0;
        List<String> sample = new java.util.ArrayList<>(ids.size());
        for (int r = 0; r < RESAMPLES; r++) {
            sample.clear();
            for (int i = 0; i < ids.size(); i++) {
                sample.add(ids.get(random.nextInt(ids.size())));
            }
            double d = statistic.applyAsDouble(sample);
            if (!Double.isNaN(d)) {
                draws[kept++] = d;
            }
        }
        double[] sorted = java.util.Arrays.copyOf(draws, kept);
        java.util.Arrays.sort(sorted);
        return new Estimate(value, sorted[(int) Math.floor(0.025 * (kept - 1))], sorted[(int) Math.ceil(0.975 * (kept - 1))],
                denominator.applyAsInt(ids));
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** Prints the measurements table: triage on every sample world, skills and awareness on the first. */
    public static void main(String[] args) throws IOException {
        LocalDate today = LocalDate.now();
        Path dir = Files.createTempDirectory("aios-briefing-measure");
        System.out.println("measuring the morning briefing on fresh sample worlds (" + today + ") under " + dir + " ...");
        List<WorldFigures> worlds = new java.util.ArrayList<>();
        for (BriefingWorld.Sample sample : BriefingWorld.Sample.values()) {
            worlds.add(measure(dir.resolve("triage-" + sample.name().toLowerCase(java.util.Locale.ROOT)), today, sample));
        }
        List<DraftFigures> drafts = new java.util.ArrayList<>();
        for (BriefingWorld.Sample sample : BriefingWorld.Sample.values()) {
            drafts.add(drafts(dir.resolve("drafts-" + sample.name().toLowerCase(java.util.Locale.ROOT)), today, sample));
        }
        SkillResult s = skills(dir.resolve("skills"), today);
        List<Long> latency = awarenessLatency(dir.resolve("latency"), today, 9);
        List<Long> sorted = latency.stream().sorted().toList();
        System.out.println();
        System.out.print(table(worlds, drafts, s, sorted));
        for (DraftFigures d : drafts) {
            d.failingFactCheck().forEach(p -> System.out.println("draft failing the fact check ("
                    + d.sample().name().toLowerCase(java.util.Locale.ROOT) + "): " + p));
        }
        System.out.println("\n(95% bootstrap intervals over messages, " + RESAMPLES + " resamples; n = the denominator;"
                + " skills and awareness measured on the first world only)");
    }

    /** @return the table as markdown, a column per world (the drafts of each world in its column) */
    static String table(List<WorldFigures> worlds, List<DraftFigures> drafts, SkillResult s, List<Long> latencySorted) {
        StringBuilder out = new StringBuilder();
        java.util.function.BiConsumer<String, java.util.function.Function<WorldFigures, String>> row = (name, cell) -> {
            out.append("| %-64s |".formatted(name));
            for (WorldFigures w : worlds) {
                out.append(" %-30s |".formatted(cell.apply(w)));
            }
            out.append('\n');
        };
        row.accept("measurement", w -> w.sample().user().name() + " (" + w.sample().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + (TriageFit.HELD_OUT.contains(w.sample()) ? ", held out" : "") + ")");
        out.append("|").append("-".repeat(66)).append("|");
        worlds.forEach(w -> out.append("-".repeat(32)).append("|"));
        out.append('\n');
        row.accept("inbox messages triaged", w -> Integer.toString(w.messages()));
        row.accept("... without a hidden label (not scored) / labelled, not triaged",
                w -> w.unlabelled() + " / " + w.untriaged());
        row.accept("triage accuracy, trivial baseline (majority label)", w -> "%3.0f%%".formatted(100 * w.baseline()));
        row.accept("triage accuracy, first run", w -> w.firstRun().cell());
        row.accept("needs-you recall, first run", w -> w.needsYouRecall().cell());
        row.accept("needs-you precision, first run", w -> w.needsYouPrecision().cell());
        row.accept("accuracy on the messages not corrected, before", w -> w.uncorrectedBefore().cell());
        row.accept("... the same messages after " + CORRECTIONS + " corrections", w -> w.uncorrectedAfter().cell());
        row.accept("needs-you recall on the messages not corrected, before", w -> w.uncorrectedRecallBefore().cell());
        row.accept("... the same messages after " + CORRECTIONS + " corrections", w -> w.uncorrectedRecallAfter().cell());
        row.accept("phishing mails (truth) / put in needs-you: first run, after",
                w -> w.phishing() + " / " + w.phishingInNeedsYou() + ", " + w.phishingInNeedsYouAfter());
        row.accept("stated deadlines (truth) / found / on the same day, of those comparable",
                w -> w.deadlines().stated() + " / " + w.deadlines().found() + " / " + w.deadlines().sameDay() + " of "
                        + w.deadlines().comparable());
        row.accept("reply drafts written / failing the fact check", w -> drafts.stream()
                .filter(d -> d.sample() == w.sample()).findFirst()
                .map(d -> d.drafts() + " / " + d.failingFactCheck().size()).orElse("-"));
        java.util.function.BiConsumer<String, String> firstOnly =
                (name, value) -> row.accept(name, w -> w == worlds.get(0) ? value : "-");
        firstOnly.accept("brain calls, first run", Integer.toString(s.firstRunCalls()));
        firstOnly.accept("brain calls, second run (same world and memory)", Integer.toString(s.secondRunCalls()));
        firstOnly.accept("plans from learned skills in the second run (saved)", Integer.toString(s.secondRunReused()));
        firstOnly.accept("bug filed by the first run / found by the second", s.filedFirst() + " / " + s.foundSecond());
        firstOnly.accept("awareness: mail file landed -> in memory, median (ms)",
                Long.toString(latencySorted.get(latencySorted.size() / 2)));
        firstOnly.accept("awareness: ... slowest of " + latencySorted.size() + " (ms)",
                Long.toString(latencySorted.get(latencySorted.size() - 1)));
        return out.toString();
    }
}
