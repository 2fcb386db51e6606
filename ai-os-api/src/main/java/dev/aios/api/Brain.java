package dev.aios.api;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import org.jspecify.annotations.Nullable;

/**
 * A model the agent can think with: any LangChain4j {@link ChatModel} (OpenAI, Anthropic,
 * Ollama, a local DJL model, a scripted model in tests) with a name and a {@link BrainProfile},
 * and, where the model can stream its answer, a {@link StreamingChatModel}.
 *
 * @param name unique name among the agent's brains, such as {@code local-smollm} or {@code gpt-4o}
 * @param model the model
 * @param profile where it runs, what it costs and can do
 * @param streamingModel the same model answering token by token, or null when it cannot
 */
public record Brain(String name, ChatModel model, BrainProfile profile, @Nullable StreamingChatModel streamingModel) {

    /** Validates. */
    public Brain {
        Checks.notBlank(name, "brain name");
        Checks.notNull(model, "model of brain " + name);
        Checks.notNull(profile, "profile of brain " + name);
    }

    /**
     * A brain whose streaming model is {@code model} itself when it also implements
     * {@link StreamingChatModel} (as the local DJL model does), else none.
     */
    public Brain(String name, ChatModel model, BrainProfile profile) {
        this(name, model, profile, model instanceof StreamingChatModel s ? s : null);
    }

    /** @return a free local brain (see {@link BrainProfile#local}) */
    public static Brain local(String name, ChatModel model) {
        return new Brain(name, model, BrainProfile.local(name));
    }

    /** @return whether {@link #streamingModel()} is there */
    public boolean streams() {
        return streamingModel != null;
    }
}
