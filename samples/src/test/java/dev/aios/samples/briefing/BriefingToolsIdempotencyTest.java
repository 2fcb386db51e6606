package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.sensors.TaskTracker;
import dev.aios.tools.InProcessToolRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The briefing's side-effecting tools (mail.draft, tracker.create, tracker.update) act once per idempotency key. */
class BriefingToolsIdempotencyTest {
    @TempDir
    Path dir;

    private InProcessToolRegistry tools(BriefingWorld world) {
        return BriefingTools.over(world, TaskTracker.open(world.tracker()), new ArrayList<>());
    }

    private static Map<String, Object> draft(String text) {
        return Map.of("to", "Ben <ben@lumen.dev>", "subject", "Re: slides", "text", text);
    }

    private static long drafts(BriefingWorld world) throws Exception {
        Path folder = world.out().resolve("drafts");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void sideEffectingToolsDeclareKeys() {
        InProcessToolRegistry tools = tools(BriefingWorld.writeTo(dir));
        for (String name : List.of("mail.draft", "tracker.create", "tracker.update")) {
            assertThat(tools.find(name).orElseThrow().risk().acceptsIdempotencyKey()).as(name).isTrue();
        }
        assertThat(tools.find("mail.send").orElseThrow().risk().acceptsIdempotencyKey()).isFalse();
    }

    @Test
    void aDraftIsWrittenOncePerKeyAndAFreshToolStillKnowsTheKey() throws Exception {
        BriefingWorld world = BriefingWorld.writeTo(dir);
        long before = drafts(world);
        ToolResult first = tools(world).call(new ToolCall("r/1", "mail.draft", draft("Hi Ben, attached."), "run-1/d1"));
        Path file = world.out().resolve("drafts/re-slides.eml");
        String written = Files.readString(file);
        assertThat(written).contains("X-Draft: not sent\nX-Idempotency-Key: run-1/d1\n\nHi Ben, attached.");
        Files.writeString(file, written.replace("attached", "attached (edited)"));

        InProcessToolRegistry restarted = tools(world);
        assertThat(restarted.call(new ToolCall("r/2", "mail.draft", draft("Hi Ben, attached."), "run-1/d1")))
                .isEqualTo(first);
        assertThat(Files.readString(file)).contains("(edited)");
        assertThat(drafts(world)).isEqualTo(before + 1);

        restarted.call(new ToolCall("r/3", "mail.draft", draft("Hi Ben, v2."), "run-2/d1"));
        assertThat(Files.readString(file)).contains("v2.").doesNotContain("(edited)");
    }

    @Test
    void aBugIsFiledOncePerKeyAcrossRestartsAndTwiceForTwoKeys() {
        BriefingWorld world = BriefingWorld.writeTo(dir);
        int before = TaskTracker.open(world.tracker()).items().size();
        Map<String, Object> bug = Map.of("title", "Export crashes", "description", "from #dev", "project", "lumen");
        ToolResult first = tools(world).call(new ToolCall("r/1", "tracker.create", bug, "run-1/b1"));
        assertThat(first.error()).as(first.text()).isFalse();
        assertThat(tools(world).call(new ToolCall("r/2", "tracker.create", bug, "run-1/b1"))).isEqualTo(first);
        assertThat(TaskTracker.open(world.tracker()).items()).hasSize(before + 1);
        tools(world).call(new ToolCall("r/3", "tracker.create", bug, "run-2/b1"));
        assertThat(TaskTracker.open(world.tracker()).items()).hasSize(before + 2);
    }
}
