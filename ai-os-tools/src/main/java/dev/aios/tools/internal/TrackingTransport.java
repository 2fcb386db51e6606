package dev.aios.tools.internal;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Wraps an SDK transport to learn the JSON-RPC id of each outgoing {@code tools/call} (the SDK
 * keeps ids to itself), so that a cancelled call can be followed by
 * {@code notifications/cancelled} for exactly that request. For stdio it also finds the server's
 * process: the children of this JVM that appear while the transport connects.
 */
public final class TrackingTransport implements McpClientTransport {
    private static final Logger log = LoggerFactory.getLogger(TrackingTransport.class);
    /** The SDK names no constant for it. */
    private static final String CANCELLED = "notifications/cancelled";
    /** One stdio start at a time, so the child that appears is the one we started. */
    private static final Semaphore STARTS = new Semaphore(1);

    private final McpClientTransport delegate;
    private final boolean spawnsProcess;
    private final Map<Object, Object> requestIdsByToken = new ConcurrentHashMap<>();
    private final AtomicInteger cancellationsSent = new AtomicInteger();
    private volatile @Nullable ProcessHandle process;

    /**
     * @param delegate the SDK transport
     * @param spawnsProcess whether connecting starts a child process (stdio)
     */
    public TrackingTransport(McpClientTransport delegate, boolean spawnsProcess) {
        this.delegate = delegate;
        this.spawnsProcess = spawnsProcess;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        if (!spawnsProcess) {
            return delegate.connect(handler);
        }
        if (delegate instanceof DirectStdioTransport direct) {
            // It knows its own process: no need to tell it apart from other children.
            return direct.connect(handler).doOnSuccess(ignored -> {
                Process started = direct.process();
                process = started == null ? null : started.toHandle();
            });
        }
        return Mono.defer(() -> {
            try {
                if (!STARTS.tryAcquire(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    return Mono.error(new IllegalStateException("another MCP server took over 30 s to start"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Mono.error(e);
            }
            List<Long> before = ProcessHandle.current().children().map(ProcessHandle::pid).toList();
            return delegate.connect(handler)
                    .doOnSuccess(ignored -> process = ProcessHandle.current().children()
                            .filter(child -> !before.contains(child.pid()))
                            .findFirst()
                            .orElse(null))
                    .doFinally(signal -> STARTS.release());
        });
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        track(message);
        return delegate.sendMessage(message);
    }

    /**
     * Sends a {@code tools/call} past the SDK's session where the transport can (stdio; see
     * {@link DirectCalls}), noting its id for {@link #cancel}.
     *
     * @return the answer, or null where the call must go through the session
     */
    @Nullable CompletableFuture<McpSchema.CallToolResult> callDirect(McpSchema.CallToolRequest request) {
        return delegate instanceof DirectStdioTransport direct ? direct.callTool(request, this::track) : null;
    }

    private void track(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_TOOLS_CALL.equals(request.method())
                && request.params() instanceof McpSchema.CallToolRequest call
                && call.meta() != null && call.meta().get("progressToken") != null) {
            requestIdsByToken.put(call.meta().get("progressToken"), request.id());
        }
    }

    /**
     * Tells the server to stop working on the call whose progress token is {@code token}, if it
     * was sent. Fire and forget: the caller has already given up on the answer.
     */
    public void cancel(Object token, String reason) {
        Object id = requestIdsByToken.remove(token);
        if (id == null) {
            return;
        }
        Map<String, Object> params = Map.of("requestId", id, "reason", reason);
        cancellationsSent.incrementAndGet();
        delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
                        CANCELLED, params))
                .timeout(Duration.ofSeconds(5))
                .subscribe(ignored -> {}, e -> log.debug("could not send a cancellation for request {}: {}", id, e.toString()));
    }

    /** Forgets the id of a call that ended. */
    public void forget(Object token) {
        requestIdsByToken.remove(token);
    }

    /** @return how many cancellations this transport sent (for tests and diagnostics) */
    public int cancellationsSent() {
        return cancellationsSent.get();
    }

    /** @return the server's process (stdio), once connected */
    public @Nullable ProcessHandle process() {
        return process;
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }
}
