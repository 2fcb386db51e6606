package dev.aios.tools.internal;

import dev.aios.api.AgentEvent;
import dev.aios.api.AgentListener;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls tools on their MCP servers: each call under a timeout (cancelled when it runs out or the
 * caller is interrupted), its idempotency key (if any) in the request's {@code _meta}, retried
 * with backoff after a server failure for idempotent tools only, and for calls with a key their
 * tool honours (sent again with the same key),
 * its progress notifications passed to the listener as {@link AgentEvent}s, and its MCP result
 * turned into {@link ToolResult} text.
 */
public final class RemoteCalls {
    private static final Logger log = LoggerFactory.getLogger(RemoteCalls.class);

    private final Duration callTimeout;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final AgentListener listener;
    private final Map<String, ToolCall> callsByToken = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();

    /**
     * @param callTimeout how long one call may take before it is cancelled
     * @param maxRetries how often an idempotent tool's call is retried after its server failed
     * @param retryBackoff the first wait between tries, doubled each time
     * @param listener receives progress of calls
     */
    public RemoteCalls(Duration callTimeout, int maxRetries, Duration retryBackoff, AgentListener listener) {
        this.callTimeout = callTimeout;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
        this.listener = listener;
    }

    /**
     * @return the tool's result; a timeout, a cancellation or a refused request as a failed result
     * @throws AiOsException (retriable) if the server could not be reached, after the retries an
     *     idempotent tool gets
     */
    public ToolResult call(ServerConnection connection, ToolEntry entry, ToolCall call) {
        // A call with a key its tool honours is as safe to send again as an idempotent one.
        boolean retry = entry.descriptor().risk().idempotent()
                || (call.idempotencyKey() != null && entry.descriptor().risk().acceptsIdempotencyKey());
        int attempt = 0;
        while (true) {
            attempt++;
            String token = call.id() + "#" + tokens.incrementAndGet();
            callsByToken.put(token, call);
            try {
                return fromMcp(connection.callTool(entry.remoteName(), call.arguments(), token,
                        call.idempotencyKey(), callTimeout));
            } catch (TimeoutException e) {
                return ToolResult.failure("tool " + call.tool() + " did not answer within " + callTimeout
                        + "; the call was cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.failure("tool " + call.tool() + " was cancelled: the caller stopped waiting");
            } catch (AiOsException e) {
                if (!e.isRetriable()) {
                    return ToolResult.failure("tool " + call.tool() + " failed: " + e.getMessage());
                }
                if (!retry || attempt > maxRetries) {
                    throw AiOsException.retriable(e.getMessage() + (retry ? " (tried " + attempt + " times)"
                            : " (" + call.tool() + " is not idempotent and takes no idempotency key, so it was not "
                                    + "retried)"), e);
                }
                log.info("retrying tool {} ({}) after: {}", call.tool(), entry.descriptor().risk().idempotent()
                        ? "idempotent" : "same idempotency key", e.getMessage());
                try {
                    Thread.sleep(retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 8)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return ToolResult.failure("tool " + call.tool() + " was cancelled: the caller stopped waiting");
                }
            } finally {
                callsByToken.remove(token);
            }
        }
    }

    /** Passes a server's progress on a call in flight to the listener, as a step-progress event of its run. */
    public void progress(McpSchema.ProgressNotification progress) {
        ToolCall call = callsByToken.get(String.valueOf(progress.progressToken()));
        if (call == null) {
            return;
        }
        int slash = call.id().lastIndexOf('/');
        String runId = slash > 0 ? call.id().substring(0, slash) : call.id();
        String stepId = slash > 0 ? call.id().substring(slash + 1) : null;
        String amount = progress.total() != null
                ? fmt(progress.progress()) + "/" + fmt(progress.total()) : fmt(progress.progress());
        String message = progress.message() == null ? "" : ": " + abbreviate(progress.message(), 200);
        try {
            listener.onEvent(new AgentEvent(runId, AgentEvent.Type.STEP_PROGRESS, Instant.now(), stepId,
                    "progress of " + call.tool() + " " + amount + message));
        } catch (RuntimeException e) {
            log.warn("a listener failed on a progress event: {}", e.toString());
        }
    }

    /** Text blocks as they are; other content as a short bracketed note; structured content as JSON when there is no text. */
    static ToolResult fromMcp(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                parts.add(switch (content) {
                    case McpSchema.TextContent text -> text.text();
                    case McpSchema.ImageContent image -> "[image " + image.mimeType() + ", "
                            + (image.data() == null ? 0 : image.data().length() * 3 / 4) + " bytes]";
                    case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + "]";
                    case McpSchema.EmbeddedResource embedded -> embedded.resource() instanceof McpSchema.TextResourceContents t
                            ? t.text() : "[resource " + embedded.resource().uri() + "]";
                    case McpSchema.ResourceLink link -> "[resource link " + link.uri() + "]";
                    default -> "[" + content.type() + " content]";
                });
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(JsonCodec.write(result.structuredContent()));
        }
        String text = String.join("\n", parts);
        return Boolean.TRUE.equals(result.isError()) ? ToolResult.failure(text) : ToolResult.success(text);
    }

    private static String fmt(@Nullable Double value) {
        if (value == null) {
            return "?";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
