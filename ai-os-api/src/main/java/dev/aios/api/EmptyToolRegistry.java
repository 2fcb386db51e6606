package dev.aios.api;

import java.util.List;

/** {@link ToolRegistry#empty()}: offers nothing, so every call names a tool that does not exist. */
enum EmptyToolRegistry implements ToolRegistry {
    INSTANCE;

    @Override
    public List<ToolDescriptor> tools() {
        return List.of();
    }

    @Override
    public ToolResult call(ToolCall call) {
        throw AiOsException.permanent("no tool named '" + call.tool() + "'; available: [] (the agent was given no "
                + "tools; pass a registry to Agent.builder().tools(...))");
    }
}
