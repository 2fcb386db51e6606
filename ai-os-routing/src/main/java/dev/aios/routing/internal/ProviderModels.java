package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.langchain4j.model.chat.ChatModel;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Builds the chat models of the cloud providers whose LangChain4j modules are optional
 * dependencies: each provider's classes are touched only inside its own holder class, so a
 * missing jar becomes a message naming the artifact instead of a {@link NoClassDefFoundError}.
 */
public final class ProviderModels {
    private ProviderModels() {}

    /** @return an OpenAI-protocol model with no retries of its own (the router retries) */
    public static ChatModel openAi(@Nullable String baseUrl, String key, String model, Duration timeout) {
        try {
            return OpenAi.build(baseUrl, key, model, timeout);
        } catch (NoClassDefFoundError e) {
            throw missing("dev.langchain4j:langchain4j-open-ai", "openai, openai-compatible and ollama");
        }
    }

    /** @return an Anthropic model with no retries of its own */
    public static ChatModel anthropic(@Nullable String baseUrl, String key, String model, Duration timeout) {
        try {
            return Anthropic.build(baseUrl, key, model, timeout);
        } catch (NoClassDefFoundError e) {
            throw missing("dev.langchain4j:langchain4j-anthropic", "anthropic");
        }
    }

    private static AiOsException missing(String artifact, String providers) {
        return AiOsException.permanent("brain configuration: providers " + providers + " need " + artifact
                + " on the class path (an optional dependency of ai-os-routing; its version is in ai-os-bom)");
    }

    private static final class OpenAi {
        static ChatModel build(@Nullable String baseUrl, String key, String model, Duration timeout) {
            return dev.langchain4j.model.openai.OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(key)
                    .modelName(model).timeout(timeout).maxRetries(0).build();
        }
    }

    private static final class Anthropic {
        static ChatModel build(@Nullable String baseUrl, String key, String model, Duration timeout) {
            var builder = dev.langchain4j.model.anthropic.AnthropicChatModel.builder().apiKey(key).modelName(model)
                    .timeout(timeout).maxRetries(0);
            if (baseUrl != null) {
                builder.baseUrl(baseUrl);
            }
            return builder.build();
        }
    }
}
