package dev.aios.tools.internal;

import dev.aios.api.Goal;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import java.util.Map;
import java.util.function.Function;

/** An agent exposed as a tool: the goal goes in, the run's answer comes out. */
public final class AgentTool {
    /** The arguments: the goal in words, and whether its data must stay on this machine. */
    public static final String SCHEMA = """
            {"type":"object","properties":{\
            "goal":{"type":"string","minLength":1,"description":"what the agent should achieve, in words"},\
            "private":{"type":"boolean","description":"true if the goal's data must stay on this machine"}},\
            "required":["goal"]}""";

    private AgentTool() {}

    /**
     * An agent may do anything its own tools allow, so the tool's risk is {@link ToolRisk#UNKNOWN}:
     * the host's gate decides, and the agent's own gate still checks every step.
     *
     * @return the tool
     */
    public static InProcessTool of(String name, String description, Function<Goal, RunOutcome> agent) {
        ToolDescriptor descriptor = new ToolDescriptor(name, description, SCHEMA, ToolRisk.UNKNOWN);
        return InProcessTool.of(descriptor, arguments -> run(agent, arguments));
    }

    private static ToolResult run(Function<Goal, RunOutcome> agent, Map<String, Object> arguments) {
        Goal.Builder goal = Goal.builder(String.valueOf(arguments.get("goal")));
        if (Boolean.TRUE.equals(arguments.get("private"))) {
            goal.tag(Goal.PRIVATE);
        }
        RunOutcome outcome = agent.apply(goal.build());
        if (outcome.succeeded()) {
            return ToolResult.success(outcome.answer());
        }
        String answer = outcome.answer().isBlank() ? "" : "\npartial answer: " + outcome.answer();
        return ToolResult.failure("the run ended " + outcome.status() + ": " + outcome.detail() + answer);
    }
}
