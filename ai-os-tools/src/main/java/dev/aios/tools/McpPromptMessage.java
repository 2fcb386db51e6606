package dev.aios.tools;

import java.util.Objects;

/**
 * One message of a prompt that {@link McpToolServer} serves, or of a sampling request it sends:
 * who speaks, and a content block (text, an image, an embedded resource, ...).
 *
 * @param role who speaks
 * @param content what is said
 */
public record McpPromptMessage(Role role, McpContent content) {

    /** Who speaks in a message. */
    public enum Role {
        /** The user. */
        USER,
        /** The model. */
        ASSISTANT
    }

    /** Validates. */
    public McpPromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** @return a user message of text */
    public static McpPromptMessage user(String text) {
        return new McpPromptMessage(Role.USER, McpContent.text(text));
    }

    /** @return a user message of any content */
    public static McpPromptMessage user(McpContent content) {
        return new McpPromptMessage(Role.USER, content);
    }

    /** @return an assistant message of text */
    public static McpPromptMessage assistant(String text) {
        return new McpPromptMessage(Role.ASSISTANT, McpContent.text(text));
    }
}
