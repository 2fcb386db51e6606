package dev.aios.api.spi;

import dev.aios.api.Goal;
import dev.aios.api.MemoryHit;
import dev.aios.api.ToolDescriptor;
import java.util.List;

/**
 * The context the perceive stage gathered for planning.
 *
 * @param goal the goal
 * @param memories what memory recalled for the goal, best first (copied)
 * @param tools the tools most relevant to the goal, best first (copied)
 */
public record Perception(Goal goal, List<MemoryHit> memories, List<ToolDescriptor> tools) {

    /** Copies. */
    public Perception {
        java.util.Objects.requireNonNull(goal, "goal must not be null");
        memories = List.copyOf(memories);
        tools = List.copyOf(tools);
    }
}
