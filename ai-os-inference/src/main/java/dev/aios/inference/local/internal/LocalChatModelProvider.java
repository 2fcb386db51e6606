package dev.aios.inference.local.internal;

import dev.aios.api.BrainProfile;
import dev.aios.api.spi.ChatModelProvider;
import dev.aios.inference.local.LocalChatModel;
import dev.aios.inference.local.LocalModel;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.file.Path;

/**
 * The {@code local} brain provider: a Hugging Face model folder loaded in this process. The model
 * returned owns its {@link LocalModel}; closing it frees the weights and threads.
 */
public final class LocalChatModelProvider implements ChatModelProvider {

    /** For {@link java.util.ServiceLoader}. */
    public LocalChatModelProvider() {}

    @Override
    public String name() {
        return "local";
    }

    @Override
    public ChatModel chatModel(String model) {
        return LocalChatModel.owning(LocalModel.builder(Path.of(model)).build());
    }

    @Override
    public BrainProfile.Location defaultLocation() {
        return BrainProfile.Location.LOCAL;
    }
}
