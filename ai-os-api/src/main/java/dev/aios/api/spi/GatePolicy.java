package dev.aios.api.spi;

import dev.aios.api.GateDecision;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;

/**
 * The gate stage: decides, for every tool call before it runs, whether to allow it, deny it, or
 * ask a human. The runtime's default ({@code risk}) decides by the tool's risk and the goal's
 * tags.
 */
public interface GatePolicy extends NamedExtension {

    /** @return the decision, with a reason that names the rule */
    GateDecision decide(ToolCall call, ToolDescriptor tool, RunContext run);
}
