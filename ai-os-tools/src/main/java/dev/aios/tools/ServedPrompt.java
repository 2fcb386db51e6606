package dev.aios.tools;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A prompt template that {@link McpToolServer} serves ({@code prompts/list}, {@code prompts/get}):
 * named arguments, required or optional, filled in by the client; the renderer turns them into
 * messages whose content may be text, an image or an embedded resource. The server checks that
 * every required argument is there before the renderer runs.
 * {@snippet :
 * ServedPrompt review = ServedPrompt.of("review", "Reviews a file",
 *         List.of(ServedPrompt.Argument.required("path", "the file"), ServedPrompt.Argument.optional("focus", null)),
 *         args -> List.of(McpPromptMessage.user("Review " + args.get("path"))));
 * }
 *
 * @param name its name
 * @param description what it is for, or null
 * @param arguments its arguments (copied; names unique)
 * @param renderer turns the arguments into messages
 * @param completer suggests argument values, or null
 */
public record ServedPrompt(String name, @Nullable String description, List<Argument> arguments, Renderer renderer,
        @Nullable McpCompleter completer) {

    /** Turns a prompt's arguments into its messages. */
    @FunctionalInterface
    public interface Renderer {
        /**
         * @param arguments the values given, every required argument among them
         * @return the messages (not empty)
         * @throws Exception anything; the client gets an error with the message
         */
        List<McpPromptMessage> render(Map<String, String> arguments) throws Exception;
    }

    /**
     * One argument of a prompt.
     *
     * @param name its name
     * @param description what it is, or null
     * @param required whether the client must give it
     */
    public record Argument(String name, @Nullable String description, boolean required) {
        /** Validates. */
        public Argument {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a prompt argument needs a name");
            }
        }

        /** @return an argument the client must give */
        public static Argument required(String name, @Nullable String description) {
            return new Argument(name, description, true);
        }

        /** @return an argument the client may leave out */
        public static Argument optional(String name, @Nullable String description) {
            return new Argument(name, description, false);
        }
    }

    /** Copies and validates. */
    public ServedPrompt {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a served prompt needs a name");
        }
        arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments of prompt " + name));
        Set<String> seen = new HashSet<>();
        for (Argument argument : arguments) {
            if (!seen.add(argument.name())) {
                throw new IllegalArgumentException("prompt " + name + " has two arguments named " + argument.name());
            }
        }
        Objects.requireNonNull(renderer, "renderer of prompt " + name);
    }

    /** @return a prompt without completion */
    public static ServedPrompt of(String name, @Nullable String description, List<Argument> arguments,
            Renderer renderer) {
        return new ServedPrompt(name, description, arguments, renderer, null);
    }

    /** @return this prompt with {@code completer} suggesting its arguments' values */
    public ServedPrompt withCompleter(McpCompleter completer) {
        return new ServedPrompt(name, description, arguments, renderer, Objects.requireNonNull(completer, "completer"));
    }
}
