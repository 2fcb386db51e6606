package dev.aios.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.samples.briefing.BriefingWorld;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: the desk agent prepares the day, the gate stops the mail, the agent replans. */
class MainTest {

    @Test
    void preparesTheDayAndReplansAroundTheRefusedMail(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"desk", "--world", dir.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("status:  SUCCEEDED", "Sprint planning", "Carla Diaz at ACME",
                "Chase ACME for the corrected invoice 4411", "mail.send", "DENIED", "[reflect]", "reused");
        assertThat(Files.readString(dir.resolve("out/briefing.md"))).contains("## Meetings", "Vendor call");
        assertThat(Files.readString(dir.resolve("out/drafts/team.txt"))).startsWith("To: team").contains("Today:");
        assertThat(out).doesNotContain("Book the sprint room"); // done tasks are not open
    }

    @Test
    void withNoGoalItRunsTheMorningBriefingAndWritesItAsMarkdownAndHtml(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--world", dir.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("AI-OS morning briefing", "# Your morning briefing", "## Mail that needs you",
                "## Reply drafts (not sent)", "## Today's meetings", "## Bug reported in chat",
                "## What I could not do, and why");
        assertThat(dir.resolve("out/briefing.md")).exists();
        assertThat(dir.resolve("out/briefing.html")).exists();

        // A second run with a new memory object: what the first learned comes back from state/.
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"briefing", "--world", dir.toString()},
                new PrintStream(again, true, StandardCharsets.UTF_8))).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("Brain calls this run: 0; reused skill, ",
                "Already in the tracker as T-7; not filed again", "[aware]   1 new observation(s)"); // the item the first run filed; no mail read twice
    }

    @Test
    void badOptionIsAClearErrorNotACrash(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--wrld", dir.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown option --wrld");
    }

    /** Runs Main with no brains from the environment, whatever the machine has set. */
    private static String main(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isEqualTo(expectedExit);
        return out;
    }

    /** The Message-ID of the world's request whose id contains {@code slug}. */
    private static String messageId(Path scratch, String slug) {
        return BriefingWorld.writeTo(scratch).trueLabels().keySet().stream().filter(id -> id.contains(slug)).findFirst()
                .orElseThrow();
    }

    @Test
    void aModelFolderOnTheCommandLineIsTheDraftBrainAndABadAnswerFallsBack(@TempDir Path dir) {
        // A tiny random model: its text is noise, so what is deterministic is that it ran and was named.
        Path model = RandomCheckpoint.builder().seed(1).maxPositions(2048).writeTo(dir.resolve("model"));

        String out = main(0, "--world", dir.resolve("world").toString(), "--model", model.toString());

        assertThat(out).contains("draft brains: local-model (local), routed", "Draft brains, routed: local-model ",
                "## Reply drafts (not sent)", "## What I could not do, and why")
                .doesNotContain("No generative brain configured");
        assertThat(out).containsAnyOf("Written by local-model", "local-model's draft was rejected", "local-model failed");
    }

    @Test
    void aMissingModelFolderIsABadArgument(@TempDir Path dir) {
        String out = main(2, "--world", dir.resolve("world").toString(), "--model", dir.resolve("nowhere").toString());
        assertThat(out).contains("cannot use the configured brains", "nowhere", "does not exist");
    }

    @Test
    void aCorrectionOnTheCommandLineIsLearnedAndKept(@TempDir Path dir) {
        String world = dir.resolve("world").toString();
        String id = messageId(dir.resolve("scratch"), "slides-from-the-archit");

        String first = main(0, "--world", world, "--correct", id + "=noise");
        assertThat(first).contains("[correct] " + id + " is noise", "Triage corrections learned so far: 1");

        String second = main(0, "--world", world);
        assertThat(second).contains("Triage corrections learned so far: 1");
        String noise = second.substring(second.indexOf("## Noise"), second.indexOf("## Reply drafts"));
        assertThat(noise).contains("Ben Okafor: Slides from the architecture review", "id " + id);
    }

    @Test
    void aBadLabelOrAnUnknownMessageIsAClearErrorWithExitTwo(@TempDir Path dir) {
        String world = dir.resolve("world").toString();
        String id = messageId(dir.resolve("scratch"), "slides-from-the-archit");

        assertThat(main(2, "--world", world, "--correct", id + "=urgent"))
                .contains("LABEL one of needs-you, routine, noise", "got 'urgent'");
        assertThat(main(2, "--world", world, "--correct", "no-such-message@lumen.dev=noise"))
                .contains("no inbox message with Message-ID no-such-message@lumen.dev");
        assertThat(main(2, "--world", world, "--edit-draft", id + "=" + dir.resolve("missing.txt")))
                .contains("no such file");
        assertThat(main(2, "desk", "--world", world, "--correct", id + "=noise")).contains("for the briefing");
    }

    @Test
    void anEditedDraftFromTheCommandLineBecomesTheVoiceOfLaterRuns(@TempDir Path dir) throws Exception {
        String world = dir.resolve("world").toString();
        main(0, "--world", world);
        Path draft = dir.resolve("world/out/drafts/re-slides-from-the-architecture-review.eml");
        Path edited = dir.resolve("edited.eml");
        Files.writeString(edited, Files.readString(draft).replace("Best,\nSam", "Hope the diagrams help.\n\nCheers,\nSam"));
        String id = messageId(dir.resolve("scratch"), "slides-from-the-archit");

        String withEdit = main(0, "--world", world, "--edit-draft", id + "=" + edited);
        assertThat(withEdit).contains("[voice]", "Edited drafts kept as your voice: 1");

        // A later run, a new process's worth of objects: the edit comes back from the Lucene memory.
        main(0, "--world", world);
        assertThat(Files.readString(draft)).contains("Hi Ben,", "Hope the diagrams help.", "Cheers,\nSam")
                .doesNotContain("X-Draft: not sent\nTo:") // the edit's own headers were not kept as text
                .doesNotContain("Best,");
    }

    @Test
    void aCloudKeyAloneDoesNotSendMailAnywhereWithoutAllowCloud(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"--world", dir.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Map.of("OPENAI_API_KEY", "sk-test-not-a-key"));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out).contains("draft brains: openai (cloud), routed; mail stays on local brains",
                "Did not use openai for drafts", "--allow-cloud", "The briefing's template, greeting and signing as in your reply to")
                .doesNotContain("sk-test-not-a-key", "Written by openai");
    }
}
