package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.tools.McpServerConfig;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One supervised MCP server: connects on first use, notices when it dies (its process exits, its
 * transport fails, or it stops answering pings), fails the calls in flight at once, and starts
 * it again (stdio) or reconnects (HTTP) on the next use, no sooner than an exponential backoff
 * allows. Nothing here throws anything but {@link AiOsException} and {@link InterruptedException}.
 *
 * <p>(Slightly over the project's 400-line guide: the connect / supervise / fail-in-flight state
 * machine shares one lock and one set of fields, and splitting it would spread that state.)
 */
public final class ServerConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerConnection.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    /** What the connection tells the registry. */
    public interface Listener {
        /** The server sent {@code notifications/tools/list_changed}; {@code tools} is its new list. */
        void toolsChanged(String server, List<McpSchema.Tool> tools);

        /** The server reported progress on a call. */
        void progress(String server, McpSchema.ProgressNotification progress);

        /** A new session started (after a restart, the server's tools may have changed). */
        void connected(String server);
    }

    /**
     * @param initTimeout how long starting and the MCP handshake may take
     * @param requestTimeout the SDK's own limit on any request (a backstop behind the per-call timeout)
     * @param minBackoff the wait before the first restart after a failure
     * @param maxBackoff the longest wait between restarts
     */
    public record Settings(Duration initTimeout, Duration requestTimeout, Duration minBackoff, Duration maxBackoff) {}

    /** The state of the connection, as {@link #state()} reports it. */
    public enum State { NOT_STARTED, CONNECTED, DOWN, CLOSED }

    /** One session with the server; replaced whole on restart. */
    private static final class Session {
        final McpAsyncClient client;
        final TrackingTransport transport;
        final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
        volatile @Nullable String deadReason;

        Session(McpAsyncClient client, TrackingTransport transport) {
            this.client = client;
            this.transport = transport;
        }
    }

    private final McpServerConfig config;
    private final Settings settings;
    private final Listener listener;
    private final ClientFeatures features;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger starts = new AtomicInteger();
    private volatile @Nullable Session session;
    private volatile boolean closed;
    private long retryAtNanos;
    private Duration backoff;
    private volatile @Nullable String lastFailure;

    /**
     * Connects nothing yet: the server starts on first use.
     *
     * @param features the capabilities this client declares and their handlers
     */
    public ServerConnection(McpServerConfig config, Settings settings, Listener listener, ClientFeatures features) {
        this.config = config;
        this.settings = settings;
        this.listener = listener;
        this.features = features;
        this.backoff = settings.minBackoff();
    }

    /** @return the server's configuration */
    public McpServerConfig config() {
        return config;
    }

    /** @return the server's name */
    public String name() {
        return config.name();
    }

    /** @return how many sessions were started, restarts included */
    public int starts() {
        return starts.get();
    }

    /** @return why the last session ended or failed to start, if one did */
    public @Nullable String lastFailure() {
        return lastFailure;
    }

    /** @return the state now */
    public State state() {
        if (closed) {
            return State.CLOSED;
        }
        Session s = session;
        if (s != null && s.deadReason == null) {
            return State.CONNECTED;
        }
        return starts.get() == 0 && lastFailure == null ? State.NOT_STARTED : State.DOWN;
    }

    /** @return the server's process (stdio), while connected */
    public @Nullable ProcessHandle process() {
        Session s = session;
        return s == null ? null : s.transport.process();
    }

    /** @return how many {@code notifications/cancelled} the current session sent */
    public int cancellationsSent() {
        Session s = session;
        return s == null ? 0 : s.transport.cancellationsSent();
    }

    /**
     * @return what the server said it can do in its handshake (connects first if needed); null if
     *     it said nothing
     */
    public McpSchema.@Nullable ServerCapabilities capabilities() throws InterruptedException {
        return connected().client.getServerCapabilities();
    }

    /**
     * Sends one request on the current session (connecting first if needed), under the SDK's
     * request timeout. A server that fails the request is marked down, like on a failed call.
     *
     * @param what the request, for error messages, such as {@code "resources/read file:///a"}
     * @throws AiOsException if the server is down, did not answer in time, or refused the request
     */
    public <T> T request(Function<McpAsyncClient, Mono<T>> call, String what) throws InterruptedException {
        return request(connected(), call, settings.requestTimeout(), what);
    }

    /**
     * Calls a tool. On timeout or interruption it sends {@code notifications/cancelled}; after a
     * timeout it pings the server and restarts it if the ping goes unanswered too.
     *
     * @param token the progress token of this call, unique among calls in flight
     * @param idempotencyKey sent in the request's {@code _meta} under
     *     {@value ToolCall#IDEMPOTENCY_KEY_META}, beside the progress token; null sends none
     * @throws TimeoutException if the server did not answer within {@code timeout}
     * @throws InterruptedException if the calling thread was interrupted (the call is cancelled)
     * @throws AiOsException if the server is down, died during the call, or refused the request
     */
    public McpSchema.CallToolResult callTool(String tool, Map<String, Object> arguments, String token,
            @Nullable String idempotencyKey, Duration timeout) throws InterruptedException, TimeoutException {
        Session s = connected();
        Map<String, Object> meta = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            meta.put(ToolCall.IDEMPOTENCY_KEY_META, idempotencyKey);
        }
        McpSchema.CallToolRequest request = McpSchema.CallToolRequest.builder(tool)
                .arguments(arguments)
                .meta(meta)
                .progressToken(token)
                .build();
        McpSchema.ServerCapabilities capabilities = s.client.getServerCapabilities();
        // Past the SDK's session where the transport can (see DirectCalls); a server without tools
        // gets the session's own error.
        CompletableFuture<McpSchema.CallToolResult> future = capabilities != null && capabilities.tools() != null
                ? s.transport.callDirect(request) : null;
        if (future == null) {
            future = s.client.callTool(request).toFuture();
        }
        try {
            return await(s, future, timeout, "tools/call " + tool);
        } catch (TimeoutException e) {
            s.transport.cancel(token, "timed out after " + timeout);
            future.cancel(true);
            checkAlive(s);
            throw e;
        } catch (InterruptedException e) {
            s.transport.cancel(token, "cancelled by the caller");
            future.cancel(true);
            throw e;
        } finally {
            s.transport.forget(token);
        }
    }

    private <T> T request(Session s, Function<McpAsyncClient, Mono<T>> call, Duration timeout, String what)
            throws InterruptedException {
        CompletableFuture<T> future = call.apply(s.client).toFuture();
        try {
            return await(s, future, timeout, what);
        } catch (TimeoutException e) {
            future.cancel(true);
            checkAlive(s);
            throw AiOsException.retriable("MCP server '" + name() + "' did not answer " + what + " within " + timeout,
                    e);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private <T> T await(Session s, CompletableFuture<T> future, Duration timeout, String what)
            throws InterruptedException, TimeoutException {
        s.inFlight.add(future);
        try {
            if (s.deadReason != null) {
                throw gone(s);
            }
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ServerGone) {
                throw gone(s);
            }
            if (cause instanceof McpError error && error.getJsonRpcError() != null) {
                // The server answered, with an error: it is alive, the request was wrong.
                throw AiOsException.permanent("MCP server '" + name() + "' refused " + what + ": "
                        + error.getJsonRpcError().message(), error);
            }
            if (cause instanceof IllegalStateException refused && refused.getMessage() != null
                    && refused.getMessage().contains("capability")) {
                // The SDK refused before sending: the server never declared the feature. It is not down.
                throw AiOsException.permanent("MCP server '" + name() + "' does not offer " + what + ": "
                        + refused.getMessage(), refused);
            }
            String reason = describe(cause);
            markDead(s, what + " failed: " + reason);
            throw AiOsException.retriable("MCP server '" + name() + "' failed on " + what + ": " + reason
                    + "; it will be " + (config.transport() == McpServerConfig.Transport.STDIO ? "restarted" : "reconnected"), cause);
        } finally {
            s.inFlight.remove(future);
        }
    }

    /** After a timeout: a server that does not answer a ping either is hung, and is restarted. */
    private void checkAlive(Session s) {
        if (s.deadReason != null) {
            return;
        }
        try {
            s.client.ping().toFuture().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            markDead(s, "it stopped answering (no answer to a ping within " + PING_TIMEOUT.toSeconds() + " s)");
        }
    }

    private AiOsException gone(Session s) {
        return AiOsException.retriable("MCP server '" + name() + "' stopped during the call: " + s.deadReason + "; it will be "
                + (config.transport() == McpServerConfig.Transport.STDIO ? "restarted" : "reconnected")
                + " on the next call");
    }

    /** Marks the session dead, fails its calls in flight, and ends it (kills its process). */
    private void markDead(Session s, String reason) {
        synchronized (s) {
            if (s.deadReason != null) {
                return;
            }
            s.deadReason = reason;
        }
        lastFailure = reason;
        if (!closed) {
            log.warn("MCP server '{}' is down: {}", name(), reason);
        }
        ServerGone gone = new ServerGone(reason);
        for (CompletableFuture<?> future : s.inFlight) {
            future.completeExceptionally(gone);
        }
        end(s);
    }

    private Session connected() throws InterruptedException {
        Session s = session;
        if (s != null && s.deadReason == null) {
            return s;
        }
        lock.lockInterruptibly();
        try {
            if (closed) {
                throw AiOsException.permanent("the MCP server '" + name() + "' was closed with its registry");
            }
            s = session;
            if (s != null && s.deadReason == null) {
                return s;
            }
            session = null;
            long wait = retryAtNanos - System.nanoTime();
            if (wait > 0) {
                throw AiOsException.retriable("MCP server '" + name() + "' is down (" + lastFailure + "); the next "
                        + "attempt to start it is in " + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
            }
            try {
                s = start();
            } catch (InterruptedException e) {
                throw e;
            } catch (RuntimeException e) {
                lastFailure = "it could not be started: " + describe(e);
                retryAtNanos = System.nanoTime() + backoff.toNanos();
                log.warn("MCP server '{}' could not be started ({}); trying again in {} ms", name(), describe(e),
                        backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
                throw AiOsException.retriable("MCP server '" + name() + "' could not be started: " + describe(e)
                        + "; check its command or url", e);
            }
            backoff = settings.minBackoff();
            retryAtNanos = System.nanoTime() + backoff.toNanos();
            session = s;
        } finally {
            lock.unlock();
        }
        listener.connected(name());
        return s;
    }

    private Session start() throws InterruptedException {
        int attempt = starts.incrementAndGet();
        log.info("starting MCP server {} (attempt {})", config, attempt);
        ReactorTimers.quiet();
        TrackingTransport transport = new TrackingTransport(ServerTransports.open(config, settings.initTimeout(),
                features.oauth(name())),
                config.transport() == McpServerConfig.Transport.STDIO);
        McpClient.AsyncSpec spec = McpClient.async(transport);
        features.configure(spec, name());
        McpAsyncClient client = spec
                .clientInfo(McpSchema.Implementation.builder("ai-os", "0.1.0").build())
                .requestTimeout(settings.requestTimeout())
                .initializationTimeout(settings.initTimeout())
                .toolsChangeConsumer(tools -> {
                    listener.toolsChanged(name(), tools);
                    return Mono.empty();
                })
                .progressConsumer(progress -> {
                    listener.progress(name(), progress);
                    return Mono.empty();
                })
                .build();
        Session s = new Session(client, transport);
        try {
            client.initialize().toFuture().get(settings.initTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            s.deadReason = "start failed";
            end(s);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw AiOsException.retriable(cause instanceof TimeoutException
                    ? "no MCP handshake within " + settings.initTimeout() : describe(cause), cause);
        } catch (InterruptedException e) {
            s.deadReason = "start interrupted";
            end(s);
            throw e;
        }
        ProcessHandle process = transport.process();
        if (process != null) {
            // Not on the JDK's process reaper thread: ending a session blocks for a moment.
            process.onExit().thenRunAsync(() -> markDead(s, "its process " + process.pid() + " exited"),
                    task -> Thread.ofVirtual().name("aios-mcp-exit").start(task));
        }
        return s;
    }

    /** Ends a session: closes the client and kills what is left of the process tree. */
    private void end(Session s) {
        ProcessHandle process = s.transport.process();
        boolean alive = process != null && process.isAlive();
        if (alive && s.deadReason != null && !"closed".equals(s.deadReason)) {
            // A hung or broken server gets no grace: a stopped process would never read EOF.
            ServerTransports.killTree(process);
        }
        try {
            s.client.closeGracefully().timeout(CLOSE_TIMEOUT).onErrorResume(e -> Mono.empty())
                    .toFuture().get(CLOSE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.debug("MCP server '{}' did not close gracefully: {}", name(), e.toString());
        }
        try {
            s.client.close();
        } catch (RuntimeException e) {
            log.debug("closing the client of MCP server '{}' failed: {}", name(), e.toString());
        }
        if (process != null) {
            ServerTransports.killTree(process);
        }
    }

    /**
     * Tells the current session, if any, that the roots changed from {@code before} to
     * {@code after} ({@code notifications/roots/list_changed}); a later session starts with the
     * new roots anyway.
     */
    public void rootsChanged(List<McpSchema.Root> before, List<McpSchema.Root> after) {
        Session s = session;
        if (s == null || s.deadReason != null) {
            return;
        }
        java.util.Set<String> kept = new java.util.HashSet<>();
        after.forEach(r -> kept.add(r.uri()));
        java.util.Set<String> had = new java.util.HashSet<>();
        before.forEach(r -> had.add(r.uri()));
        Mono<Void> changes = Mono.empty();
        for (McpSchema.Root old : before) {
            if (!kept.contains(old.uri())) {
                changes = changes.then(s.client.removeRoot(old.uri()));
            }
        }
        for (McpSchema.Root root : after) {
            if (!had.contains(root.uri())) {
                changes = changes.then(s.client.addRoot(root));
            }
        }
        changes.timeout(settings.requestTimeout()).subscribe(ignored -> {},
                e -> log.warn("could not tell MCP server '{}' that the roots changed: {}", name(), e.toString()));
    }

    /** Ends the session, if any, and refuses further use. */
    @Override
    public void close() {
        closed = true;
        Session s = session;
        session = null;
        if (s != null && s.deadReason == null) {
            s.deadReason = "closed";
            ServerGone gone = new ServerGone("the registry was closed");
            s.inFlight.forEach(f -> f.completeExceptionally(gone));
            end(s);
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof AiOsException ours && t != e) {
                return ours.getMessage(); // our own words (such as why OAuth failed) under the SDK's wrapping
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.util.concurrent.CompletionException
                        || root instanceof ExecutionException)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Completes the calls in flight of a session that died. */
    private static final class ServerGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServerGone(String reason) {
            super(reason, null, false, false);
        }
    }
}
