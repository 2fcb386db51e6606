package dev.aios.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.tools.InProcessToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desk agent's writing tools do their write once per idempotency key, across restarts too. */
class DeskToolsIdempotencyTest {
    @TempDir
    Path dir;

    private static ToolResult call(InProcessToolRegistry tools, String tool, Map<String, Object> args, String key) {
        return tools.call(new ToolCall("run/" + tool, tool, args, key));
    }

    @Test
    void writingToolsDeclareKeysAndReadOnesDoNot() {
        InProcessToolRegistry tools = DeskTools.over(SampleWorld.writeTo(dir));
        assertThat(tools.find("briefing.write").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        assertThat(tools.find("mail.draft").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        assertThat(tools.find("calendar.today").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();
        assertThat(tools.find("mail.send").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();
    }

    @Test
    void theSameKeyWritesOnceAndAnswersTheSame() throws Exception {
        SampleWorld world = SampleWorld.writeTo(dir);
        InProcessToolRegistry tools = DeskTools.over(world);
        Path draft = world.out().resolve("drafts/team.txt");
        ToolResult first = call(tools, "mail.draft", Map.of("to", "team", "text", "Today: standup"), "run-1/s3");
        String written = Files.readString(draft);
        assertThat(written).startsWith("To: team\n").contains("X-Idempotency-Key: run-1/s3\n\nToday: standup");
        // The user edits the draft; the repeated call must not put the old text back.
        Files.writeString(draft, written.replace("standup", "standup, edited"));
        ToolResult again = call(tools, "mail.draft", Map.of("to", "team", "text", "Today: standup"), "run-1/s3");
        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(draft)).contains("standup, edited");

        ToolResult brief = call(tools, "briefing.write", Map.of("text", "# Today\n- standup"), "run-1/s4");
        Path briefing = world.out().resolve("briefing.md");
        assertThat(Files.readString(briefing)).isEqualTo("<!-- idempotency-key: run-1/s4 -->\n# Today\n- standup\n");
        Files.writeString(briefing, Files.readString(briefing).replace("standup", "standup at ten"));
        assertThat(call(tools, "briefing.write", Map.of("text", "# Today\n- standup"), "run-1/s4")).isEqualTo(brief);
        assertThat(Files.readString(briefing)).contains("standup at ten");
    }

    @Test
    void differentKeysWriteTwiceAndTheOlderKeyIsStillKnown() throws Exception {
        SampleWorld world = SampleWorld.writeTo(dir);
        InProcessToolRegistry tools = DeskTools.over(world);
        Path draft = world.out().resolve("drafts/team.txt");
        call(tools, "mail.draft", Map.of("to", "team", "text", "first"), "k-1");
        call(tools, "mail.draft", Map.of("to", "team", "text", "second"), "k-2");
        assertThat(Files.readString(draft)).contains("second").doesNotContain("first");
        call(tools, "mail.draft", Map.of("to", "team", "text", "first"), "k-1");
        assertThat(Files.readString(draft)).as("k-1 was applied before: nothing new").contains("second");
        call(tools, "mail.draft", Map.of("to", "team", "text", "third"), null);
        assertThat(Files.readString(draft)).contains("third", "X-Idempotency-Key: k-1", "X-Idempotency-Key: k-2");
    }

    @Test
    void aFreshToolOverTheSameFolderRecognisesTheKey() throws Exception {
        SampleWorld world = SampleWorld.writeTo(dir);
        String key = "run 7/s1 \"ünïcødé\"\n-->";
        ToolResult first = call(DeskTools.over(world), "briefing.write", Map.of("text", "<!-- idempotency-key: x -->"),
                key);
        Path briefing = world.out().resolve("briefing.md");
        String written = Files.readString(briefing);
        assertThat(written.lines().filter(l -> l.startsWith("<!--")).count()).isEqualTo(2);
        assertThat(written).endsWith("\n\n<!-- idempotency-key: x -->\n");

        InProcessToolRegistry restarted = DeskTools.over(world); // as after the process was killed
        assertThat(call(restarted, "briefing.write", Map.of("text", "<!-- idempotency-key: x -->"), key))
                .isEqualTo(first);
        assertThat(Files.readString(briefing)).isEqualTo(written);
        // Text that looks like a key line is not one.
        call(restarted, "briefing.write", Map.of("text", "new"), "x");
        assertThat(Files.readString(briefing)).contains("new");
        // No key: written as before, without key lines.
        call(restarted, "mail.draft", Map.of("to", "ops", "text", "hi"), null);
        assertThat(Files.readString(world.out().resolve("drafts/ops.txt"))).isEqualTo("To: ops\n\nhi\n");
    }
}
