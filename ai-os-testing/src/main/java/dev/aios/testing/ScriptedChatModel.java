package dev.aios.testing;

import dev.aios.api.text.Tokens;
import dev.aios.api.AiOsException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A LangChain4j {@link ChatModel} that answers from a script and records every request, for
 * driving the agent loop in tests, benchmarks and samples. Token usage is reported as characters
 * divided by 4 unless fixed with {@link #tokensPerCall}. It keeps the last {@value #KEPT}
 * requests, so a long benchmark does not grow the heap. Thread-safe.
 * {@snippet :
 * ScriptedChatModel brain = ScriptedChatModel.replying(
 *         "{\"steps\":[{\"id\":\"s1\",\"tool\":\"clock.today\"}]}");
 * }
 */
public final class ScriptedChatModel implements ChatModel {
    /** How many of the latest requests {@link #requests()} keeps. */
    public static final int KEPT = 1000;

    private final Deque<Supplier<String>> script = new ArrayDeque<>();
    private final Function<ChatRequest, String> fallback;
    private final Deque<ChatRequest> requests = new ArrayDeque<>();
    private Set<Capability> capabilities = Set.of();
    private int inputTokens = -1;
    private int outputTokens = -1;

    private ScriptedChatModel(Function<ChatRequest, String> fallback) {
        this.fallback = fallback;
    }

    /**
     * @return a model that gives {@code replies} in order, then fails every further call with a
     *     message that shows the unexpected prompt
     */
    public static ScriptedChatModel replying(String... replies) {
        ScriptedChatModel model = new ScriptedChatModel(request -> {
            throw AiOsException.permanent("the scripted model has no reply left for this request: "
                    + lastUserText(request));
        });
        for (String reply : replies) {
            model.thenReply(reply);
        }
        return model;
    }

    /** @return a model that computes every reply from the request, for rule-based brains */
    public static ScriptedChatModel answering(Function<ChatRequest, String> rule) {
        return new ScriptedChatModel(rule);
    }

    /** Appends a reply to the script. */
    public synchronized ScriptedChatModel thenReply(String reply) {
        script.add(() -> reply);
        return this;
    }

    /** Appends a failure: that call throws {@code failure}. */
    public synchronized ScriptedChatModel thenFail(RuntimeException failure) {
        script.add(() -> {
            throw failure;
        });
        return this;
    }

    /**
     * Declares what the model supports beyond text (none by default), as a real provider's
     * {@code supportedCapabilities()} would, such as
     * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} for a model that takes a JSON schema.
     */
    public synchronized ScriptedChatModel supporting(Capability... values) {
        this.capabilities = Set.of(values);
        return this;
    }

    @Override
    public synchronized Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    /** Reports a fixed token usage for every call instead of estimating it. */
    public synchronized ScriptedChatModel tokensPerCall(int input, int output) {
        this.inputTokens = input;
        this.outputTokens = output;
        return this;
    }

    /** @return the requests received so far (the latest {@value #KEPT}), in order */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** @return the text of the last user message of each request {@link #requests()} holds, in order */
    public synchronized List<String> prompts() {
        return requests.stream().map(ScriptedChatModel::lastUserText).toList();
    }

    /** @return how many replies of the script are left */
    public synchronized int remaining() {
        return script.size();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        Supplier<String> next;
        int in;
        int out;
        synchronized (this) {
            requests.add(request);
            if (requests.size() > KEPT) {
                requests.removeFirst();
            }
            next = script.poll();
            in = inputTokens;
            out = outputTokens;
        }
        String reply = next != null ? next.get() : fallback.apply(request);
        if (in < 0) {
            in = Tokens.estimate(chars(request));
            out = Tokens.estimate(reply);
        }
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(reply))
                .tokenUsage(new TokenUsage(in, out))
                .finishReason(FinishReason.STOP)
                .build();
    }

    private static int chars(ChatRequest request) {
        int n = 0;
        for (ChatMessage m : request.messages()) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                n += u.singleText().length();
            } else if (m instanceof SystemMessage s) {
                n += s.text().length();
            } else if (m instanceof AiMessage a && a.text() != null) {
                n += a.text().length();
            }
        }
        return n;
    }

    private static String lastUserText(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
                return u.singleText();
            }
        }
        return "";
    }
}
