package dev.aios.samples.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.runtime.InProcessMemory;
import dev.aios.testing.ScriptedChatModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reply drafts written by configured brains: routed, private, checked, and falling back when they fail. */
class BriefingDraftBrainsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A brain that writes a short reply greeting the sender named in the prompt. */
    static ScriptedChatModel goodWriter() {
        return ScriptedChatModel.answering(r -> "Hi " + sender(r) + ",\n\nsure, it is on its way from the brain.\n\nBest,\nSam");
    }

    static String sender(ChatRequest request) {
        String text = request.messages().stream().filter(m -> m instanceof UserMessage).map(m -> ((UserMessage) m).singleText())
                .findFirst().orElseThrow();
        return text.substring("From: ".length()).split("[\\s<]")[0];
    }

    private int worlds;

    /** One briefing on a fresh world (the awareness checkpoint and the in-process memory start together). */
    private BriefingReport brief(List<Brain> brains, boolean allowCloud) {
        BriefingWorld world = BriefingWorld.writeTo(dir.resolve(++worlds == 1 ? "world" : "world" + worlds), LocalDate.now());
        return new BriefingAgent(world, new InProcessMemory(), new PrintStream(bytes, true, StandardCharsets.UTF_8), brains,
                allowCloud).run();
    }

    @Test
    void aConfiguredLocalBrainWritesTheDraftsAndItsCallsAreCounted() throws Exception {
        ScriptedChatModel model = goodWriter();
        BriefingReport report = brief(List.of(Brain.local("scripted-local", model)), false);

        assertThat(report.replyDrafts()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(d -> {
            assertThat(d.writtenBy()).isEqualTo("scripted-local");
            assertThat(d.text()).contains("it is on its way from the brain").startsWith("Hi " + d.to().split(" ")[0] + ",");
        });
        assertThat(model.requests()).hasSize(report.replyDrafts().size());
        assertThat(report.draftBrainCalls()).containsEntry("scripted-local", (long) report.replyDrafts().size());
        assertThat(report.markdown()).contains("Written by scripted-local in the voice of your reply to",
                "it is on its way from the brain", "Draft brains, routed: scripted-local " + report.replyDrafts().size()
                        + " call(s)")
                .doesNotContain("No generative brain configured");
        // The prompt: the user's voice from a past reply, the user's name, the mail itself.
        ChatRequest first = model.requests().get(0);
        assertThat(first.messages().get(0).toString()).contains("Sam Lee", "Example of Sam Lee's voice", "Best,");
        assertThat(sender(first)).isNotBlank();
        // The text still goes through the agent's mail.draft tool: a draft file, never sent.
        Path slides = dir.resolve("world/out/drafts/re-slides-from-the-architecture-review.eml");
        assertThat(Files.readString(slides)).contains("X-Draft: not sent", "Hi Ben,", "it is on its way from the brain");
        assertThat(dir.resolve("world/state/draft-router.state")).exists();
    }

    @Test
    void aBadAnswerIsRejectedAndTheTemplateIsUsedWithTheReason() {
        ScriptedChatModel model = ScriptedChatModel.answering(r -> "As an AI I cannot write emails for you.");
        BriefingReport report = brief(List.of(Brain.local("scripted-bad", model)), false);

        assertThat(report.replyDrafts()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.writtenBy()).isEmpty();
            assertThat(d.text()).doesNotContain("As an AI").containsPattern("^(Hi|Dear) \\w+,");
        });
        assertThat(model.requests()).hasSize(report.replyDrafts().size()); // one try each: no other brain to cascade to
        assertThat(report.limitations()).anyMatch(l -> l.contains("scripted-bad's draft was rejected: the answer talks"
                + " about itself as a model") && l.contains("used the template instead"));
        assertThat(report.markdown()).contains("The briefing's template, greeting and signing as in your reply to");
    }

    @Test
    void aBrainDraftCarryingAnotherExchangesFactsIsRejectedForTheTemplate() {
        // The shape issue 15 found: the example's facts pasted under the new request.
        ScriptedChatModel model = ScriptedChatModel.answering(r -> "Hi " + sender(r) + ",\n\nhere it is, like invoice 4411"
                + " for Acme in October.\n\nBest,\nSam");
        BriefingReport report = brief(List.of(Brain.local("scripted-leaky", model)), false);

        assertThat(report.replyDrafts()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.writtenBy()).isEmpty();
            assertThat(d.text()).doesNotContain("4411", "Acme");
            assertThat(d.factProblem()).isEmpty();
        });
        assertThat(report.limitations()).anyMatch(l -> l.contains("scripted-leaky's draft was rejected: the draft says '4411'")
                && l.contains("not in the request or its thread") && l.contains("used the template instead"));
        ChatRequest prompt = model.requests().get(0);
        assertThat(prompt.messages().get(0).toString()).contains("follow only its greeting, tone, length and sign-off",
                "Do not copy any of its facts");
    }

    @Test
    void aRejectedAnswerCascadesToTheNextAllowedBrain() {
        ScriptedChatModel bad = ScriptedChatModel.answering(r -> "Dear [Name],\n\nhere it is.\n\n[Your name]");
        ScriptedChatModel good = goodWriter();
        BriefingReport report = brief(List.of(Brain.local("scripted-bad", bad), Brain.local("scripted-good", good)), false);

        assertThat(report.replyDrafts()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.writtenBy()).isEqualTo("scripted-good"));
        if (!bad.requests().isEmpty()) {
            assertThat(report.limitations()).anyMatch(l -> l.contains("unresolved placeholder [Name]")
                    && l.contains("another brain wrote it"));
        }
        assertThat(bad.requests().size() + good.requests().size()).isLessThanOrEqualTo(2 * report.replyDrafts().size());
    }

    @Test
    void aCloudBrainDoesNotReadMailUnlessCloudIsAllowed() {
        ScriptedChatModel model = goodWriter();
        Brain cloud = new Brain("scripted-cloud", model, new BrainProfile("scripted", BrainProfile.Location.CLOUD,
                new BigDecimal("0.15"), new BigDecimal("0.60"), 128_000, EnumSet.noneOf(BrainProfile.Capability.class),
                Duration.ofSeconds(1)));

        BriefingReport privateOnly = brief(List.of(cloud), false);
        assertThat(model.requests()).isEmpty();
        assertThat(privateOnly.replyDrafts()).isNotEmpty().allSatisfy(d -> assertThat(d.writtenBy()).isEmpty());
        assertThat(privateOnly.limitations()).anyMatch(l -> l.startsWith("Did not use scripted-cloud for drafts")
                && l.contains("--allow-cloud"));

        BriefingReport allowed = brief(List.of(cloud), true);
        assertThat(model.requests()).isNotEmpty();
        assertThat(allowed.replyDrafts()).allSatisfy(d -> assertThat(d.writtenBy()).isEqualTo("scripted-cloud"));
        assertThat(allowed.limitations()).noneMatch(l -> l.contains("Did not use scripted-cloud"));
    }

    @Test
    void aBrainThatThrowsDoesNotStopTheBriefing() {
        ScriptedChatModel model = ScriptedChatModel.answering(r -> {
            throw new IllegalStateException("the model crashed");
        });
        BriefingReport report = brief(List.of(Brain.local("scripted-broken", model)), false);

        assertThat(report.replyDrafts()).isNotEmpty().allSatisfy(d -> assertThat(d.writtenBy()).isEmpty());
        assertThat(report.limitations()).anyMatch(l -> l.contains("scripted-broken failed") && l.contains("the model crashed"));
        assertThat(report.meetings()).isNotEmpty();
        assertThat(report.markdown()).contains("## Bug reported in chat");
    }

    @Test
    void anEditedDraftIsKeptAsTheVoiceOfTheNextDraftForThatRequest() {
        BriefingWorld world = BriefingWorld.writeTo(dir.resolve("world"), LocalDate.now());
        InProcessMemory memory = new InProcessMemory();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BriefingReport first = new BriefingAgent(world, memory, out).run();
        BriefingReport.Draft slides = first.replyDrafts().stream()
                .filter(d -> d.subject().equals("Re: Slides from the architecture review")).findFirst().orElseThrow();
        assertThat(slides.text()).contains("Best,\nSam");

        BriefingAgent second = new BriefingAgent(world, memory, out);
        second.ingest();
        second.draftEdited(slides.messageId(), slides.text().replace("Best,\nSam", "Hope the diagrams help.\n\nCheers,\nSam"));
        BriefingReport next = second.run();

        BriefingReport.Draft again = next.replyDrafts().stream().filter(d -> d.messageId().equals(slides.messageId()))
                .findFirst().orElseThrow();
        assertThat(again.text()).contains("Hi Ben,", "Hope the diagrams help.", "Cheers,\nSam").doesNotContain("Best,");
        assertThat(again.voice()).startsWith("your edited draft to Ben Okafor");
        assertThat(again.todo()).isEmpty(); // the user wrote it: nothing is left to the briefing's note
        assertThat(next.markdown()).contains("Your own edit of this draft, as you wrote it", "Edited drafts kept as your voice: 1");
    }
}
