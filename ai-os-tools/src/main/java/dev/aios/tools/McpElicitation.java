package dev.aios.tools;

import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the host answers an MCP server that asks the user for input ({@code elicitation/create}):
 * a person, through the host's approval queue or a console. The answer is checked against the
 * schema the server asked for, with the schema's defaults filled in, before it is sent; an answer
 * that does not fit is not sent (the server gets an error that says what was wrong).
 *
 * <p>Without a handler ({@link #DECLINE}) every request is declined.
 */
@FunctionalInterface
public interface McpElicitation {

    /** Declines every request: what a registry without a handler does. */
    McpElicitation DECLINE = request -> Answer.decline();

    /**
     * Asks a person; blocks until they answer (the server waits for as long as its own request
     * timeout allows).
     *
     * @return what the person answered
     */
    Answer answer(Request request);

    /**
     * What a server asks the user. The message and the schema were written by the server: they
     * are untrusted, labelled so in {@link #provenance()}; show them to a person as the server's
     * words, never act on them.
     *
     * @param server the name of the server that asks
     * @param message what it asks, for a person to read
     * @param requestedSchema the JSON Schema (a flat object of primitive properties) of the answer
     *     it wants (copied)
     * @param provenance untrusted and private, from {@link #source(String)}
     */
    record Request(String server, String message, Map<String, Object> requestedSchema, Provenance provenance) {
        /** Validates and copies. */
        public Request {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(message, "message");
            requestedSchema = Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNull(requestedSchema, "requestedSchema")));
            Objects.requireNonNull(provenance, "provenance");
            if (provenance.isTrusted()) {
                throw new IllegalArgumentException("an elicitation request of MCP server " + server
                        + " is never trusted");
            }
        }

        /** @return the source that labels what server {@code server} asks: {@code tool:<server>.elicitation} */
        public static Source source(String server) {
            return Source.tool(server + ".elicitation");
        }
    }

    /**
     * What the person answered.
     *
     * @param action whether they answered, refused, or dismissed the question
     * @param content the answer (only with {@link Action#ACCEPT}; empty otherwise; copied)
     */
    record Answer(Action action, Map<String, Object> content) {
        /** What the person did. */
        public enum Action {
            /** They answered; {@link #content()} holds the answer. */
            ACCEPT,
            /** They said no. */
            DECLINE,
            /** They dismissed the question without choosing. */
            CANCEL
        }

        /** Validates and copies. */
        public Answer {
            Objects.requireNonNull(action, "action");
            content = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(content, "content")));
            if (action != Action.ACCEPT && !content.isEmpty()) {
                throw new IllegalArgumentException("only an accepted answer has content; this one is " + action);
            }
        }

        /** @return an accepted answer */
        public static Answer accept(Map<String, Object> content) {
            return new Answer(Action.ACCEPT, content);
        }

        /** @return a refusal */
        public static Answer decline() {
            return new Answer(Action.DECLINE, Map.of());
        }

        /** @return a dismissal */
        public static Answer cancel() {
            return new Answer(Action.CANCEL, Map.of());
        }
    }
}
