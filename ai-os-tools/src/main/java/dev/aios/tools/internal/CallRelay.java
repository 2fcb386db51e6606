package dev.aios.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries {@code notifications/cancelled} from a client to the handler of the call it names. The
 * MCP SDK neither handles that notification nor tells a tool handler its JSON-RPC request id, so
 * every incoming message passes through {@link #process} before the SDK sees it: a
 * {@code tools/call} request gets a private {@code _meta} entry naming its call, and a
 * cancellation is consumed here and signals that call's {@link CancelSignal}.
 */
public final class CallRelay {
    /** The {@code _meta} key that names a call; set here, overwriting any the client sent. */
    public static final String CALL_META = "dev.aios/call";
    private static final Logger log = LoggerFactory.getLogger(CallRelay.class);

    /** Calls announced but not yet picked up by a handler; forgotten if no handler ever comes (an unknown tool). */
    private final Cache<String, CancelSignal> announced = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();
    private final Map<String, CancelSignal> running = new ConcurrentHashMap<>();

    /**
     * @param message one JSON-RPC message as sent by the client
     * @param session who sent it (the MCP session id over HTTP, a constant over stdio)
     * @return the message to pass on (perhaps with a call tag), or null when it was a
     *     cancellation, consumed here
     */
    public @Nullable String process(String message, String session) {
        JsonNode node;
        try {
            node = JsonCodec.MAPPER.readTree(message);
        } catch (Exception notJson) {
            return message; // the SDK answers malformed input itself
        }
        if (!(node instanceof ObjectNode object)) {
            return message;
        }
        String method = object.path("method").asText("");
        if (method.equals("notifications/cancelled")) {
            JsonNode params = object.path("params");
            JsonNode requestId = params.path("requestId");
            if (!requestId.isMissingNode()) {
                String reason = params.path("reason").isTextual() ? params.path("reason").asText() : null;
                cancel(key(session, requestId), reason);
            }
            return null;
        }
        if (method.equals("tools/call") && object.hasNonNull("id") && object.path("params") instanceof ObjectNode params) {
            String key = key(session, object.get("id"));
            announced.put(key, new CancelSignal());
            JsonNode meta = params.path("_meta");
            ObjectNode writable = meta instanceof ObjectNode m ? m : params.putObject("_meta");
            writable.put(CALL_META, key);
            return object.toString();
        }
        return message;
    }

    /**
     * @param key the value of {@link #CALL_META} in a call's {@code _meta}, or null if absent
     * @return the call's signal, now counted as running until {@link #finished}
     */
    public CancelSignal started(@Nullable String key) {
        if (key == null) {
            return new CancelSignal();
        }
        CancelSignal signal = announced.asMap().remove(key);
        if (signal == null) {
            signal = new CancelSignal();
        }
        running.put(key, signal);
        return signal;
    }

    /** Forgets a call whose handler returned. */
    public void finished(@Nullable String key) {
        if (key != null) {
            running.remove(key);
        }
    }

    private void cancel(String key, @Nullable String reason) {
        CancelSignal signal = running.get(key);
        if (signal == null) {
            signal = announced.getIfPresent(key);
        }
        if (signal == null) {
            log.debug("cancellation for a call that is not running: {}", key);
            return;
        }
        log.info("client cancelled call {}{}", key, reason == null ? "" : " (" + reason + ")");
        signal.cancel(reason);
    }

    private static String key(String session, JsonNode id) {
        return session + "/" + id;
    }
}
