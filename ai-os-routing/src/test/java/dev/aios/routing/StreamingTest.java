package dev.aios.routing;

import static dev.aios.routing.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.Brain;
import dev.aios.api.BrainAnswer;
import dev.aios.api.BrainRequest;
import dev.aios.routing.Fixtures.FakeModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Streaming answers through the router: pieces, metering, and fallback only before the first piece. */
class StreamingTest {

    /** Streams its pieces, or fails before or after some of them. */
    static final class StreamingFake implements ChatModel, StreamingChatModel {
        final List<String> pieces;
        final int failAfter;
        final AtomicInteger calls = new AtomicInteger();

        StreamingFake(List<String> pieces, int failAfter) {
            this.pieces = pieces;
            this.failAfter = failAfter;
        }

        @Override
        public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
            return java.util.Set.of();
        }

        @Override
        public dev.langchain4j.model.ModelProvider provider() {
            return dev.langchain4j.model.ModelProvider.OTHER;
        }

        @Override
        public List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
            return List.of();
        }

        @Override
        public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
            return dev.langchain4j.model.chat.request.ChatRequestParameters.builder().build();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            return response(String.join("", pieces));
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            calls.incrementAndGet();
            Thread.ofVirtual().start(() -> {
                for (int i = 0; i < pieces.size(); i++) {
                    if (i == failAfter) {
                        handler.onError(new RateLimitException("429 after " + i + " pieces"));
                        return;
                    }
                    handler.onPartialResponse(pieces.get(i));
                }
                handler.onCompleteResponse(response(String.join("", pieces)));
            });
        }

        private static ChatResponse response(String text) {
            return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(10, 5))
                    .finishReason(FinishReason.STOP).build();
        }
    }

    record Collected(String text, BrainAnswer answer) {}

    static Collected stream(LearnedBrainRouter router, BrainRequest request) {
        StringBuilder text = new StringBuilder();
        BrainAnswer answer = router.stream(request, text::append);
        return new Collected(text.toString(), answer);
    }

    @Test
    void aStreamingBrainStreamsThroughTheRouterAndIsMetered() {
        StreamingFake fake = new StreamingFake(List.of("Hel", "lo ", "there"), -1);
        LearnedBrainRouter router = Fixtures.router(Brain.local("local", fake)).build();
        BrainRequest request = request("Say hello");
        assertThat(router.route(request).streams()).isTrue();
        Collected c = stream(router, request);
        assertThat(c.text()).isEqualTo("Hello there").isEqualTo(c.answer().text());
        assertThat(c.answer().brain()).isEqualTo("local");
        assertThat(c.answer().usage().inputTokens()).isEqualTo(10);
        assertThat(router.report().brain("local").calls()).isEqualTo(1);
        assertThat(router.report().brain("local").inputTokens()).isEqualTo(10);
    }

    @Test
    void aStreamThatFailsBeforeItsFirstPieceFallsBackToTheNextBrain() {
        StreamingFake broken = new StreamingFake(List.of("never"), 0);
        FakeModel strong = FakeModel.replying("strong answer");
        LearnedBrainRouter router = Fixtures.router(Fixtures.cheapCloud("cheap", broken),
                Fixtures.strongCloud("strong", strong)).resilience(Resilience.defaults().withMaxRetries(0)).build();
        BrainRequest request = request("Say hello");
        assertThat(router.route(request).name()).isEqualTo("cheap");
        Collected c = stream(router, request);
        // The blocking fallback brain's answer arrives as one piece.
        assertThat(c.text()).isEqualTo("strong answer");
        assertThat(c.answer().brain()).isEqualTo("strong");
        assertThat(router.report().brain("strong").fallbacks()).isEqualTo(1);
        assertThat(router.report().brain("cheap").failures()).isEqualTo(1);
    }

    @Test
    void aStreamThatBreaksAfterTextReportsTheErrorAndDoesNotFallBack() {
        StreamingFake breaks = new StreamingFake(List.of("Hal", "f an ", "answer"), 2);
        FakeModel strong = FakeModel.replying("strong answer");
        LearnedBrainRouter router = Fixtures.router(Fixtures.cheapCloud("cheap", breaks),
                Fixtures.strongCloud("strong", strong)).build();
        BrainRequest request = request("Say hello");
        StringBuilder text = new StringBuilder();
        assertThatThrownBy(() -> router.stream(request, text::append)).isInstanceOf(RateLimitException.class);
        assertThat(text).hasToString("Half an ");
        assertThat(strong.calls.get()).isZero();
        assertThat(breaks.calls.get()).isEqualTo(1);
    }

    @Test
    void aBrainWithoutAStreamingModelHasNoneThroughTheRouter() {
        LearnedBrainRouter router = Fixtures.router(Brain.local("plain", FakeModel.replying("x"))).build();
        assertThat(router.route(request("Say hello")).streams()).isFalse();
    }
}
