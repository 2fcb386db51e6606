package dev.aios.api.spi;

import dev.aios.api.GateDecision;

/**
 * The gate stage: decides, for every tool call before it runs, whether to allow it, deny it, or
 * ask a human. The runtime's default ({@code risk}) decides by the tool's risk and the goal's
 * tags. The request carries each argument's {@link dev.aios.api.Provenance}, so a policy can tell
 * a recipient the user named from one a mail suggested; the runtime's flow policy checks those
 * flows before any host policy, and the stricter verdict of the two wins.
 *
 * <p>An implementation decides every call it is given, whatever the tool's name or arguments
 * (they come from plugins and brains), and does not throw: a gate that fails ends the step
 * instead of guarding it. {@code dev.aios.testing.GatePolicyContract} in ai-os-testing checks an
 * implementation against this.
 */
public interface GatePolicy extends NamedExtension {

    /** @return the decision, never null, with a reason that names the rule */
    GateDecision decide(GateRequest request);
}
