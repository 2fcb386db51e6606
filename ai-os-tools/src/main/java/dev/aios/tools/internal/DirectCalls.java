package dev.aios.tools.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tools/call} requests sent beside the SDK's client session rather than through it, and
 * their answers read straight into a {@link McpSchema.CallToolResult}: the transport's reader
 * offers each incoming line here before the session sees it. The session's path for one call
 * (two Reactor timeouts, a generic parse, a map-to-record conversion, operators between) cost as
 * much again as the whole round trip of LangChain4j's client to the same stdio server; the tool
 * call is the one request an agent makes over and over. Everything else (the handshake, lists,
 * the server's own requests and notifications, progress) still goes through the session.
 *
 * <p>Ids carry a per-session random prefix, so they never meet the session's own ids.
 */
final class DirectCalls {
    private static final Logger log = LoggerFactory.getLogger(DirectCalls.class);

    private final McpJsonMapper mapper;
    private final String prefix = "aios-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + "-";
    private final AtomicLong next = new AtomicLong();
    private final Map<String, CompletableFuture<McpSchema.CallToolResult>> pending = new ConcurrentHashMap<>();

    /** The envelope of an answer to a call, read with its result typed in one pass. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(@Nullable String jsonrpc, @Nullable Object id, McpSchema.@Nullable CallToolResult result,
            McpSchema.JSONRPCResponse.@Nullable JSONRPCError error) {}

    DirectCalls(McpJsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Sends a {@code tools/call} through {@code send} under a new id of ours.
     *
     * @param send writes the request (on the caller's thread); what it throws fails the call
     * @return the answer; it stops being waited for when it completes, is cancelled or times out
     */
    CompletableFuture<McpSchema.CallToolResult> call(McpSchema.CallToolRequest request,
            Consumer<McpSchema.JSONRPCRequest> send) {
        String id = prefix + next.incrementAndGet();
        CompletableFuture<McpSchema.CallToolResult> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((result, failure) -> pending.remove(id));
        try {
            send.accept(new McpSchema.JSONRPCRequest(McpSchema.METHOD_TOOLS_CALL, id, request));
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /**
     * @param line one JSON-RPC message as received
     * @return whether it answered a call of ours (and was consumed); false hands it to the session
     */
    boolean offer(String line) {
        if (!line.contains(prefix)) {
            return false;
        }
        Answer answer;
        try {
            answer = mapper.readValue(line, Answer.class);
        } catch (IOException | RuntimeException e) {
            return failMalformed(line, e);
        }
        if (!(answer.id() instanceof String id) || !id.startsWith(prefix)) {
            return false; // our prefix inside another message's text
        }
        CompletableFuture<McpSchema.CallToolResult> waiting = pending.remove(id);
        if (waiting == null) {
            log.debug("an answer to call {} came after the caller stopped waiting; dropped", id);
        } else if (answer.error() != null) {
            waiting.completeExceptionally(new McpError(answer.error()));
        } else if (answer.result() == null) {
            waiting.completeExceptionally(new IllegalStateException("the answer to tools/call has neither a result "
                    + "nor an error"));
        } else {
            waiting.complete(answer.result());
        }
        return true;
    }

    /** A line with our id whose result is not a tool result: fail that call rather than let it hang. */
    private boolean failMalformed(String line, Exception e) {
        Object id;
        try {
            id = mapper.readValue(line, Map.class).get("id");
        } catch (IOException | RuntimeException notJson) {
            return false; // not JSON at all: the session's parser logs and skips it
        }
        if (!(id instanceof String ours) || !ours.startsWith(prefix)) {
            return false;
        }
        CompletableFuture<McpSchema.CallToolResult> waiting = pending.remove(ours);
        if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException("the server's answer to tools/call is not a "
                    + "tool result: " + e.getMessage(), e));
        }
        return true;
    }
}
