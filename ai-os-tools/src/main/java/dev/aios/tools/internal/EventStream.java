package dev.aios.tools.internal;

import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event stream of a {@link DirectHttpTransport}: a POST's answer stream, or the GET stream
 * for messages the server starts. Each whole event's message goes to the session as it arrives.
 * When the connection breaks or ends before a POST's answer came, and the server gave event
 * ids, the stream is resumed with {@code GET} and {@code Last-Event-ID} after the server's
 * {@code retry} ({@link #DEFAULT_RETRY} if it sent none), as the MCP spec says; a half event is
 * never passed on, since the server sends it again after the last whole one. The GET stream is
 * reopened the same way when it drops.
 */
final class EventStream {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    /** The wait before resuming when the server sent no {@code retry}. */
    static final Duration DEFAULT_RETRY = Duration.ofMillis(500);
    /** Resumptions in a row without an event before the stream is given up. */
    static final int MAX_RESUMES = 5;
    /** The longest {@code retry} honoured; a server asking for more gets this. */
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Executor RESUMER = task -> Thread.ofVirtual().name("aios-mcp-resume").start(task);

    private final DirectHttpTransport transport;
    /** The POST's JSON-RPC request id; null for the GET stream. */
    private final @Nullable Object requestId;
    private final String version;
    private volatile @Nullable String lastId;
    private volatile Duration retry = DEFAULT_RETRY;
    private volatile boolean answered;
    private volatile boolean cancelled;
    private volatile Flow.@Nullable Subscription current;
    private int resumes;

    EventStream(DirectHttpTransport transport, @Nullable Object requestId, String version) {
        this.transport = transport;
        this.requestId = requestId;
        this.version = version;
    }

    /** @return a body subscriber for the next connection of this stream; its body completes at once */
    HttpResponse.BodySubscriber<Void> connection() {
        return new Connection();
    }

    /** Stops the stream (the transport is closing). */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = current;
        if (s != null) {
            s.cancel();
        }
    }

    private void event(SseParser.Event event) {
        if (!"message".equals(event.type()) || event.data().isBlank()) {
            return; // another event type, or an empty priming event (it only carries an id)
        }
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(transport.mapper(), event.data());
        } catch (IOException | RuntimeException e) {
            log.warn("MCP server '{}' sent an event that is not a JSON-RPC message; skipped", transport.name());
            return;
        }
        synchronized (this) {
            resumes = 0;
        }
        if (requestId != null && message instanceof McpSchema.JSONRPCResponse response
                && Objects.equals(String.valueOf(response.id()), String.valueOf(requestId))) {
            answered = true;
        }
        transport.dispatch(message);
    }

    /** A connection ended: resume if the answer is still to come (or this is the GET stream). */
    private void ended(SseParser parser, @Nullable Throwable error) {
        if (parser.lastId() != null) {
            lastId = parser.lastId();
        }
        if (parser.retry() != null) {
            Duration asked = parser.retry();
            retry = asked.isNegative() ? Duration.ZERO : asked.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : asked;
        }
        transport.track(this, false);
        boolean wanted = !cancelled && !transport.closed() && (requestId == null || !answered);
        if (!wanted) {
            return;
        }
        String resumeAfter = lastId;
        int attempt;
        synchronized (this) {
            attempt = ++resumes;
        }
        if (requestId != null && resumeAfter == null || attempt > MAX_RESUMES) {
            // Without an event id the server cannot resume; the call ends at its timeout, as with the SDK.
            if (requestId != null || error != null) {
                transport.report(new IOException("the event stream of MCP server '" + transport.name() + "' ended"
                        + (requestId == null ? "" : " before the answer to request " + requestId)
                        + (error == null ? "" : ": " + error.getMessage()), error));
            }
            return;
        }
        Duration wait = retry;
        log.info("the event stream of MCP server '{}' {} ({}); resuming after event {} in {} ms", transport.name(),
                requestId == null ? "for server messages ended" : "ended before the answer to request " + requestId,
                error == null ? "closed" : error.toString(), resumeAfter, wait.toMillis());
        CompletableFuture.runAsync(() -> resume(resumeAfter),
                CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, RESUMER));
    }

    private void resume(@Nullable String after) {
        if (cancelled || transport.closed()) {
            return;
        }
        if (requestId == null && after == null) {
            transport.openListening(version, null, 0); // a fresh GET stream: nothing to resume after
            return;
        }
        HttpRequest.Builder get = transport.request(version).header(HttpHeaders.ACCEPT,
                DirectHttpTransport.TEXT_EVENT_STREAM).GET();
        if (after != null) {
            get.header(HttpHeaders.LAST_EVENT_ID, after);
        }
        transport.authorized(get).subscribe(request -> transport.http().sendAsync(request, info -> {
            if (info.statusCode() / 100 == 2 && DirectHttpTransport.isEventStream(info)) {
                return connection();
            }
            Connection failed = new Connection();
            failed.end(new IOException("resuming after event " + after + " failed: HTTP " + info.statusCode()));
            return HttpResponse.BodySubscribers.replacing(null);
        }).whenComplete((response, error) -> {
            if (error != null) {
                new Connection().end(error);
            }
        }), error -> new Connection().end(error));
    }

    /** One HTTP response's body: parsed as it arrives, events dispatched on the reading thread. */
    private final class Connection implements HttpResponse.BodySubscriber<Void> {
        private final SseParser parser = new SseParser(EventStream.this::event);
        private boolean ended;

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            current = subscription;
            transport.track(EventStream.this, true);
            if (cancelled) {
                subscription.cancel();
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            try {
                for (ByteBuffer buffer : item) {
                    parser.feed(buffer);
                }
            } catch (RuntimeException e) {
                Flow.Subscription s = current;
                if (s != null) {
                    s.cancel();
                }
                end(e);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end(throwable);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        void end(@Nullable Throwable error) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            ended(parser, error);
        }
    }
}
