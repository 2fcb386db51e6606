package dev.aios.tools.internal;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.transport.HttpRequestSnapshot;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.HttpHeaders;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpTransportException;
import io.modelcontextprotocol.spec.McpTransportSessionClosedException;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An MCP client transport over Streamable HTTP that reads each answer the cheapest way its
 * content type allows: an {@code application/json} answer as bytes in one go, parsed once; a
 * {@code text/event-stream} answer through a small {@link SseParser} that hands each message to
 * the session as its event completes. The SDK's transport passes every body through a Flow
 * publisher, Reactor's line decoding and several operators; that was a third of the client's CPU
 * per call.
 *
 * <p>It keeps what the SDK's transport does: the {@code Mcp-Session-Id} the server assigns, sent
 * with every later request, and a {@code DELETE} on close; the negotiated protocol version
 * header; {@code 202} for notifications; {@code 404} (or {@code 400}) with a session as "session
 * expired" ({@link McpTransportSessionNotFoundException}); the {@code GET} stream for messages the
 * server starts, opened once a session exists ({@code 405}: the server has none); the OAuth
 * bearer and the {@code 401}/{@code 403} step-up through {@link OAuthClient}. What it adds: a
 * request's event stream cut before its answer is resumed with {@code GET} and
 * {@code Last-Event-ID} after the server's {@code retry} ({@link EventStream}), and a request sent
 * on a kept-alive connection that the server had just closed (the JDK reports "header parser
 * received no bytes") is sent once more on a new connection.
 */
final class DirectHttpTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(DirectHttpTransport.class);
    static final String TEXT_EVENT_STREAM = "text/event-stream";
    private static final String APPLICATION_JSON = "application/json";

    private final String name;
    private final URI endpoint;
    private final Map<String, String> headers;
    private final McpJsonMapper mapper;
    private final @Nullable OAuthClient oauth;
    private final HttpClient http;
    private final String latestVersion;
    private volatile @Nullable Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler;
    private volatile @Nullable Consumer<Throwable> exceptionHandler;
    private volatile @Nullable String sessionId;
    private volatile boolean closed;
    private final java.util.Set<EventStream> streams = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param name the server's name, for logs
     * @param endpoint the MCP endpoint
     * @param headers sent with every request (static headers from the configuration)
     * @param oauth the server's OAuth client; null for none
     */
    DirectHttpTransport(String name, URI endpoint, Map<String, String> headers, Duration connectTimeout,
            McpJsonMapper mapper, @Nullable OAuthClient oauth) {
        this.name = name;
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.mapper = mapper;
        this.oauth = oauth;
        // HTTP/1.1: MCP servers speak it, and h2c upgrade attempts only cost a round trip. The direct
        // executor runs the client's work on its selector thread instead of handing every response's
        // headers and body to a pool thread (about six thread wake-ups per call); nothing run there
        // blocks: the session's handler only routes, and OAuth and resumption move to their own threads.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(Runnable::run).build();
        this.latestVersion = protocolVersions().stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> this.handler = handler);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = handler;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.deferContextual(context -> {
            if (closed) {
                return Mono.error(new McpTransportSessionClosedException());
            }
            byte[] body;
            try {
                body = mapper.writeValueAsBytes(message);
            } catch (IOException e) {
                return Mono.error(new McpTransportException("cannot write a message as JSON", e));
            }
            String version = context.getOrDefault(McpAsyncClient.NEGOTIATED_PROTOCOL_VERSION, latestVersion);
            return post(message, body, version, 0, false).doOnError(this::report);
        });
    }

    private Mono<Void> post(McpSchema.JSONRPCMessage message, byte[] body, String version, int authRetries,
            boolean resent) {
        HttpRequest.Builder builder = request(version)
                .header(HttpHeaders.ACCEPT, APPLICATION_JSON + ", " + TEXT_EVENT_STREAM)
                .header(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        Object requestId = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        return authorized(builder).flatMap(request -> Mono.fromFuture(() -> http.sendAsync(request,
                        info -> bodyFor(info, requestId, version)))
                .onErrorMap(CompletionException.class, e -> e.getCause() == null ? e : e.getCause())
                .flatMap(response -> answered(message, request, response, body, version, authRetries, resent)))
                .onErrorResume(e -> !resent && neverAnswered(e), e -> {
                    log.debug("MCP server '{}' closed a kept-alive connection as a request went out ({}); sending "
                            + "it again", name, e.getMessage());
                    return post(message, body, version, authRetries, true);
                });
    }

    private Mono<Void> answered(McpSchema.JSONRPCMessage message, HttpRequest request, HttpResponse<byte[]> response,
            byte[] body, String version, int authRetries, boolean resent) {
        int status = response.statusCode();
        String sent = request.headers().firstValue(HttpHeaders.MCP_SESSION_ID).orElse(null);
        if (status == 401 || status == 403) {
            return authorizationFailed(request, response, authRetries,
                    () -> post(message, body, version, authRetries + 1, resent));
        }
        if (status / 100 == 2) {
            byte[] answer = response.body();
            if (answer == null || answer.length == 0 || status == 202) {
                return Mono.empty(); // an event stream (dispatched as it arrives) or no body
            }
            if (message instanceof McpSchema.JSONRPCNotification) {
                log.warn("MCP server '{}' answered a notification with a body; ignored", name);
                return Mono.empty();
            }
            McpSchema.JSONRPCMessage parsed;
            try {
                parsed = McpSchema.deserializeJsonRpcMessage(mapper, new String(answer, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return Mono.error(new McpTransportException("MCP server '" + name + "' answered with JSON that is "
                        + "not a JSON-RPC message: " + e.getMessage(), e));
            }
            dispatch(parsed);
            return Mono.empty();
        }
        if ((status == 404 || status == 400) && sent != null) {
            sessionId = null;
            return Mono.error(new McpTransportSessionNotFoundException("Session not found for session ID: " + sent));
        }
        if (status / 100 == 4) {
            return Mono.error(new McpTransportException("Invalid request. Status code: " + status));
        }
        return Mono.error(new McpTransportException("Failed to send message: HTTP " + status + " from MCP server '"
                + name + "'"));
    }

    /**
     * @return where the body goes: a 2xx event stream to an {@link EventStream} (the response
     *     completes at its headers; events are dispatched as they come), anything else as bytes
     */
    private HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info, @Nullable Object requestId,
            String version) {
        if (info.statusCode() / 100 == 2) {
            // Before the body: an event-stream answer is dispatched as it arrives, and the session
            // may send its next request (with this id) before the response itself completes.
            noteSession(info.headers(), version);
        }
        if (info.statusCode() / 100 == 2 && isEventStream(info)) {
            EventStream stream = new EventStream(this, requestId, version);
            return HttpResponse.BodySubscribers.mapping(stream.connection(), ignored -> new byte[0]);
        }
        return HttpResponse.BodySubscribers.ofByteArray();
    }

    static boolean isEventStream(HttpResponse.ResponseInfo info) {
        return info.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT)
                .contains(TEXT_EVENT_STREAM);
    }

    /** A 401 or 403: let OAuth get a better token and send again, as often as it allows; else fail. */
    private Mono<Void> authorizationFailed(HttpRequest request, HttpResponse<?> response, int retries,
            java.util.function.Supplier<Mono<Void>> again) {
        var snapshot = new HttpRequestSnapshot(request.uri(), request.method(), request.headers());
        var failure = new McpHttpClientTransportAuthorizationException("Authorization error when sending message",
                snapshot, info(response));
        if (oauth == null || retries >= oauth.maxRetries()) {
            return Mono.error(failure);
        }
        return Mono.from(oauth.handle(snapshot, info(response), McpTransportContext.EMPTY)).defaultIfEmpty(false)
                .flatMap(retry -> retry ? again.get() : Mono.error(failure));
    }

    private static HttpResponse.ResponseInfo info(HttpResponse<?> response) {
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return response.statusCode();
            }

            @Override
            public java.net.http.HttpHeaders headers() {
                return response.headers();
            }

            @Override
            public HttpClient.Version version() {
                return response.version();
            }
        };
    }

    /** The first session id the server gives starts the GET stream for the messages it starts. */
    private void noteSession(java.net.http.HttpHeaders headers, String version) {
        String id = headers.firstValue(HttpHeaders.MCP_SESSION_ID).orElse(null);
        if (id == null || id.equals(sessionId)) {
            return;
        }
        synchronized (this) {
            if (sessionId != null) {
                log.warn("MCP server '{}' gave another session id; keeping the first", name);
                return;
            }
            sessionId = id;
        }
        openListening(version, null, 0);
    }

    /** Opens the GET stream (resuming after {@code lastId} if given); a server without one answers 405. */
    void openListening(String version, @Nullable String lastId, int authRetries) {
        if (closed) {
            return;
        }
        HttpRequest.Builder builder = request(version).header(HttpHeaders.ACCEPT, TEXT_EVENT_STREAM).GET();
        if (lastId != null) {
            builder.header(HttpHeaders.LAST_EVENT_ID, lastId);
        }
        EventStream stream = new EventStream(this, null, version);
        authorized(builder).flatMap(request -> Mono.fromFuture(() -> http.sendAsync(request, info ->
                        info.statusCode() / 100 == 2 && isEventStream(info)
                                ? HttpResponse.BodySubscribers.mapping(stream.connection(), ignored -> new byte[0])
                                : HttpResponse.BodySubscribers.ofByteArray()))
                .flatMap(response -> {
                    int status = response.statusCode();
                    if (status == 405) {
                        log.debug("MCP server '{}' offers no GET stream", name);
                        return Mono.empty();
                    }
                    if (status == 401 || status == 403) {
                        return authorizationFailed(request, response, authRetries,
                                () -> Mono.fromRunnable(() -> openListening(version, lastId, authRetries + 1)));
                    }
                    if ((status == 404 || status == 400) && request.headers().firstValue(HttpHeaders.MCP_SESSION_ID)
                            .isPresent()) {
                        return Mono.error(new McpTransportSessionNotFoundException("Session not found for session ID: "
                                + request.headers().firstValue(HttpHeaders.MCP_SESSION_ID).orElse("")));
                    }
                    if (status / 100 != 2) {
                        return Mono.error(new McpTransportException("opening the GET stream failed: HTTP " + status));
                    }
                    return Mono.empty();
                }))
                .subscribe(ignored -> {}, e -> {
                    if (!closed) {
                        report(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                    }
                });
    }

    /** A request with the static headers, the session and the protocol version. */
    HttpRequest.Builder request(String version) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint);
        headers.forEach(builder::header);
        builder.header(HttpHeaders.CACHE_CONTROL, "no-cache").header(HttpHeaders.PROTOCOL_VERSION, version);
        String session = sessionId;
        if (session != null) {
            builder.header(HttpHeaders.MCP_SESSION_ID, session);
        }
        return builder;
    }

    Mono<HttpRequest> authorized(HttpRequest.Builder builder) {
        return oauth == null ? Mono.fromSupplier(builder::build) : Mono.from(oauth.authorize(builder)).map(HttpRequest.Builder::build);
    }

    /** Hands a message to the session, on this thread: an answer completes its caller's future. */
    void dispatch(McpSchema.JSONRPCMessage message) {
        var h = handler;
        if (h == null) {
            log.warn("MCP server '{}' sent a message before the transport was connected; dropped", name);
            return;
        }
        h.apply(Mono.just(message)).subscribe(ignored -> {},
                e -> log.warn("MCP server '{}': handling a message failed: {}", name, e.toString()));
    }

    McpJsonMapper mapper() {
        return mapper;
    }

    HttpClient http() {
        return http;
    }

    String name() {
        return name;
    }

    boolean closed() {
        return closed;
    }

    void track(EventStream stream, boolean open) {
        if (open) {
            streams.add(stream);
        } else {
            streams.remove(stream);
        }
    }

    void report(Throwable error) {
        log.debug("MCP server '{}': {}", name, error.toString());
        var h = exceptionHandler;
        if (h != null) {
            try {
                h.accept(error);
            } catch (RuntimeException e) {
                log.warn("MCP server '{}': the session's exception handler failed: {}", name, e.toString());
            }
        }
    }

    /**
     * The JDK's words when a kept-alive connection turns out closed before any byte of the answer:
     * the server never read the request, so sending it again is safe.
     */
    private static boolean neverAnswered(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            String session;
            synchronized (this) {
                if (closed) {
                    return Mono.empty(); // the session layer closes twice (closeGracefully, then close)
                }
                closed = true;
                session = sessionId;
            }
            streams.forEach(EventStream::cancel);
            if (session == null) {
                http.shutdownNow();
                return Mono.empty();
            }
            HttpRequest.Builder delete = request(latestVersion).DELETE();
            return authorized(delete)
                    .flatMap(request -> Mono.fromFuture(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding())))
                    .doOnNext(response -> log.debug("MCP server '{}' answered DELETE of its session with {}", name,
                            response.statusCode()))
                    .onErrorResume(e -> {
                        log.debug("MCP server '{}': ending the session failed: {}", name, e.toString());
                        return Mono.empty();
                    })
                    .doFinally(signal -> http.shutdownNow())
                    .then();
        });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return mapper.convertValue(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return McpClientTransport.super.protocolVersions();
    }
}
