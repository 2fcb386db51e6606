package dev.aios.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ServedTool}'s handler can do while it runs, besides returning its result: tell the
 * client what it does ({@link #log}, {@link #progress}), notice that the client gave up
 * ({@link #isCancelled}, {@link #onCancel}), and ask the client for help ({@link #sample} a
 * model, {@link #elicit} an answer from the user, read its {@link #roots}).
 *
 * <p>One context serves one call, on the thread that runs the handler. Asking the client for
 * something it did not declare it can do fails with an {@link dev.aios.api.AiOsException} that
 * names the missing capability.
 */
public interface McpCallContext {

    /** The severity of a log message, as MCP (and syslog) name them, least severe first. */
    enum LogLevel {
        /** Detail for debugging. */
        DEBUG,
        /** Normal progress. */
        INFO,
        /** Normal but significant. */
        NOTICE,
        /** Something to look at. */
        WARNING,
        /** A failure. */
        ERROR,
        /** A critical failure. */
        CRITICAL,
        /** Act at once. */
        ALERT,
        /** The system is unusable. */
        EMERGENCY
    }

    /**
     * Sends a log message to the client, unless the client asked ({@code logging/setLevel}) for a
     * higher level only; the default level is {@link LogLevel#INFO}.
     */
    void log(LogLevel level, String message);

    /**
     * Reports progress, if the client asked for it by sending a progress token with the call.
     *
     * @param done how much is done; should grow from one report to the next
     * @param total how much there is in all, or null if unknown
     * @param message what is being done, or null
     * @return whether a report was sent (false when the client sent no progress token, or is gone)
     */
    boolean progress(double done, @Nullable Double total, @Nullable String message);

    /** @return whether the client cancelled this call ({@code notifications/cancelled}) */
    boolean isCancelled();

    /**
     * Runs {@code action} when the client cancels this call (at once, if it already has). The
     * handler's thread is also interrupted on cancellation, so blocking calls end early.
     */
    void onCancel(Runnable action);

    /**
     * Asks the client's model for a message ({@code sampling/createMessage}).
     *
     * @throws dev.aios.api.AiOsException if the client did not declare the {@code sampling}
     *     capability, or the request failed or was refused
     */
    Sample sample(SampleRequest request);

    /**
     * Asks the client to ask its user for an answer that fits {@code requestedSchema}
     * ({@code elicitation/create}, form mode).
     *
     * @param message what to ask
     * @param requestedSchema a flat JSON Schema object of the answer's fields, as a map
     * @throws dev.aios.api.AiOsException if the client did not declare the {@code elicitation}
     *     capability, or the request failed
     */
    Elicitation elicit(String message, Map<String, Object> requestedSchema);

    /**
     * @return the client's roots ({@code roots/list}): the folders or places it lets the server work in
     * @throws dev.aios.api.AiOsException if the client did not declare the {@code roots} capability
     */
    List<Root> roots();

    /**
     * A request for the client's model.
     *
     * @param messages the conversation so far (copied, not empty)
     * @param systemPrompt a system prompt, or null
     * @param maxTokens the most tokens to generate, at least 1
     */
    record SampleRequest(List<McpPromptMessage> messages, @Nullable String systemPrompt, int maxTokens) {
        /** Copies and validates. */
        public SampleRequest {
            messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a sampling request needs at least one message");
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
            }
        }

        /** @return a request of one user message */
        public static SampleRequest of(String userText, int maxTokens) {
            return new SampleRequest(List.of(McpPromptMessage.user(userText)), null, maxTokens);
        }
    }

    /**
     * What the client's model answered.
     *
     * @param content the answer
     * @param model the model that answered, as the client names it
     * @param stopReason why it stopped, or null
     */
    record Sample(McpContent content, String model, @Nullable String stopReason) {
        /** Validates. */
        public Sample {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * The user's answer to an {@linkplain #elicit elicitation}.
     *
     * @param action whether the user answered, declined or dismissed the question
     * @param content the answer's fields when accepted, else empty (copied)
     */
    record Elicitation(Action action, Map<String, Object> content) {
        /** What the user did. */
        public enum Action {
            /** Answered. */
            ACCEPT,
            /** Said no. */
            DECLINE,
            /** Dismissed the question. */
            CANCEL
        }

        /** Copies and validates. */
        public Elicitation {
            Objects.requireNonNull(action, "action");
            content = Map.copyOf(Objects.requireNonNull(content, "content"));
        }
    }

    /**
     * One of the client's roots.
     *
     * @param uri where it is, such as {@code file:///home/ana/project}
     * @param name its name, or null
     */
    record Root(String uri, @Nullable String name) {
        /** Validates. */
        public Root {
            Objects.requireNonNull(uri, "root uri");
        }
    }
}
