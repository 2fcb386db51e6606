package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ApprovalRequest;
import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.runtime.InProcessMemory;
import dev.aios.runtime.RunHandle;
import dev.aios.sensors.TaskTracker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Send the draft X": planned as mail.send_draft, held at the gate, queued in out/outbox once when approved. */
class BriefingSendDraftTest {
    static final String DRAFT = "re-invoice-march.eml";

    @TempDir
    Path dir;

    private BriefingWorld worldWithDraft() throws Exception {
        BriefingWorld world = BriefingWorld.writeTo(dir.resolve("world"), LocalDate.now());
        Path drafts = Files.createDirectories(world.out().resolve("drafts"));
        Files.writeString(drafts.resolve(DRAFT), "To: Dana Ito <dana@acme.example>\nSubject: Re: Invoice March\n"
                + "X-Draft: not sent\nX-Idempotency-Key: run-0/draft\n\nHi Dana,\n\nthe invoice is attached.\n\nBest,\nSam\n");
        return world;
    }

    private static BriefingAgent agent(BriefingWorld world) {
        return new BriefingAgent(world, new InProcessMemory(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
    }

    private static ApprovalRequest awaitPending(BriefingAgent agent) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<ApprovalRequest> pending = agent.approvals().pending();
            if (!pending.isEmpty()) {
                return pending.getFirst();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no approval requested within 5 s");
    }

    private static List<Path> outbox(BriefingWorld world) throws Exception {
        Path folder = world.out().resolve("outbox");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void anApprovedSendQueuesTheDraftOnce() throws Exception {
        BriefingWorld world = worldWithDraft();
        BriefingAgent agent = agent(world);
        RunHandle run = agent.start(Goal.of("Send the draft " + DRAFT + "."));
        ApprovalRequest request = awaitPending(agent);
        assertThat(request.tool().name()).isEqualTo("mail.send_draft");
        assertThat(request.call().arguments()).containsEntry("draft", DRAFT);
        assertThat(outbox(world)).as("nothing is sent before the user says yes").isEmpty();
        agent.approvals().approve(request.id(), "yes");
        RunOutcome outcome = run.await();

        assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
        assertThat(outcome.answer()).contains("sent " + DRAFT + " to Dana Ito <dana@acme.example> (queued in out/outbox)");
        assertThat(outbox(world)).singleElement().extracting(p -> p.getFileName().toString()).isEqualTo(DRAFT);
        String sent = Files.readString(world.out().resolve("outbox").resolve(DRAFT));
        assertThat(sent).startsWith("To: Dana Ito <dana@acme.example>\nSubject: Re: Invoice March\nX-Draft: sent\n")
                .contains("the invoice is attached").doesNotContain("run-0/draft");
        assertThat(sent.lines().filter(l -> l.startsWith("X-Idempotency-Key:"))).hasSize(1);
        assertThat(agent.toolCalls()).containsExactly("mail.send_draft");
    }

    @Test
    void aDeniedSendWritesNothing() throws Exception {
        BriefingWorld world = worldWithDraft();
        BriefingAgent agent = agent(world);
        RunHandle run = agent.start(Goal.of("Please send the draft " + DRAFT));
        ApprovalRequest request = awaitPending(agent);
        agent.approvals().deny(request.id(), "not yet");
        // The planner may try again after a denial: the user keeps saying no, rather than letting it expire.
        while (!run.isDone()) {
            agent.approvals().pending().forEach(p -> agent.approvals().deny(p.id(), "not yet"));
            Thread.sleep(10);
        }
        RunOutcome outcome = run.await();

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outbox(world)).isEmpty();
        assertThat(agent.toolCalls()).doesNotContain("mail.send_draft");
    }

    @Test
    void theSameKeySendsOnceAndBadNamesAreRefused() throws Exception {
        BriefingWorld world = worldWithDraft();
        var tools = BriefingTools.over(world, TaskTracker.open(world.tracker()), new ArrayList<>());
        assertThat(tools.find("mail.send_draft").orElseThrow().risk().acceptsIdempotencyKey()).isTrue();
        ToolResult first = tools.call(new ToolCall("r/1", "mail.send_draft", Map.of("draft", DRAFT), "run-1/s1"));
        assertThat(first.error()).as(first.text()).isFalse();
        Path sent = world.out().resolve("outbox").resolve(DRAFT);
        String before = Files.readString(sent);
        assertThat(tools.call(new ToolCall("r/2", "mail.send_draft", Map.of("draft", DRAFT), "run-1/s1"))).isEqualTo(first);
        assertThat(Files.readString(sent)).isEqualTo(before);

        for (String bad : List.of("../briefing.md", "drafts/" + DRAFT, "..", "missing.eml")) {
            ToolResult r = tools.call(new ToolCall("r/3", "mail.send_draft", Map.of("draft", bad), "run-2/" + bad));
            assertThat(r.error()).as(bad).isTrue();
            assertThat(r.text()).as(bad).containsAnyOf("plain file name", "no draft 'missing.eml'");
        }
        assertThat(outbox(world)).hasSize(1);
    }
}
