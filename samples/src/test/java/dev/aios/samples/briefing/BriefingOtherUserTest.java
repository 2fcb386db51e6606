package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.runtime.InProcessMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The briefing on a mailbox that is not the sample's: the sample world rewritten as Ola Berg's
 * (another name, another address and domain, her inbox and her sent mail in two Maildirs, the
 * calendar as one file). Nothing about Sam Lee may be assumed.
 */
class BriefingOtherUserTest {
    static final String OLA = "ola.berg@fjordfreight.no";
    static final String ALIAS = "ola@fjordfreight.no";

    @TempDir
    static Path dir;

    static BriefingWorld sample;
    static BriefingSetup setup;
    static BriefingReport report;

    @BeforeAll
    static void runOlasBriefing() throws IOException {
        sample = BriefingWorld.writeTo(dir.resolve("sample"), LocalDate.now());
        setup = olasWorld(dir.resolve("ola"), false).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        report = new BriefingAgent(setup, new InProcessMemory(), new PrintStream(log, true, StandardCharsets.UTF_8),
                List.of(), false, null).run();
    }

    /**
     * Copies the sample world into {@code root} as Ola's: her inbox in {@code Inbox/}, her sent mail
     * in {@code Sent/} (both Maildirs; file names, with their {@code :2,S} flags, kept), the calendar
     * as {@code calendar.ics}, chat in {@code slack/}. With {@code alias}, every other sent reply
     * goes out from her alias.
     */
    static BriefingSetup.Builder olasWorld(Path root, boolean alias) throws IOException {
        copy(sample.mail().resolve("cur"), root.resolve("Inbox/cur"), alias);
        copy(sample.mail().resolve(".Sent/cur"), root.resolve("Sent/cur"), alias);
        for (String maildir : List.of("Inbox", "Sent")) {
            Files.createDirectories(root.resolve(maildir).resolve("new"));
            Files.createDirectories(root.resolve(maildir).resolve("tmp"));
        }
        copy(sample.calendar(), root, alias);
        Files.move(root.resolve("work.ics"), root.resolve("calendar.ics"));
        copy(sample.chat(), root.resolve("slack"), alias);
        Files.copy(sample.tracker(), root.resolve("tracker.json"));
        return BriefingSetup.builder()
                .user(alias ? BriefingUser.of("Ola Berg", OLA, ALIAS) : BriefingUser.of("Ola Berg", OLA))
                .maildir(root.resolve("Inbox")).maildir(root.resolve("Sent"))
                .calendar(root.resolve("calendar.ics")).slackExport(root.resolve("slack"))
                .tracker(root.resolve("tracker.json"))
                .state(root.resolve("state")).out(root.resolve("out")).today(sample.today());
    }

