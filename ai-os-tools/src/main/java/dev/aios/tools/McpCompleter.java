package dev.aios.tools;

import java.util.List;
import java.util.Map;

/**
 * Suggests values for one argument of a {@link ServedPrompt} or one variable of a
 * {@link ServedResourceTemplate}, as the user types ({@code completion/complete}).
 */
@FunctionalInterface
public interface McpCompleter {

    /**
     * @param argument the argument or template variable being completed
     * @param partial what the user has typed so far (may be empty)
     * @param otherArguments the values already given for the other arguments
     * @return candidate values, best first; the server sends at most 100
     * @throws Exception anything; the client gets an error naming the argument
     */
    List<String> complete(String argument, String partial, Map<String, String> otherArguments) throws Exception;
}
