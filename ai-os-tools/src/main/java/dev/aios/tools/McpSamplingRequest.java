package dev.aios.tools;

import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an MCP server asked our brains ({@code sampling/createMessage}), as a
 * {@link McpSamplingPolicy} sees it before anything is sent. Every text in it was written by the
 * server: it is {@linkplain Provenance.Trust#UNTRUSTED untrusted} data, labelled so in
 * {@link #provenance()}, and never steers the agent.
 *
 * @param server the name of the server that asks
 * @param messages the conversation the server sent, in order (copied)
 * @param systemPrompt the system prompt the server asked for, or null; it is passed to the brain
 *     as quoted data, never as our own system prompt
 * @param maxTokens the most output tokens the server asked for
 * @param provenance untrusted, from {@link #source(String)}; private unless the host let this
 *     server use cloud brains ({@link McpSampling.Builder#allowCloud})
 */
public record McpSamplingRequest(String server, List<Message> messages, @Nullable String systemPrompt, int maxTokens,
        Provenance provenance) {

    /**
     * One message of the server's conversation.
     *
     * @param role {@code user} or {@code assistant}
     * @param text its text; non-text content is a bracketed note such as {@code [image image/png]}
     */
    public record Message(String role, String text) {
        /** Validates. */
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Validates and copies. */
    public McpSamplingRequest {
        Objects.requireNonNull(server, "server");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens + " (from server " + server
                    + ")");
        }
        Objects.requireNonNull(provenance, "provenance");
        if (provenance.isTrusted()) {
            throw new IllegalArgumentException("a sampling request of MCP server " + server + " is never trusted");
        }
    }

    /** @return the source that labels what server {@code server} asks our brains: {@code tool:<server>.sampling} */
    public static Source source(String server) {
        return Source.tool(server + ".sampling");
    }

    /** @return the length of every text in the request, in characters, for a rough size */
    public int chars() {
        int n = systemPrompt == null ? 0 : systemPrompt.length();
        for (Message m : messages) {
            n += m.text().length();
        }
        return n;
    }
}
