package dev.aios.api.spi;

import dev.aios.api.BrainProfile;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Makes the chat model of a brain whose configured provider is this extension's
 * {@link #name()}, so a brain catalog can offer providers that live in modules it does not
 * depend on (ai-os-inference provides {@code local}: a model folder loaded in this process).
 * Found by {@link java.util.ServiceLoader}.
 *
 * <p>A model that holds resources (memory, threads, native handles) should implement
 * {@link AutoCloseable}; the catalog that made it closes it.
 */
public interface ChatModelProvider extends NamedExtension {

    /**
     * @param model what the configuration's {@code model} key says (for {@code local}, a folder)
     * @return the model, ready to answer
     * @throws dev.aios.api.AiOsException if the model cannot be made; the message says why
     */
    ChatModel chatModel(String model);

    /** @return where models of this provider run unless the configuration says otherwise */
    BrainProfile.Location defaultLocation();
}
