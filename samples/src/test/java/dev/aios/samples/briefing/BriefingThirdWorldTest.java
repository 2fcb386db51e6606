package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.runtime.InProcessMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The briefing end to end on the third sample world (a Dutch university lab manager's, written
 * apart from the triage code and held out from its tuning): what must hold whatever the classifier
 * makes of the mail. Accuracy is measured, never asserted here; {@link BriefingMeasurements#main}
 * prints it.
 */
class BriefingThirdWorldTest {
    static final BriefingWorld.Sample LAB = BriefingWorld.Sample.LAB_MANAGER;
    /** SHA-256 over every file of the world for 4 March 2026 in UTC, as {@link BriefingWorldTest} hashes the first. */
    private static final String GOLDEN_SHA256 = "1f7ad6be8bf3c52eb0d9a25067a1d4cea1173ddc3ac4717803d1d331f5be4157";

    @TempDir
    static Path dir;

    static BriefingWorld world;
    static BriefingReport report;

    @BeforeAll
    static void runTheBriefing() {
        world = BriefingWorld.writeTo(dir.resolve("world"), LocalDate.now(), LAB);
        report = new BriefingAgent(world, new InProcessMemory(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
    }

    @Test
    void theWorldIsAThirdPersonsTwoWeeksWithEveryMessageLabelled() throws IOException {
        assertThat(world.setup().user()).isEqualTo(LAB.user());
        assertThat(LAB.user().addresses()).hasSize(3);
        Map<String, BriefingWorld.Truth> truth = world.truth();
        assertThat(files(world.mail().resolve("cur"))).hasSize(truth.size());
        assertThat(truth).hasSizeBetween(80, 100);
        assertThat(truth.values()).extracting(BriefingWorld.Truth::label).containsOnly(Triage.LABELS.toArray(String[]::new));
        for (String label : Triage.LABELS) {
            assertThat(truth.values()).as("messages labelled %s", label)
                    .filteredOn(t -> t.label().equals(label)).hasSizeGreaterThanOrEqualTo(20);
        }
        assertThat(truth.values()).filteredOn(BriefingWorld.Truth::phishing).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NOISE));
        assertThat(truth.values()).filteredOn(t -> !t.deadline().isEmpty()).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NEEDS_YOU));
        assertThat(truth.values()).filteredOn(t -> t.deadline().contains("today")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theMailHasTheShapesOfRealMail() throws IOException {
        List<String> inbox = files(world.mail().resolve("cur")).stream().map(BriefingThirdWorldTest::read).toList();
        assertThat(inbox).filteredOn(m -> m.contains("\nContent-Type: text/html")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(inbox).filteredOn(m -> m.contains("\nList-Unsubscribe: <https://")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(inbox).filteredOn(m -> m.contains("\nAuto-Submitted: auto-")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(inbox).filteredOn(m -> m.contains("\nIn-Reply-To: <")).hasSizeGreaterThanOrEqualTo(10);
        // Dutch conventions, written from the day placeholders: 12-03-2026 and week numbers, euros.
        assertThat(String.join("\n", inbox)).containsPattern("\\b\\d{2}-\\d{2}-20\\d{2}\\b").containsPattern("week \\d{1,2}\\b")
                .contains("€ 12.924,00").doesNotContain("{dmy:", "{iso:", "{week:", "{n}");
        // Two of her addresses are aliases that mail and invitations reach her at.
        for (String alias : LAB.user().addresses().subList(1, 3)) {
            assertThat(inbox).as("mail to %s", alias).anyMatch(m -> m.contains("<" + alias + ">") || m.contains("To: " + alias));
        }

        List<String> sent = files(world.mail().resolve(".Sent").resolve("cur")).stream().map(BriefingThirdWorldTest::read).toList();
        assertThat(sent).hasSizeBetween(12, 18);
        assertThat(sent).anyMatch(m -> m.contains("From: Maaike Verhoeven <m.verhoeven@uni-rijnstad.nl>"))
                .anyMatch(m -> m.contains("From: Maaike Verhoeven <maaike.verhoeven@uni-rijnstad.nl>"))
                .anyMatch(m -> m.contains("wrote:\n> "));
        String ics = Files.readString(world.calendar().resolve("work.ics"));
        assertThat(ics.split("DTSTART:" + world.today().toString().replace("-", ""), -1)).hasSize(3);
        assertThat(world.chat().resolve("sbc-lab")).isDirectory();
    }

    @Test
    void theSameDayGivesTheSameFiles() throws IOException {
        BriefingWorld again = BriefingWorld.writeTo(dir.resolve("again"), world.today(), LAB);
        BriefingWorld first = BriefingWorld.writeTo(dir.resolve("first"), world.today(), LAB);

        assertThat(contents(again.root())).isEqualTo(contents(first.root())).hasSizeGreaterThan(100);
    }

    /**
     * Pins the held-out world's bytes (for a fixed day, in UTC): an edit of its fixture after a
     * triage figure was measured on it would make that figure in-sample without anyone noticing.
     */
    @Test
    void writesTheBytesItWasHeldOutWith() throws Exception {
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        try {
            BriefingWorld pinned = BriefingWorld.writeTo(dir.resolve("pinned"), LocalDate.of(2026, 3, 4), LAB);

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : contents(pinned.root()).entrySet()) {
                sha.update((file.getKey().replace('\\', '/') + "\n" + file.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(GOLDEN_SHA256);
        } finally {
            TimeZone.setDefault(zone);
        }
    }

    @Test
    void everyLabelledMessageIsTriagedAndHerOwnMailNeverIs() {
        assertThat(report.triaged()).extracting(BriefingReport.Triaged::messageId)
                .containsExactlyInAnyOrderElementsOf(world.trueLabels().keySet());
        assertThat(report.labels().keySet()).isEqualTo(world.trueLabels().keySet());
        assertThat(report.triaged()).allSatisfy(t -> {
            assertThat(t.label()).isIn(Triage.LABELS);
            assertThat(t.confidence()).isBetween(0.0, 1.0);
            assertThat(LAB.user().isUser(t.from())).as("triaged her own mail: %s", t.from()).isFalse();
        });
    }

    @Test
    void bothMeetingsTodayAreBriefedWithoutHerAmongTheAttendees() {
        assertThat(report.meetings()).extracting(BriefingReport.Meeting::title).containsExactly(
                "SBC group meeting", "Yearly ML-II walk-through L2.14 / L2.16 (IG 21-034)");
        for (BriefingReport.Meeting m : report.meetings()) {
            assertThat(m.attendees()).isNotEmpty()
                    .noneMatch(a -> LAB.user().isUser(a) || a.contains("Maaike Verhoeven"));
            assertThat(m.openThreads()).noneMatch(t -> t.isBlank());
        }
        assertThat(world.out().resolve("briefing.md")).hasContent(report.markdown().strip());
        assertThat(report.markdown()).contains("SBC group meeting", "ML-II walk-through");
    }

    @Test
    void everyDraftPassesTheFactCheck() {
        assertThat(report.draftsFailingFactCheck()).as("drafts stating facts their request does not support").isEmpty();
        assertThat(report.replyDrafts()).allSatisfy(d -> assertThat(LAB.user().isUser(d.to())).isFalse());
    }

    @Test
    void measuringRunsOnTheWorld() {
        BriefingMeasurements.WorldFigures f = BriefingMeasurements.measure(dir.resolve("measured"), world.today(), LAB);

        assertThat(f.messages()).isEqualTo(world.trueLabels().size());
        assertThat(f.unlabelled()).isZero();
        assertThat(f.untriaged()).isZero();
        assertThat(f.corrected()).hasSize(BriefingMeasurements.CORRECTIONS);
        assertThat(f.phishing()).isGreaterThanOrEqualTo(5);
        for (BriefingMeasurements.Estimate e : List.of(f.firstRun(), f.needsYouRecall(), f.uncorrectedBefore(),
                f.uncorrectedAfter(), f.uncorrectedRecallBefore(), f.uncorrectedRecallAfter())) {
            assertThat(e.value()).isBetween(0.0, 1.0).isBetween(e.low(), e.high());
        }
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
