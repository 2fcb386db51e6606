package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.AiOsException;
import dev.aios.api.AnswerVerdict;
import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.aios.api.BrainRouter;
import dev.aios.api.BrainTicket;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BrainRouter} keeps, as a JUnit 5 test kit: private data never reaches
 * a cloud brain, needed capabilities and context windows are respected, the no-brain error names
 * every brain and why, {@link BrainRouter#chat} answers with the brain that answered and the
 * call's usage, a request's allowance caps the answer's {@code maxOutputTokens}, and
 * {@link BrainRouter#recordOutcome(BrainTicket, AnswerVerdict)} takes the router's own tickets and
 * ignores foreign ones.
 *
 * <p>To check a router of your own, extend this class in your tests (with {@code ai-os-testing}
 * in test scope) and build your router over the brains given:
 * {@snippet :
 * class MyRouterContractTest extends BrainRouterContract {
 *     @Override
 *     protected BrainRouter router(List<Brain> brains) {
 *         return MyRouter.over(brains); // default settings; no random exploration, please
 *     }
 * }
 * }
 * The brains are {@link ScriptedChatModel}s, so the kit sees every request a brain was sent. It
 * asserts only what the constraints force, never which of several allowed brains is chosen, so a
 * learned or price-based policy passes alike; a router that explores at random should have its
 * exploration turned off for the kit. Each test builds a fresh router.
 */
public abstract class BrainRouterContract {
    /** The local brain's context window, in tokens. */
    protected static final int LOCAL_CONTEXT = 8192;

    /** Subclasses need no constructor arguments. */
    protected BrainRouterContract() {}

    /**
     * @param brains the brains to route between, in this order (at least one, unique names)
     * @return a new router over exactly these brains, with its default settings
     */
    protected abstract BrainRouter router(List<Brain> brains);

    /** @return a free local brain with JSON output and an 8k context, answering through {@code model} */
    protected static Brain localBrain(String name, ScriptedChatModel model) {
        return new Brain(name, model, new BrainProfile("local-" + name, BrainProfile.Location.LOCAL, BigDecimal.ZERO,
                BigDecimal.ZERO, LOCAL_CONTEXT, EnumSet.of(BrainProfile.Capability.JSON_OUTPUT), Duration.ofMillis(10)));
    }

    /** @return a paid cloud brain with JSON output, vision and a 128k context, answering through {@code model} */
    protected static Brain cloudBrain(String name, ScriptedChatModel model) {
        return new Brain(name, model, new BrainProfile("cloud-" + name, BrainProfile.Location.CLOUD, new BigDecimal("10"),
                new BigDecimal("30"), 128_000, EnumSet.of(BrainProfile.Capability.JSON_OUTPUT,
                        BrainProfile.Capability.VISION), Duration.ofMillis(10)));
    }

    /** @return a first-try request for {@code prompt} with the given data sensitivity and needs */
    protected static BrainRequest request(String prompt, boolean privateData, BrainProfile.Capability... needs) {
        Set<BrainProfile.Capability> set = needs.length == 0 ? Set.of() : EnumSet.copyOf(List.of(needs));
        return new BrainRequest("answer", ChatRequest.builder().messages(UserMessage.from(prompt)).build(), set,
                privateData);
    }

    @Test
    void privateDataNeverReachesACloudBrainEvenWhenEscalated() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "local answer");
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "cloud answer");
        BrainRouter router = router(List.of(cloudBrain("cloud", cloud), localBrain("local", local)));
        for (int escalation = 0; escalation < 3; escalation++) {
            BrainRequest request = request("Summarise my medical notes", true).withEscalation(escalation);
            assertThat(router.route(request).name()).isEqualTo("local");
            assertThat(router.chat(request).brain()).isEqualTo("local");
        }
        assertThat(cloud.requests()).isEmpty();
        assertThat(local.requests()).hasSize(3);
    }

    @Test
    void privateDataWithNoLocalBrainFailsWithoutCallingAnyBrain() {
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "cloud answer");
        BrainRouter router = router(List.of(cloudBrain("cloud", cloud)));
        assertThatThrownBy(() -> router.chat(request("my diary", true)))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("cloud")
                .hasMessageContaining("private")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).as("retriable").isFalse());
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void neededCapabilitiesAndTheContextWindowAreRespected() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "local answer");
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "cloud answer");
        BrainRouter router = router(List.of(localBrain("local", local), cloudBrain("cloud", cloud)));

        assertThat(router.chat(request("What is in this picture?", false, BrainProfile.Capability.VISION)).brain())
                .isEqualTo("cloud");
        // About twice the local brain's context window, by any reasonable token estimate.
        String longPrompt = "word ".repeat(LOCAL_CONTEXT * 2);
        assertThat(router.chat(request(longPrompt, false)).brain()).isEqualTo("cloud");
        assertThat(local.requests()).isEmpty();
    }

    @Test
    void theNoBrainErrorNamesEveryBrainAndWhy() {
        BrainRouter router = router(List.of(localBrain("local", ScriptedChatModel.replying()),
                cloudBrain("cloud", ScriptedChatModel.replying())));
        BrainRequest code = request("write code", false, BrainProfile.Capability.CODE);
        assertThatThrownBy(() -> router.route(code))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("local")
                .hasMessageContaining("cloud")
                .hasMessageContaining("CODE")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).as("retriable").isFalse());
        assertThatThrownBy(() -> router.chat(code)).isInstanceOf(AiOsException.class).hasMessageContaining("CODE");
    }

    @Test
    void chatAnswersWithTheBrainThatAnsweredAndTheCallsUsage() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "the answer").tokensPerCall(120, 30);
        BrainRouter router = router(List.of(localBrain("local", local)));

        BrainAnswer answer = router.chat(request("What is the answer?", false));

        assertThat(answer.brain()).isEqualTo("local");
        assertThat(answer.text()).isEqualTo("the answer");
        assertThat(answer.usage().modelCalls()).isEqualTo(1);
        assertThat(answer.usage().inputTokens()).isEqualTo(120);
        assertThat(answer.usage().outputTokens()).isEqualTo(30);
        assertThat(answer.usage().cost()).isEqualByComparingTo("0");
        assertThat(answer.ticket().brain()).isEqualTo("local");
        assertThat(local.requests()).hasSize(1);
    }

    @Test
    void aPaidAnswersUsageIsPricedByTheBrainThatAnswered() {
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "the answer").tokensPerCall(1000, 200);
        BrainRouter router = router(List.of(cloudBrain("cloud", cloud)));

        BrainAnswer answer = router.chat(request("What is the answer?", false));

        // 1000 * $10/M + 200 * $30/M
        assertThat(answer.usage().cost()).isEqualByComparingTo("0.016");
    }

    @Test
    void streamPassesTheAnswersTextOnAndReturnsTheAnswer() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "streamed answer");
        BrainRouter router = router(List.of(localBrain("local", local)));
        List<String> pieces = new ArrayList<>();

        BrainAnswer answer = router.stream(request("Say something", false), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo("streamed answer");
        assertThat(answer.text()).isEqualTo("streamed answer");
        assertThat(answer.brain()).isEqualTo("local");
    }

    @Test
    void aRequestsAllowanceCapsMaxOutputTokens() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "short");
        BrainRouter router = router(List.of(localBrain("local", local)));
        BrainRequest request = request("Explain quicksort", false)
                .withAllowance(new BrainRequest.Allowance(300, BigDecimal.ONE));

        router.chat(request);

        Integer sent = local.requests().get(0).parameters().maxOutputTokens();
        assertThat(sent).as("maxOutputTokens sent").isNotNull().isPositive()
                .isLessThanOrEqualTo(300 - request.estimatedInputTokens());
    }

    @Test
    void aCostAllowanceCapsMaxOutputTokensAtTheAnsweringBrainsPrice() {
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "short");
        Brain brain = cloudBrain("cloud", cloud);
        BrainRouter router = router(List.of(brain));
        BrainRequest request = request("Explain quicksort", false)
                .withAllowance(new BrainRequest.Allowance(1_000_000, new BigDecimal("0.003")));

        router.chat(request);

        Integer sent = cloud.requests().get(0).parameters().maxOutputTokens();
        assertThat(sent).as("maxOutputTokens sent").isNotNull().isPositive()
                .isLessThanOrEqualTo((int) request.affordableOutputTokens(brain.profile()));
    }

    @Test
    void anAllowanceThatCannotPayForAnyAnswerCallsNoBrain() {
        ScriptedChatModel cloud = ScriptedChatModel.answering(r -> "never");
        BrainRouter router = router(List.of(cloudBrain("cloud", cloud)));
        BrainRequest request = request("Explain quicksort", false)
                .withAllowance(new BrainRequest.Allowance(1_000_000, BigDecimal.ZERO));

        assertThatThrownBy(() -> router.chat(request)).isInstanceOf(AiOsException.class).hasMessageContaining("cloud");
        assertThat(cloud.requests()).isEmpty();
    }

    @Test
    void recordOutcomeTakesItsOwnTicketAndIgnoresAForeignOne() {
        ScriptedChatModel local = ScriptedChatModel.answering(r -> "an answer");
        List<Brain> brains = List.of(localBrain("local", local));
        BrainRouter router = router(brains);
        BrainAnswer answer = router.chat(request("What is the answer?", false));

        assertThatCode(() -> router.recordOutcome(answer.ticket(), AnswerVerdict.ACCEPTED)).doesNotThrowAnyException();
        assertThatCode(() -> router.recordOutcome(answer.ticket(), AnswerVerdict.REJECTED)).doesNotThrowAnyException();
        BrainTicket foreign = new BrainTicket("local", "answer");
        assertThatCode(() -> router.recordOutcome(foreign, AnswerVerdict.REJECTED)).doesNotThrowAnyException();
        BrainTicket otherRouters = router(brains).chat(request("Another question", false)).ticket();
        assertThatCode(() -> router.recordOutcome(otherRouters, AnswerVerdict.ACCEPTED)).doesNotThrowAnyException();
        // Still answering after all of that.
        assertThat(router.chat(request("And now?", false)).text()).isEqualTo("an answer");
    }
}
