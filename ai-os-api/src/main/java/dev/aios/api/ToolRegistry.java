package dev.aios.api;

import dev.aios.api.text.Words;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every action an agent can take, behind one interface: MCP servers and in-process Java tools
 * alike. The runtime looks tools up here, shows the planner the few that matter
 * ({@link #search}), and calls them ({@link #call}).
 *
 * <p>Implementations must be safe for concurrent use: independent plan steps call tools from
 * several virtual threads at once.
 */
public interface ToolRegistry {

    /**
     * A registry with no tools: the default of an agent that was given none. Calling any tool
     * fails with an {@link AiOsException} that names the tool.
     *
     * @return the empty registry (one shared instance)
     */
    static ToolRegistry empty() {
        return EmptyToolRegistry.INSTANCE;
    }

    /** @return every tool currently available, in a stable order */
    List<ToolDescriptor> tools();

    /** @return the tool registered under {@code name}, if any */
    default Optional<ToolDescriptor> find(String name) {
        return tools().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * Calls a tool. The call should respond to thread interruption (the runtime interrupts a call
     * that exceeds its timeout or whose run is cancelled).
     *
     * @return the result; a failure the tool reports is a result with {@code error = true}
     * @throws AiOsException if the tool does not exist or the call could not be made
     */
    ToolResult call(ToolCall call);

    /**
     * Ranks tools by how well their names and descriptions match {@code query}. This default is
     * a plain word-overlap score; registries with many tools should do better.
     *
     * @param query what the caller wants to do
     * @param k how many tools to return at most
     * @return at most {@code k} tools, best first; tools that share no word with the query last
     */
    default List<ToolDescriptor> search(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Set<String> words = Words.distinct(query, 2);
        return tools().stream()
                .sorted(Comparator.comparingLong(
                        (ToolDescriptor t) -> -Words.distinct(t.name() + " " + t.description(), 2).stream()
                                .filter(words::contains)
                                .count()))
                .limit(k)
                .toList();
    }
}
