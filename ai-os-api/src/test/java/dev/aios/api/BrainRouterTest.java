package dev.aios.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrainRouterTest {
    private static final ChatModel UNUSED = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            throw new AssertionError("routing never calls a model");
        }
    };

    private static Brain brain(String name, BrainProfile.Location where, String price, int window,
            BrainProfile.Capability... caps) {
        return new Brain(name, UNUSED, new BrainProfile("p", where, new BigDecimal(price), new BigDecimal(price), window,
                caps.length == 0 ? Set.of() : EnumSet.of(caps[0], caps), Duration.ofSeconds(1)));
    }

    private static BrainRequest request(String text, boolean privateData, BrainProfile.Capability... needs) {
        return new BrainRequest("plan", ChatRequest.builder().messages(UserMessage.from(text)).build(),
                needs.length == 0 ? Set.of() : EnumSet.of(needs[0], needs), privateData);
    }

    private final Brain local = brain("local", BrainProfile.Location.LOCAL, "0", 4096);
    private final Brain cheap = brain("cheap", BrainProfile.Location.CLOUD, "0.5", 128_000,
            BrainProfile.Capability.TOOL_CALLING);
    private final Brain strong = brain("strong", BrainProfile.Location.CLOUD, "10", 200_000,
            BrainProfile.Capability.TOOL_CALLING, BrainProfile.Capability.VISION);
    private final BrainRouter router = BrainRouter.cheapestFit(List.of(strong, cheap, local));

    @Test
    void picksTheCheapestBrainThatFits() {
        assertThat(router.route(request("hi", false))).isEqualTo(local);
        assertThat(router.route(request("hi", false, BrainProfile.Capability.TOOL_CALLING))).isEqualTo(cheap);
        assertThat(router.route(request("hi", false, BrainProfile.Capability.VISION))).isEqualTo(strong);
        assertThat(router.route(request("x".repeat(40_000), false))).as("too long for local").isEqualTo(cheap);
    }

    @Test
    void privateDataStaysLocalAndTheErrorSaysWhyEachBrainWasRuledOut() {
        assertThat(router.route(request("my diary", true))).isEqualTo(local);
        assertThatThrownBy(() -> router.route(request("my photos", true, BrainProfile.Capability.VISION)))
                .isInstanceOf(AiOsException.class)
                .hasMessageContaining("strong: runs in the cloud and the data is private")
                .hasMessageContaining("local: lacks [VISION]")
                .satisfies(e -> assertThat(((AiOsException) e).isRetriable()).isFalse());
    }

    @Test
    void rejectsEmptyAndDuplicateBrains() {
        assertThatThrownBy(() -> BrainRouter.cheapestFit(List.of())).hasMessage("a router needs at least one brain");
        assertThatThrownBy(() -> BrainRouter.cheapestFit(List.of(local, local)))
                .hasMessage("two brains are named 'local'");
    }
}