    private static void copy(Path from, Path to, boolean alias) throws IOException {
        AtomicInteger n = new AtomicInteger();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                String address = alias && f.toString().contains(".Sent") && n.getAndIncrement() % 2 == 0 ? ALIAS : OLA;
                String text = Files.readString(f).replace("sam@lumen.dev", address).replace("Sam Lee", "Ola Berg")
                        .replace("\nSam\n", "\nOla\n").replace("\"name\": \"sam\"", "\"name\": \"ola\"");
                Files.writeString(target, text);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Test
    void herOwnSentRepliesAreNotTriaged() {
        assertThat(report.triaged()).hasSize(sample.trueLabels().size());
        assertThat(report.triaged()).extracting(BriefingReport.Triaged::messageId)
                .containsExactlyInAnyOrderElementsOf(sample.trueLabels().keySet());
        assertThat(report.triaged()).noneMatch(t -> t.from().contains(OLA) || t.from().contains("Ola Berg"));
        assertThat(report.triaged()).allSatisfy(t -> {
            assertThat(t.from()).matches(".+ <[^@]+@[^>]+>");
            assertThat(t.label()).isIn(Triage.LABELS);
            assertThat(t.confidence()).isBetween(0.0, 1.0);
        });
        assertThat(report.labels().keySet()).isEqualTo(sample.trueLabels().keySet());
    }

    @Test
    void sheIsNoAttendeeOfHerOwnMeetingsAndHerRepliesAreNoOpenThreads() {
        assertThat(report.meetings()).extracting(BriefingReport.Meeting::title)
                .containsExactly("Atlas 2.4 release review", "ACME contract call");
        for (BriefingReport.Meeting m : report.meetings()) {
            assertThat(m.attendees()).isNotEmpty().noneMatch(a -> a.contains(OLA) || a.contains("Ola Berg"));
            assertThat(m.openThreads()).noneMatch(t -> t.contains("Ola Berg"));
        }
        assertThat(report.meetings().get(0).attendees()).containsExactly("Ana Ruiz <ana@lumen.dev>",
                "Ben Okafor <ben@lumen.dev>");
        assertThat(report.meetings().get(0).openThreads()).noneMatch(t -> t.startsWith("Slides from the all-hands"));
    }

    @Test
    void draftsFollowHerPastRepliesAndAreSignedAsHer() throws IOException {
        assertThat(report.replyDrafts()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(report.replyDrafts()).allSatisfy(d -> assertThat(d.voice()).isNotBlank());
        String slides = Files.readString(setup.out().resolve("drafts/re-slides-from-the-architecture-review.eml"));
        assertThat(slides).startsWith("To: Ben Okafor <ben@lumen.dev>").contains("Best,\nOla").doesNotContain("Sam");
        assertThat(report.markdown()).doesNotContain("Sam Lee", "sam@lumen.dev");
    }

    @Test
    void repliesFromAnAliasAreHersToo() throws IOException {
        BriefingSetup withAlias = olasWorld(dir.resolve("alias"), true).build();
        BriefingAgent agent = new BriefingAgent(withAlias, new InProcessMemory(), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), List.of(), false, null);
        agent.ingest();
        assertThat(agent.inboxIds()).containsExactlyInAnyOrderElementsOf(sample.trueLabels().keySet());

        // The same mailbox, the alias unknown: the replies sent from it look like incoming mail.
        BriefingSetup withoutAlias = BriefingSetup.builder().user(BriefingUser.of("Ola Berg", OLA))
                .maildir(withAlias.maildirs().get(0)).maildir(withAlias.maildirs().get(1))
                .state(dir.resolve("alias/state-2")).out(dir.resolve("alias/out-2")).today(withAlias.today()).build();
        BriefingAgent blind = new BriefingAgent(withoutAlias, new InProcessMemory(), new PrintStream(
                new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), List.of(), false, null);
        blind.ingest();
        assertThat(blind.inboxIds()).hasSizeGreaterThan(sample.trueLabels().size());
    }

    @Test
    void aMissingSourceIsNamedBeforeAnythingIsWritten() {
        Path nowhere = dir.resolve("missing/Mail");
        Path state = dir.resolve("missing/state");
        assertThatThrownBy(() -> BriefingSetup.builder().user(BriefingUser.of("Ola Berg", OLA)).maildir(nowhere)
                .state(state).out(dir.resolve("missing/out")).today(LocalDate.now()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maildir").hasMessageContaining(nowhere.toString()).hasMessageContaining("does not exist");
        assertThat(state).doesNotExist();
        assertThatThrownBy(() -> olasWorld(dir.resolve("missing-cal"), false).calendar(dir.resolve("nope.ics")).build())
                .hasMessageContaining("calendar").hasMessageContaining("nope.ics");
    }

    @Test
    void aUserIsRecognisedByAnyAddressIgnoringCase() {
        BriefingUser ola = BriefingUser.of("Ola Berg", OLA, ALIAS);
        assertThat(ola.isUser("Ola.Berg@FjordFreight.no")).isTrue();
        assertThat(ola.isUser("Ola <ola@fjordfreight.no>")).isTrue();
        assertThat(ola.isUser("sam@lumen.dev")).isFalse();
        assertThat(ola.domains()).containsExactly("fjordfreight.no");
        assertThatThrownBy(() -> BriefingUser.of("Ola Berg")).hasMessageContaining("at least one mail address");
        assertThatThrownBy(() -> BriefingUser.of("Ola Berg", "Ola Berg")).hasMessageContaining("'Ola Berg' is not a mail address");
        assertThatThrownBy(() -> BriefingUser.of(" ", OLA)).hasMessageContaining("needs a name");
    }
}
