package dev.aios.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
