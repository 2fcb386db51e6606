package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.runtime.InProcessMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The briefing end to end on the second sample world (a construction site manager's, written apart
 * from the triage code): what must hold whatever the classifier makes of the mail. Accuracy is
 * measured, not asserted here; {@link BriefingMeasurements#main} prints it.
 */
class BriefingSecondWorldTest {
    static final BriefingWorld.Sample SITE = BriefingWorld.Sample.SITE_MANAGER;

    @TempDir
    static Path dir;

    static BriefingWorld world;
    static BriefingReport report;

    @BeforeAll
    static void runTheBriefing() {
        world = BriefingWorld.writeTo(dir.resolve("world"), LocalDate.now(), SITE);
        report = new BriefingAgent(world, new InProcessMemory(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).run();
    }

    @Test
    void theWorldIsAnotherPersonsTwoWeeksWithHandLabelsAndPhishing() throws IOException {
        assertThat(world.setup().user()).isEqualTo(SITE.user());
        assertThat(SITE.user().addresses()).hasSize(2);
        Map<String, BriefingWorld.Truth> truth = world.truth();
        assertThat(files(world.mail().resolve("cur"))).hasSize(truth.size());
        assertThat(truth).hasSizeBetween(80, 100);
        assertThat(truth.values()).extracting(BriefingWorld.Truth::label).containsOnly(Triage.LABELS.toArray(String[]::new));
        assertThat(truth.values()).filteredOn(BriefingWorld.Truth::phishing).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NOISE));
        assertThat(truth.values()).filteredOn(t -> t.deadline().contains("today")).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NEEDS_YOU));

        List<String> sent = files(world.mail().resolve(".Sent").resolve("cur")).stream().map(BriefingSecondWorldTest::read).toList();
        assertThat(sent).hasSizeBetween(12, 18);
        for (String address : SITE.user().addresses()) {
            assertThat(sent).anyMatch(m -> m.contains("From: Rhiannon Price <" + address + ">"));
        }
        String ics = Files.readString(world.calendar().resolve("work.ics"));
        assertThat(ics.split("DTSTART:" + world.today().toString().replace("-", ""), -1)).hasSize(3);
    }

    @Test
    void theSameDayGivesTheSameFiles() throws IOException {
        BriefingWorld again = BriefingWorld.writeTo(dir.resolve("again"), world.today(), SITE);
        BriefingWorld first = BriefingWorld.writeTo(dir.resolve("first"), world.today(), SITE);

        assertThat(contents(again.root())).isEqualTo(contents(first.root())).hasSizeGreaterThan(100);
    }

    @Test
    void everyLabelledMessageIsTriagedAndHerOwnMailNeverIs() {
        assertThat(report.triaged()).extracting(BriefingReport.Triaged::messageId)
                .containsExactlyInAnyOrderElementsOf(world.trueLabels().keySet());
        assertThat(report.labels().keySet()).isEqualTo(world.trueLabels().keySet());
        assertThat(report.triaged()).allSatisfy(t -> {
            assertThat(t.label()).isIn(Triage.LABELS);
            assertThat(t.confidence()).isBetween(0.0, 1.0);
            assertThat(SITE.user().isUser(t.from())).as("triaged her own mail: %s", t.from()).isFalse();
        });
    }

    @Test
    void sheIsNoAttendeeOfHerOwnMeetingsEvenWhenInvitedAtHerAlias() {
        assertThat(report.meetings()).extracting(BriefingReport.Meeting::title).containsExactly(
                "Progress Meeting 8 - Canal Wharf Block C", "Building Control inspection BC/0947/C - L5 slab reinforcement");
        for (BriefingReport.Meeting m : report.meetings()) {
            assertThat(m.attendees()).isNotEmpty()
                    .noneMatch(a -> SITE.user().isUser(a) || a.contains("Rhiannon Price"));
        }
    }

    @Test
    void theBriefingIsWritten() {
        assertThat(world.out().resolve("briefing.md")).hasContent(report.markdown().strip());
        assertThat(report.markdown()).contains("Progress Meeting 8");
    }

    @Test
    void measuringSkipsAMessageWithNoLabelInsteadOfFailing() throws IOException {
        BriefingWorld copy = BriefingWorld.writeTo(dir.resolve("unlabelled"), world.today(), SITE);
        ObjectNode labels = (ObjectNode) BriefingJson.MAPPER.readTree(copy.labelsFile().toFile());
        String dropped = labels.fieldNames().next();
        labels.remove(dropped);
        Files.writeString(copy.labelsFile(), BriefingJson.PRETTY.writeValueAsString(labels));

        BriefingMeasurements.WorldFigures f = BriefingMeasurements.measure(copy.root(), copy.today(), SITE);

        assertThat(f.unlabelled()).isEqualTo(1);
        assertThat(f.untriaged()).isZero();
        assertThat(f.corrected()).hasSize(BriefingMeasurements.CORRECTIONS).doesNotContain(dropped);
        assertThat(f.firstRun().n()).isEqualTo(f.messages() - 1);
        assertThat(f.phishing()).isGreaterThanOrEqualTo(3);
        for (BriefingMeasurements.Estimate e : List.of(f.firstRun(), f.needsYouRecall(), f.uncorrectedBefore(),
                f.uncorrectedAfter(), f.uncorrectedRecallBefore(), f.uncorrectedRecallAfter())) {
            assertThat(e.value()).isBetween(0.0, 1.0).isBetween(e.low(), e.high());
        }
        System.out.println("[second world] first run " + f.firstRun().cell() + ", needs-you recall " + f.needsYouRecall().cell()
                + ", precision " + f.needsYouPrecision().cell() + ", phishing in needs-you " + f.phishingInNeedsYou());
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
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
            throw new java.io.UncheckedIOException(e);
        }
    }
}
