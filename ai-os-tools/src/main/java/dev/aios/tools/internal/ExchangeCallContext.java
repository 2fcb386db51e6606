package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import dev.aios.tools.McpCallContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** {@link McpCallContext} over the SDK's exchange with the client of one call. */
public final class ExchangeCallContext implements McpCallContext {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExchangeCallContext.class);
    private final McpSyncServerExchange exchange;
    private final @Nullable Object progressToken;
    private final CancelSignal signal;
    private final String tool;

    /**
     * @param exchange the SDK's exchange with the client
     * @param progressToken the call's progress token, or null if the client sent none
     * @param signal the call's cancellation
     * @param tool the tool's name, the logger name of its log messages
     */
    public ExchangeCallContext(McpSyncServerExchange exchange, @Nullable Object progressToken, CancelSignal signal,
            String tool) {
        this.exchange = exchange;
        this.progressToken = progressToken;
        this.signal = signal;
        this.tool = tool;
    }

    @Override
    public void log(LogLevel level, String message) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        // The SDK drops messages below the level the client set with logging/setLevel.
        notify(() -> exchange.loggingNotification(new McpSchema.LoggingMessageNotification(
                McpSchema.LoggingLevel.valueOf(level.name()), tool, message)));
    }

    @Override
    public boolean progress(double done, @Nullable Double total, @Nullable String message) {
        if (progressToken == null) {
            return false;
        }
        return notify(() -> exchange.progressNotification(new McpSchema.ProgressNotification(progressToken, done, total,
                message)));
    }

    /** A notification that cannot be delivered (the client went away) must not fail the tool. */
    private boolean notify(Runnable send) {
        try {
            send.run();
            return true;
        } catch (RuntimeException e) {
            log.debug("tool {} could not notify its client: {}", tool, e.toString());
            return false;
        }
    }

    @Override
    public boolean isCancelled() {
        return signal.isCancelled();
    }

    @Override
    public void onCancel(Runnable action) {
        signal.onCancel(Objects.requireNonNull(action, "action"));
    }

    @Override
    public Sample sample(SampleRequest request) {
        Objects.requireNonNull(request, "request");
        require(capabilities() != null && capabilities().sampling() != null, "sampling",
                "ask the client's model for a message");
        McpSchema.CreateMessageRequest.Builder mcp = McpSchema.CreateMessageRequest.builder()
                .messages(request.messages().stream().map(ContentMapping::toSampling).toList())
                .maxTokens(request.maxTokens());
        if (request.systemPrompt() != null) {
            mcp.systemPrompt(request.systemPrompt());
        }
        McpSchema.CreateMessageResult result = ask("sampling/createMessage", () -> exchange.createMessage(mcp.build()));
        return new Sample(ContentMapping.fromMcp(result.content()), String.valueOf(result.model()),
                result.stopReason() == null ? null : result.stopReason().name());
    }

    @Override
    public Elicitation elicit(String message, Map<String, Object> requestedSchema) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestedSchema, "requestedSchema");
        require(capabilities() != null && capabilities().elicitation() != null, "elicitation",
                "ask the user a question");
        McpSchema.ElicitResult result = ask("elicitation/create", () -> exchange.createElicitation(
                McpSchema.ElicitFormRequest.builder(message, requestedSchema).build()));
        Elicitation.Action action = switch (result.action()) {
            case ACCEPT -> Elicitation.Action.ACCEPT;
            case DECLINE -> Elicitation.Action.DECLINE;
            case CANCEL -> Elicitation.Action.CANCEL;
        };
        return new Elicitation(action, result.content() == null ? Map.of() : result.content());
    }

    @Override
    public List<Root> roots() {
        require(capabilities() != null && capabilities().roots() != null, "roots", "read the client's roots");
        List<Root> roots = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            McpSchema.ListRootsResult result = ask("roots/list",
                    () -> page == null ? exchange.listRoots() : exchange.listRoots(page));
            result.roots().forEach(r -> roots.add(new Root(r.uri(), r.name())));
            cursor = result.nextCursor();
        } while (cursor != null);
        return List.copyOf(roots);
    }

    private McpSchema.@Nullable ClientCapabilities capabilities() {
        return exchange.getClientCapabilities();
    }

    private void require(boolean declared, String capability, String what) {
        if (!declared) {
            McpSchema.Implementation client = exchange.getClientInfo();
            throw AiOsException.permanent("tool " + tool + " cannot " + what + ": the client "
                    + (client == null ? "" : client.name() + " ") + "did not declare the '" + capability
                    + "' capability when it connected");
        }
    }

    private <T> T ask(String method, java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            if (signal.isCancelled()) {
                throw signal.asException(tool);
            }
            throw AiOsException.permanent("tool " + tool + " asked the client for " + method + " and it failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}
