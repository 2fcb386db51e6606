package dev.aios.routing.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.Secrets;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One try of a streaming brain: forwards its pieces of text to the caller and turns the stream's
 * end into futures the resilient caller waits on. Whether any text reached the caller decides what
 * a failure means: before it, the caller may retry or fall back; after it, the text was shown, so
 * the failure is the answer ({@link Broken}).
 */
final class StreamAttempt implements StreamingChatResponseHandler {
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    private final Consumer<String> partialText;
    private volatile boolean abandoned;
    private volatile boolean textShown;

    /** A stream failed after text reached the caller: no retry, no fallback. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken(Throwable cause) {
            super(cause);
        }

        /** @return the stream's own error, as the caller should see it */
        RuntimeException reported() {
            return unchecked(getCause());
        }
    }

    StreamAttempt(Consumer<String> partialText) {
        this.partialText = partialText;
    }

    /** @return the full answer, waiting up to {@code timeout} for its start and then for its end */
    ChatResponse await(Duration timeout) throws InterruptedException {
        try {
            started.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandoned = true;
            throw new dev.langchain4j.exception.TimeoutException("no answer within " + timeout);
        } catch (ExecutionException e) {
            // Failed before any text: the caller may retry or fall back.
            throw unchecked(e.getCause());
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw textShown ? new Broken(e.getCause()) : unchecked(e.getCause());
        }
    }

    static RuntimeException unchecked(Throwable cause) {
        return cause instanceof RuntimeException r ? r : AiOsException.permanent(Secrets.scrub(String.valueOf(cause)));
    }

    @Override
    public void onPartialResponse(String partial) {
        if (abandoned) {
            return;
        }
        textShown = true;
        started.complete(null);
        partialText.accept(partial);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        started.complete(null);
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        started.completeExceptionally(error);
        done.completeExceptionally(error);
    }
}
