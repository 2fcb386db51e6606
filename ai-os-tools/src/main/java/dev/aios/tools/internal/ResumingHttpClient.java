package dev.aios.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP client under the MCP SDK's Streamable HTTP transport, made to resume a POST's SSE
 * response stream that breaks before the request's answer arrived. The SDK (2.1.0) tracks event
 * ids only for its GET stream: when a POST's stream is cut, it reports the error to nobody who
 * waits, and the call hangs until its timeout. Here the stream is watched as it passes: each
 * event's {@code id} and {@code retry}, and whether a JSON-RPC response went by. When it breaks,
 * or ends, without a response, and the server gave an event id, the client waits the server's
 * {@code retry} (or {@link #DEFAULT_RETRY}), sends {@code GET} with {@code Last-Event-ID} as the
 * MCP spec says, and feeds the new stream to the SDK as if the first had never stopped. Only whole
 * events are passed on, so a cut in the middle of one leaves no half event behind.
 */
final class ResumingHttpClient extends HttpClient {
    private static final Logger log = LoggerFactory.getLogger(ResumingHttpClient.class);
    /** The wait before resuming when the server sent no {@code retry}. */
    static final Duration DEFAULT_RETRY = Duration.ofMillis(500);
    /** Resumptions of one stream before its break is passed on. */
    static final int MAX_RESUMES = 5;
    /** The longest {@code retry} we honour; a server asking for more gets this. */
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Set<String> NOT_COPIED = Set.of("content-type", "content-length", "accept", "last-event-id");
    private static final Executor RESUMER = task -> Thread.ofVirtual().name("aios-mcp-resume").start(task);

    private final HttpClient delegate;

    ResumingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** @return a builder for the SDK's transport whose client is a {@link ResumingHttpClient} */
    static HttpClient.Builder builder() {
        return new Builder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(request, wrap(request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, wrap(request, handler), pushPromiseHandler);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(request, wrap(request, handler));
    }

    private <T> HttpResponse.BodyHandler<T> wrap(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (!"POST".equals(request.method())) {
            return handler;
        }
        return info -> {
            HttpResponse.BodySubscriber<T> downstream = handler.apply(info);
            boolean sse = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT)
                    .contains("text/event-stream");
            return sse && info.statusCode() / 100 == 2 ? new ResumableStream<>(request, downstream) : downstream;
        };
    }

    /**
     * One POST's SSE response, passed to the SDK's subscriber event by event, resumed with GET
     * and {@code Last-Event-ID} when it breaks before the answer.
     */
    private final class ResumableStream<T> implements HttpResponse.BodySubscriber<T>, Flow.Subscription {
        private final HttpRequest request;
        private final HttpResponse.BodySubscriber<T> downstream;
        private final ArrayDeque<List<ByteBuffer>> ready = new ArrayDeque<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private int lineStart;
        private int eventStart;
        private Flow.@Nullable Subscription upstream;
        private long demand;
        private boolean draining;
        private boolean upstreamDone;
        private @Nullable Throwable failure;
        private boolean finished;
        private boolean cancelled;
        private @Nullable String lastId;
        private Duration retry = DEFAULT_RETRY;
        private boolean answered;
        private int resumes;

        ResumableStream(HttpRequest request, HttpResponse.BodySubscriber<T> downstream) {
            this.request = request;
            this.downstream = downstream;
        }

        @Override
        public CompletionStage<T> getBody() {
            return downstream.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            boolean first;
            synchronized (this) {
                first = upstream == null;
                upstream = subscription;
            }
            if (first) {
                downstream.onSubscribe(this);
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            synchronized (this) {
                for (ByteBuffer buffer : item) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    partial.writeBytes(bytes);
                }
                splitEvents();
            }
            drain();
        }

        /** Moves each complete event (ended by an empty line) from {@link #partial} to {@link #ready}. */
        private void splitEvents() {
            byte[] bytes = partial.toByteArray();
            int consumed = 0;
            for (int i = lineStart; i < bytes.length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                int end = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                if (end == lineStart) { // an empty line: the event is complete
                    byte[] event = java.util.Arrays.copyOfRange(bytes, eventStart, i + 1);
                    observe(new String(event, StandardCharsets.UTF_8));
                    ready.add(List.of(ByteBuffer.wrap(event)));
                    consumed = i + 1;
                    eventStart = i + 1;
                }
                lineStart = i + 1;
            }
            if (consumed > 0) {
                partial.reset();
                partial.write(bytes, consumed, bytes.length - consumed);
                lineStart -= consumed;
                eventStart -= consumed;
            }
        }

        /** Notes an event's id, the server's retry, and whether it carries the request's answer. */
        private void observe(String event) {
            StringBuilder data = new StringBuilder();
            for (String line : event.split("\r?\n")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> lastId = value.isEmpty() ? null : value;
                    case "retry" -> {
                        try {
                            long ms = Long.parseLong(value.strip());
                            retry = Duration.ofMillis(Math.min(Math.max(ms, 0), MAX_RETRY.toMillis()));
                        } catch (NumberFormatException ignored) {
                            // the SSE spec says to ignore a retry that is not a number
                        }
                    }
                    case "data" -> data.append(value).append('\n');
                    default -> { }
                }
            }
            if (!data.isEmpty() && !answered) {
                try {
                    JsonNode message = JsonCodec.MAPPER.readTree(data.toString());
                    answered = message.has("id") && (message.has("result") || message.has("error"));
                } catch (IOException | RuntimeException notJson) {
                    // not ours to judge: the SDK reports it
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            ended(error);
        }

        @Override
        public void onComplete() {
            ended(null);
        }

        /** The current connection ended: resume if the answer is still to come, else finish. */
        private void ended(@Nullable Throwable error) {
            Duration wait;
            synchronized (this) {
                boolean resumable = !answered && !cancelled && lastId != null && resumes < MAX_RESUMES;
                if (!resumable) {
                    if (partial.size() > 0 && error == null) {
                        ready.add(List.of(ByteBuffer.wrap(partial.toByteArray())));
                        partial.reset();
                    }
                    upstreamDone = true;
                    failure = error;
                    wait = null;
                } else {
                    resumes++;
                    // a half event is dropped: the server sends it again after lastId
                    partial.reset();
                    lineStart = 0;
                    eventStart = 0;
                    wait = retry;
                }
            }
            if (wait == null) {
                drain();
                return;
            }
            log.info("the SSE stream of an MCP request to {} ended before its answer ({}); resuming after event {} "
                    + "in {} ms", request.uri(), error == null ? "closed" : error.toString(), lastId, wait.toMillis());
            CompletableFuture.runAsync(this::resume, CompletableFuture.delayedExecutor(wait.toMillis(),
                    TimeUnit.MILLISECONDS, RESUMER));
        }

        private void resume() {
            String id;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                id = lastId;
            }
            HttpRequest.Builder get = HttpRequest.newBuilder(request.uri()).GET()
                    .header("Accept", "text/event-stream")
                    .header("Last-Event-ID", id);
            request.timeout().ifPresent(get::timeout);
            request.headers().map().forEach((name, values) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> get.header(name, v));
                }
            });
            delegate.sendAsync(get.build(), info -> {
                if (info.statusCode() / 100 == 2) {
                    return new Continuation();
                }
                ended(new IOException("resuming the SSE stream after event " + id + " failed: HTTP "
                        + info.statusCode()));
                return HttpResponse.BodySubscribers.replacing(null);
            }).whenComplete((response, error) -> {
                if (error != null) {
                    ended(error);
                }
            });
        }

        /** Passes ready events as the SDK asks for them; then the end, once. */
        private void drain() {
            while (true) {
                List<ByteBuffer> next;
                boolean finish = false;
                Throwable error = null;
                synchronized (this) {
                    if (draining || finished) {
                        return;
                    }
                    if (demand > 0 && !ready.isEmpty()) {
                        next = ready.poll();
                        demand--;
                    } else if (ready.isEmpty() && upstreamDone) {
                        next = null;
                        finish = true;
                        finished = true;
                        error = failure;
                    } else {
                        return;
                    }
                    draining = true;
                }
                try {
                    if (next != null) {
                        downstream.onNext(next);
                    } else if (finish) {
                        if (error != null) {
                            downstream.onError(error);
                        } else {
                            downstream.onComplete();
                        }
                    }
                } finally {
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            drain();
        }

        @Override
        public void cancel() {
            Flow.Subscription current;
            synchronized (this) {
                cancelled = true;
                current = upstream;
            }
            if (current != null) {
                current.cancel();
            }
        }

        /** The resumed GET's body, fed into the same stream. */
        private final class Continuation implements HttpResponse.BodySubscriber<Void> {
            private final CompletableFuture<Void> body = new CompletableFuture<>();

            @Override
            public CompletionStage<Void> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                log.debug("resumed the SSE stream of {} after event {}", request.uri(), lastId);
                ResumableStream.this.onSubscribe(subscription);
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                ResumableStream.this.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                body.complete(null);
                ended(throwable);
            }

            @Override
            public void onComplete() {
                body.complete(null);
                ended(null);
            }
        }
    }

    // ---- the rest is the JDK client's

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The JDK's builder, whose {@link #build()} wraps the client. */
    private record Builder(HttpClient.Builder jdk) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            jdk.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            jdk.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            jdk.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            jdk.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            jdk.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            jdk.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            jdk.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            jdk.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            jdk.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            jdk.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient.Builder localAddress(InetAddress localAddr) {
            jdk.localAddress(localAddr);
            return this;
        }

        @Override
        public HttpClient build() {
            return new ResumingHttpClient(jdk.build());
        }
    }
}
