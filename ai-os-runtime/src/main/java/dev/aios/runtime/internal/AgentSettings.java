package dev.aios.runtime.internal;

import dev.aios.api.BrainRouter;
import dev.aios.api.Memory;
import dev.aios.api.ToolRegistry;
import dev.aios.api.spi.GatePolicy;
import dev.aios.runtime.FlowPolicy;
import dev.aios.api.spi.Learner;
import dev.aios.api.spi.Planner;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.Reflector;
import dev.aios.api.spi.Verifier;
import dev.aios.api.AgentListener;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Everything an agent was built with; validated by {@code Agent.Builder}. */
public record AgentSettings(
        @Nullable BrainRouter router,
        ToolRegistry tools,
        Memory memory,
        Planner planner,
        GatePolicy gate,
        FlowPolicy flow,
        Verifier verifier,
        Reflector reflector,
        List<Learner> learners,
        List<AgentListener> listeners,
        int maxReplans,
        int maxRetries,
        Duration retryBackoff,
        Duration toolTimeout,
        Duration approvalTimeout,
        int maxSubGoalDepth,
        int recallLimit,
        int toolsShown,
        @Nullable RunJournal journal,
        AgentTelemetry telemetry) {

    /**
     * Copies, and wraps the memory so that nothing written to it keeps a secret ({@link ScrubbingMemory})
     * and each operation is timed ({@link MeteredMemory}).
     */
    public AgentSettings {
        memory = memory instanceof MeteredMemory ? memory : telemetry.metered(ScrubbingMemory.wrap(memory));
        learners = List.copyOf(learners);
        listeners = List.copyOf(listeners);
    }
}
