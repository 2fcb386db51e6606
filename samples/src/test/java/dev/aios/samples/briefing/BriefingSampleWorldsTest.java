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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The briefing end to end on every sample world written apart from the triage code: what must
 * hold whatever the classifier makes of the mail. Accuracy is measured, never asserted here;
 * {@link BriefingMeasurements#main} prints it. Each world's bytes are pinned, so an edit of a
 * world after a triage figure was measured on it shows (it would make that figure in-sample).
 */
class BriefingSampleWorldsTest {
    /**
     * What one world promises beyond the shape every world has.
     *
     * @param sample the world
     * @param pinnedSha256 the hash of its files for {@link WorldFiles#PINNED_DAY} in UTC
     * @param meetingsToday the titles of today's meetings, in order
     * @param conventions patterns its dates and money are written in
     * @param chatChannel a chat channel it has
     */
    record World(BriefingWorld.Sample sample, String pinnedSha256, List<String> meetingsToday, List<String> conventions,
            String chatChannel) {
        @Override
        public String toString() {
            return sample.name();
        }
    }

    static Stream<World> worlds() {
        return Stream.of(
                new World(BriefingWorld.Sample.SITE_MANAGER, "2e993e1b5dcdbb39ec933c4eee3e0ded19e3eaf2bbf9d36999372a4ffc8e30ac",
                        List.of("Progress Meeting 8 - Canal Wharf Block C",
                                "Building Control inspection BC/0947/C - L5 slab reinforcement"),
                        List.of("\\b\\d{2}/\\d{2}/20\\d{2}\\b", "£\\d"), "canal-wharf-site"),
                new World(BriefingWorld.Sample.LAB_MANAGER, "e358b49daf53373f6127d768857e70b5d3fa5fbef320b0610395f31f8e64ee7b",
                        List.of("SBC group meeting", "Yearly ML-II walk-through L2.14 / L2.16 (IG 21-034)"),
                        List.of("\\b\\d{2}-\\d{2}-20\\d{2}\\b", "week \\d{1,2}\\b", "€ 12\\.924,00"), "sbc-lab"),
                new World(BriefingWorld.Sample.SCHOOL_LEADER, "48ec943fb7977c5ae90a4e2b209854785dc32cb5f4e1640d9ad7770ad4f519ec",
                        List.of("Annual IEP review - Marcus Bell (Gr 7)", "Parent meeting - Tyler Kowalczyk (Gr 8)"),
                        List.of("\\b(0[1-9]|1[0-2])/\\d{2}/20\\d{2}\\b", "\\$\\d{1,3}(,\\d{3})*\\.\\d{2}", "\\d{1,2}:\\d{2} [AP]M"), "pms-admin"),
                new World(BriefingWorld.Sample.FINANCE_CONTROLLER, "5803cc457a47c6aca3f56f4dbd7c15b9be8e9dc8b7bb7bb1deb785cb3039a585",
                        List.of("Weekly finance review - payments, collections, close", "IPCL interim audit - status meeting and Query list 2"),
                        List.of("\\b\\d{2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-20\\d{2}\\b", "\\b\\d{2}\\.\\d{2}\\.20\\d{2}\\b",
                                "₹\\d{1,2}(,\\d{2})*,\\d{3}", "lakh"), "fin-ops"),
                new World(BriefingWorld.Sample.SUPPORT_LEAD, "abf4a96aff5f72d56e7e263265b0c93829940031efa557682e6ba3ef7c484c98",
                        List.of("Weekly escalation review", "Northbridge Health Partners - support model and escalation walkthrough"),
                        List.of("\\b20\\d{2}-\\d{2}-\\d{2}\\b", "\\$\\d{1,3}(,\\d{3})*\\.\\d{2} CAD", "Bonjour"), "support-escalations"),
                new World(BriefingWorld.Sample.WARD_MANAGER, "a24bfa82362fc37bfef0a3bfee87741c7979fc377b882ae176acacb85c6f6417",
                        List.of("Surgical Services NUM meeting", "Initial incident review: fall with injury, 5C bed 14 (SAC 2)"),
                        List.of("\\b\\d{2}/\\d{2}/20\\d{2}\\b", "\\$\\d{1,3}(,\\d{3})*\\.\\d{2}"), "ward5c-team"));
    }

    @TempDir
    static Path dir;

    private record Run(BriefingWorld world, BriefingReport report) {}

    private static final Map<BriefingWorld.Sample, Run> RUNS = new ConcurrentHashMap<>();

    /** The briefing's one run on the world, shared by the tests that read it. */
    private static Run run(World w) {
        return RUNS.computeIfAbsent(w.sample(), s -> {
            BriefingWorld world = BriefingWorld.writeTo(dir.resolve(s.name()), LocalDate.now(), s);
            BriefingReport report = new BriefingAgent(world, new InProcessMemory(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
            return new Run(world, report);
        });
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void theWorldIsAPersonsTwoWeeksWithEveryMessageLabelled(World w) throws IOException {
        BriefingWorld world = run(w).world();
        assertThat(world.setup().user()).isEqualTo(w.sample().user());
        assertThat(w.sample().user().addresses()).hasSizeGreaterThanOrEqualTo(2);
        Map<String, BriefingWorld.Truth> truth = world.truth();
        assertThat(WorldFiles.texts(world.mail().resolve("cur"))).hasSize(truth.size());
        assertThat(truth).hasSizeBetween(80, 100);
        assertThat(truth.values()).extracting(BriefingWorld.Truth::label).containsOnly(Triage.LABELS.toArray(String[]::new));
        for (String label : Triage.LABELS) {
            assertThat(truth.values()).as("messages labelled %s", label)
                    .filteredOn(t -> t.label().equals(label)).hasSizeGreaterThanOrEqualTo(20);
        }
        assertThat(truth.values()).filteredOn(BriefingWorld.Truth::phishing).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NOISE));
        assertThat(truth.values()).filteredOn(t -> !t.deadline().isEmpty()).hasSizeGreaterThanOrEqualTo(7)
                .allSatisfy(t -> assertThat(t.label()).isEqualTo(Triage.NEEDS_YOU));
        assertThat(truth.values()).filteredOn(t -> t.deadline().contains("today")).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void theMailHasTheShapesOfRealMail(World w) throws IOException {
        BriefingWorld world = run(w).world();
        BriefingUser user = w.sample().user();
        List<String> inbox = WorldFiles.texts(world.mail().resolve("cur"));
        assertThat(inbox).filteredOn(m -> m.contains("\nContent-Type: text/html")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(inbox).filteredOn(m -> m.contains("\nList-Unsubscribe: <https://")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(inbox).filteredOn(m -> m.contains("\nAuto-Submitted: auto-")).hasSizeGreaterThanOrEqualTo(8);
        assertThat(inbox).filteredOn(m -> m.contains("\nIn-Reply-To: <")).hasSizeGreaterThanOrEqualTo(5);
        String all = String.join("\n", inbox);
        for (String convention : w.conventions()) {
            assertThat(all).containsPattern(convention);
        }
        assertThat(all).doesNotContainPattern("\\{(date|day|dow|dmy|iso|week|n)(:-?\\d+)?}");
        for (String alias : user.addresses().subList(1, user.addresses().size())) {
            assertThat(inbox).as("mail to %s", alias).anyMatch(m -> m.contains("<" + alias + ">") || m.contains("To: " + alias));
        }

        List<String> sent = WorldFiles.texts(world.mail().resolve(".Sent").resolve("cur"));
        assertThat(sent).hasSizeBetween(12, 18).anyMatch(m -> m.contains("wrote:\n> "));
        for (String address : user.addresses().subList(0, 2)) {
            assertThat(sent).anyMatch(m -> m.contains("From: " + user.name() + " <" + address + ">"));
        }
        String ics = Files.readString(world.calendar().resolve("work.ics"));
        assertThat(ics.split("DTSTART:" + world.today().toString().replace("-", ""), -1)).hasSize(w.meetingsToday().size() + 1);
        assertThat(world.chat().resolve(w.chatChannel())).isDirectory();
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void theSameDayGivesTheSameFiles(World w) throws IOException {
        Path folder = Files.createTempDirectory(dir, "again");
        BriefingWorld again = BriefingWorld.writeTo(folder.resolve("a"), LocalDate.now(), w.sample());
        BriefingWorld first = BriefingWorld.writeTo(folder.resolve("b"), LocalDate.now(), w.sample());

        assertThat(WorldFiles.contents(again.root())).isEqualTo(WorldFiles.contents(first.root())).hasSizeGreaterThan(100);
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void writesTheBytesItWasMeasuredWith(World w) throws IOException {
        assertThat(WorldFiles.pinnedHash(Files.createTempDirectory(dir, "pinned"), w.sample())).isEqualTo(w.pinnedSha256());
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void everyLabelledMessageIsTriagedAndTheUsersOwnMailNeverIs(World w) {
        Run run = run(w);
        assertThat(run.report().triaged()).extracting(BriefingReport.Triaged::messageId)
                .containsExactlyInAnyOrderElementsOf(run.world().trueLabels().keySet());
        assertThat(run.report().labels().keySet()).isEqualTo(run.world().trueLabels().keySet());
        assertThat(run.report().triaged()).allSatisfy(t -> {
            assertThat(t.label()).isIn(Triage.LABELS);
            assertThat(t.confidence()).isBetween(0.0, 1.0);
            assertThat(w.sample().user().isUser(t.from())).as("triaged the user's own mail: %s", t.from()).isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void todaysMeetingsAreBriefedWithoutTheUserAmongTheAttendees(World w) {
        Run run = run(w);
        BriefingUser user = w.sample().user();
        assertThat(run.report().meetings()).extracting(BriefingReport.Meeting::title).containsExactlyElementsOf(w.meetingsToday());
        for (BriefingReport.Meeting m : run.report().meetings()) {
            assertThat(m.attendees()).isNotEmpty().noneMatch(a -> user.isUser(a) || a.contains(user.name()));
            assertThat(m.openThreads()).noneMatch(String::isBlank);
        }
        assertThat(run.world().out().resolve("briefing.md")).hasContent(run.report().markdown().strip());
        assertThat(run.report().markdown()).contains(w.meetingsToday().get(0));
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void everyDraftPassesTheFactCheck(World w) {
        Run run = run(w);
        assertThat(run.report().draftsFailingFactCheck()).as("drafts stating facts their request does not support").isEmpty();
        assertThat(run.report().replyDrafts()).allSatisfy(d -> assertThat(w.sample().user().isUser(d.to())).isFalse());
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void measuringRunsOnTheWorld(World w) throws IOException {
        BriefingMeasurements.WorldFigures f = BriefingMeasurements.measure(Files.createTempDirectory(dir, "measured"),
                LocalDate.now(), w.sample());

        assertThat(f.messages()).isEqualTo(run(w).world().trueLabels().size());
        assertThat(f.unlabelled()).isZero();
        assertThat(f.untriaged()).isZero();
        assertThat(f.corrected()).hasSize(BriefingMeasurements.CORRECTIONS);
        assertThat(f.phishing()).isGreaterThanOrEqualTo(5);
        for (BriefingMeasurements.Estimate e : List.of(f.firstRun(), f.needsYouRecall(), f.uncorrectedBefore(),
                f.uncorrectedAfter(), f.uncorrectedRecallBefore(), f.uncorrectedRecallAfter())) {
            assertThat(e.value()).isBetween(0.0, 1.0).isBetween(e.low(), e.high());
        }
    }

    @Test
    void measuringSkipsAMessageWithNoLabelInsteadOfFailing() throws IOException {
        BriefingWorld.Sample sample = BriefingWorld.Sample.SITE_MANAGER;
        BriefingWorld copy = BriefingWorld.writeTo(dir.resolve("unlabelled"), LocalDate.now(), sample);
        ObjectNode labels = (ObjectNode) BriefingJson.MAPPER.readTree(copy.labelsFile().toFile());
        String dropped = labels.fieldNames().next();
        labels.remove(dropped);
        Files.writeString(copy.labelsFile(), BriefingJson.PRETTY.writeValueAsString(labels));

        BriefingMeasurements.WorldFigures f = BriefingMeasurements.measure(copy.root(), copy.today(), sample);

        assertThat(f.unlabelled()).isEqualTo(1);
        assertThat(f.untriaged()).isZero();
        assertThat(f.corrected()).hasSize(BriefingMeasurements.CORRECTIONS).doesNotContain(dropped);
        assertThat(f.firstRun().n()).isEqualTo(f.messages() - 1);
    }
}
