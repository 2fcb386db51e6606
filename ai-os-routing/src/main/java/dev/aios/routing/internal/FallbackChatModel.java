package dev.aios.routing.internal;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The model of a brain handed out by the learned router: it calls the configured brain with a
 * timeout, retries retriable failures with backoff, and then falls back to the next brain that
 * meets the request's constraints, each behind its provider's circuit breaker; it also meters
 * every answer. Overrides {@link #chat(ChatRequest)} rather than {@code doChat} so the request
 * reaches the router unchanged and its routing decision can be found by identity.
 */
final class FallbackChatModel implements ChatModel {
    private final RouterCore core;
    private final int brain;

    FallbackChatModel(RouterCore core, int brain) {
        this.core = core;
        this.brain = brain;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return core.call(brain, request);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return core.call(brain, request);
    }

    @Override
    public String toString() {
        return "FallbackChatModel[brain #" + brain + "]";
    }
}
