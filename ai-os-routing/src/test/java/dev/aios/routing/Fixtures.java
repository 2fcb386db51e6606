package dev.aios.routing;

import dev.aios.api.Brain;
import dev.aios.api.BrainProfile;
import dev.aios.api.BrainRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Brains, requests and a real in-process embedding model shared by the router's tests. */
final class Fixtures {
    /** Loaded once: the real all-MiniLM-L6-v2 model takes a second to start. */
    static final EmbeddingModel EMBEDDINGS = new AllMiniLmL6V2QuantizedEmbeddingModel();

    private Fixtures() {}

    static BrainProfile profile(String provider, BrainProfile.Location location, String in, String out, int context,
            BrainProfile.Capability... caps) {
        return new BrainProfile(provider, location, new BigDecimal(in), new BigDecimal(out), context,
                caps.length == 0 ? EnumSet.noneOf(BrainProfile.Capability.class) : EnumSet.of(caps[0], caps),
                Duration.ofMillis(100));
    }

    static Brain local(String name, ChatModel model) {
        return new Brain(name, model, profile("local-" + name, BrainProfile.Location.LOCAL, "0", "0", 8192));
    }

    static Brain cheapCloud(String name, ChatModel model) {
        return new Brain(name, model, profile("cheapco", BrainProfile.Location.CLOUD, "0.5", "1.5", 32_000,
                BrainProfile.Capability.JSON_OUTPUT));
    }

    static Brain strongCloud(String name, ChatModel model) {
        return new Brain(name, model, profile("bigco", BrainProfile.Location.CLOUD, "10", "30", 128_000,
                BrainProfile.Capability.JSON_OUTPUT, BrainProfile.Capability.TOOL_CALLING,
                BrainProfile.Capability.VISION));
    }

    static LearnedBrainRouter.Builder router(Brain... brains) {
        LearnedBrainRouter.Builder builder = LearnedBrainRouter.builder().embeddingModel(EMBEDDINGS).exploration(0)
                .resilience(Resilience.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
                        .withCallTimeout(Duration.ofSeconds(5)));
        for (Brain brain : brains) {
            builder.brain(brain);
        }
        return builder;
    }

    static BrainRequest request(String prompt) {
        return new BrainRequest("answer", chat(prompt), Set.of(), false);
    }

    static ChatRequest chat(String prompt) {
        return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    }

    static String lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage user && user.hasSingleText()) {
                return user.singleText();
            }
        }
        return "";
    }

    /**
     * A chat model run by a script of steps: reply, fail with an exception, or stall (to time
     * out); after the script, the fallback rule answers. Counts calls. Thread-safe.
     */
    static final class FakeModel implements ChatModel {
        private final Deque<Function<ChatRequest, String>> script = new ArrayDeque<>();
        private final Function<ChatRequest, String> rule;
        final AtomicInteger calls = new AtomicInteger();
        private int inputTokens = 100;
        private int outputTokens = 20;

        FakeModel(Function<ChatRequest, String> rule) {
            this.rule = rule;
        }

        static FakeModel replying(String reply) {
            return new FakeModel(r -> reply);
        }

        synchronized FakeModel thenFail(RuntimeException e) {
            script.add(r -> {
                throw e;
            });
            return this;
        }

        synchronized FakeModel thenStall(Duration d) {
            script.add(r -> {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "too late";
            });
            return this;
        }

        synchronized FakeModel tokens(int in, int out) {
            inputTokens = in;
            outputTokens = out;
            return this;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            calls.incrementAndGet();
            Function<ChatRequest, String> step;
            synchronized (this) {
                step = script.poll();
            }
            String reply = (step != null ? step : rule).apply(request);
            return ChatResponse.builder().aiMessage(AiMessage.from(reply))
                    .tokenUsage(new TokenUsage(inputTokens, outputTokens)).build();
        }
    }
}
