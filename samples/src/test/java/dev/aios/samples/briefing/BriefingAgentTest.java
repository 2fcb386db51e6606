package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.runtime.InProcessMemory;
import dev.aios.sensors.TaskTracker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two briefing runs over one world and one memory, as a user would run it on two mornings. */
class BriefingAgentTest {
    @TempDir
    static Path dir;

    static BriefingWorld world;
    static BriefingAgent firstAgent;
    static BriefingReport first;
    static BriefingAgent secondAgent;
    static BriefingReport second;
    static String log;

    @BeforeAll
    static void runTwice() {
        world = BriefingWorld.writeTo(dir.resolve("world"), LocalDate.now());
        InProcessMemory memory = new InProcessMemory();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        firstAgent = new BriefingAgent(world, memory, out);
        first = firstAgent.run();
        secondAgent = new BriefingAgent(world, memory, out);
        second = secondAgent.run();
        log = bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void routineRequestsGetDraftsInTheUsersVoiceAndNothingIsSent() throws IOException {
        Path drafts = world.out().resolve("drafts");
        List<Path> files;
        try (Stream<Path> list = Files.list(drafts)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        String slides = Files.readString(drafts.resolve("re-slides-from-the-architecture-review.eml"));
        assertThat(slides).startsWith("To: Ben Okafor <ben@lumen.dev>\nSubject: Re: Slides from the architecture review")
                .contains("X-Draft: not sent", "Hi Ben,", "the slides from the architecture review", "Best,\nSam")
                .doesNotContain("Hi Eva", "all-hands");
        for (Path f : files) {
            assertThat(Files.readString(f)).contains("X-Draft: not sent").containsPattern("\n(Hi|Dear) \\w+,");
        }
        assertThat(firstAgent.toolCalls()).contains("mail.draft").doesNotContain("mail.send");
        assertThat(secondAgent.toolCalls()).doesNotContain("mail.send");
        assertThat(first.markdown()).contains("## Reply drafts (not sent)",
                "To do before sending: Attach the slides from the architecture review",
                "The briefing's template, greeting and signing as in your reply to Ben Okafor");
        // The past replies lend their greeting and sign-off, never their sentences.
        assertThat(first.replyDrafts()).hasSize(files.size()).allSatisfy(d -> {
            assertThat(d.text()).doesNotContain("action items", "anything is missing", "Looking forward", "Shout if");
            assertThat(d.factProblem()).as(d.text()).isEmpty();
            assertThat(d.todo()).isNotBlank();
        });
        assertThat(first.draftsFailingFactCheck()).isEmpty();
    }

    @Test
    void eachMeetingBriefNamesItsAttendeesTheirOpenThreadsAndLastNotes() {
        assertThat(first.meetings()).extracting(BriefingReport.Meeting::title)
                .containsExactly("Atlas 2.4 release review", "ACME contract call");
        BriefingReport.Meeting review = first.meetings().get(0);
        assertThat(review.attendees()).containsExactly("Ana Ruiz <ana@lumen.dev>", "Ben Okafor <ben@lumen.dev>");
        assertThat(review.openThreads()).hasSizeLessThanOrEqualTo(MeetingsSection.MAX_OPEN)
                .anyMatch(t -> t.startsWith("Atlas 2.4: go/no-go for Thursday?"))
                .anyMatch(t -> t.startsWith("Urgent: production certificate expires tomorrow"))
                .noneMatch(t -> t.startsWith("Slides from the all-hands")) // answered
                .noneMatch(t -> t.startsWith("Notes from the sprint review")) // answered: the user wrote last
                .noneMatch(t -> t.contains("Eva Novak") || t.contains("Carla Diaz"));
        assertThat(review.lastNotes()).first().asString().contains("Atlas weekly", "offline sync");
        BriefingReport.Meeting acme = first.meetings().get(1);
        assertThat(acme.openThreads()).anyMatch(t -> t.startsWith("Contract renewal"));
        assertThat(acme.lastNotes()).singleElement().asString().contains("invoice 4411");
    }

    @Test
    void theChatBugIsFiledOnceInItsProjectThroughTheGateAndTheSecondRunReusesSkills() {
        assertThat(first.filedBug()).matches("T-\\d+");
        assertThat(first.gateDecision()).contains("ALLOW", "tracker.create", "side-effecting");
        assertThat(second.filedBug()).isEmpty();
        assertThat(second.existingBug()).isEqualTo(first.filedBug());
        assertThat(TaskTracker.open(world.tracker()).items()).filteredOn(i -> i.labels().contains("from-chat"))
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.project()).isEqualTo("atlas-api");
                    assertThat(i.title()).contains("CSV export", "NullPointerException");
                    assertThat(i.description()).contains("Dev Patel: Reproduced on staging");
                });
        assertThat(secondAgent.toolCalls()).contains("tracker.search").doesNotContain("tracker.create");

        assertThat(first.brainCalls()).isEqualTo(2); // one plan for drafting, one for filing
        assertThat(first.skillsReused()).isEqualTo(first.drafts().size() - 1); // the other drafts reuse the first's plan
        assertThat(second.brainCalls()).isLessThan(first.brainCalls()).isZero();
        assertThat(second.skillsReused()).isEqualTo(second.drafts().size()).isPositive();
        assertThat(second.markdown()).contains("reused skill, " + second.skillsReused() + " brain call(s) saved");
        assertThat(log).contains("already filed as " + first.filedBug());
    }

    @Test
    void triageSaysWhyAndTheBriefingIsWrittenAsMarkdownAndEscapedHtml() throws IOException {
        assertThat(first.labels()).hasSize(world.trueLabels().size());
        assertThat(first.reasons().values()).allSatisfy(r -> assertThat(r).isNotEmpty());
        assertThat(first.markdown()).contains("## Mail that needs you", "why: ", "## What I could not do, and why",
                "No generative brain configured");
        assertThat(world.out().resolve("briefing.md")).hasContent(second.markdown().strip());
        String html = Files.readString(world.out().resolve("briefing.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Ana Ruiz &lt;ana@lumen.dev&gt;")
                .doesNotContain("<ana@lumen.dev>");
        assertThat(world.state().resolve("triage.bin")).exists();
        assertThat(world.state().resolve("awareness.json")).exists();
    }

    @Test
    void aCorrectedLabelIsLearnedAndKeptAsALongTermPreference(@TempDir Path own) {
        BriefingWorld w = BriefingWorld.writeTo(own.resolve("world"), LocalDate.now());
        InProcessMemory memory = new InProcessMemory();
        BriefingAgent agent = new BriefingAgent(w, memory, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        agent.ingest();
        String id = agent.inboxIds().get(0);
        agent.correct(id, Triage.NOISE);
        assertThat(agent.triage().get(id).label()).isEqualTo(Triage.NOISE);
        var kept = memory.recall(new dev.aios.api.MemoryQuery("", 10, java.util.Set.of(dev.aios.api.MemoryLayer.LONG_TERM),
                java.util.Map.of("kind", BriefingAgent.TRIAGE_PREFERENCE)));
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).record().metadata()).containsEntry("label", Triage.NOISE).containsEntry("messageId", id);
        assertThat(kept.get(0).record().text()).contains("is noise (the user's correction)");
    }
}
