package dev.aios.routing.internal;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

/**
 * The streaming model of a brain handed out by the learned router: like {@link FallbackChatModel}
 * (timeout, retries, fallback, breakers, metering), with fallback possible only until the first
 * piece of text has been passed on. Overrides {@code chat} so the request reaches the router
 * unchanged and its routing decision can be found by identity.
 */
final class FallbackStreamingChatModel implements StreamingChatModel {
    private final RouterCore core;
    private final int brain;

    FallbackStreamingChatModel(RouterCore core, int brain) {
        this.core = core;
        this.brain = brain;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        core.stream(brain, request, handler);
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        core.stream(brain, request, handler);
    }

    @Override
    public String toString() {
        return "FallbackStreamingChatModel[brain #" + brain + "]";
    }
}
