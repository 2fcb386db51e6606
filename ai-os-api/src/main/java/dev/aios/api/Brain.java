package dev.aios.api;

import dev.langchain4j.model.chat.ChatModel;

/**
 * A model the agent can think with: any LangChain4j {@link ChatModel} (OpenAI, Anthropic,
 * Ollama, a local DJL model, a scripted model in tests) with a name and a {@link BrainProfile}.
 *
 * @param name unique name among the agent's brains, such as {@code local-smollm} or {@code gpt-4o}
 * @param model the model
 * @param profile where it runs, what it costs and can do
 */
public record Brain(String name, ChatModel model, BrainProfile profile) {

    /** Validates. */
    public Brain {
        Checks.notBlank(name, "brain name");
        Checks.notNull(model, "model of brain " + name);
        Checks.notNull(profile, "profile of brain " + name);
    }

    /** @return a free local brain (see {@link BrainProfile#local}) */
    public static Brain local(String name, ChatModel model) {
        return new Brain(name, model, BrainProfile.local(name));
    }
}
