package dev.aios.tools;

import dev.aios.api.GateDecision;

/**
 * The host's gate for a server's {@code sampling/createMessage}: a model call the user pays for,
 * asked by a server. It sees the request before any brain does, after the budget and privacy
 * checks of {@link McpSampling}, and decides to allow it, deny it, or ask a person.
 *
 * <p>The default ({@link #ALLOW_ENABLED}) allows every request of a server the host enabled with
 * {@link McpSampling.Builder#allow}; servers not enabled never reach the policy.
 */
@FunctionalInterface
public interface McpSamplingPolicy {

    /** Allows every request of the servers the host enabled; asks nobody. */
    McpSamplingPolicy ALLOW_ENABLED = request -> GateDecision.allow("sampling is enabled for " + request.server());

    /**
     * @return allow, deny (the reason goes back to the server), or ask ({@link #approve} decides)
     */
    GateDecision decide(McpSamplingRequest request);

    /**
     * Asks a person about a request that {@link #decide} answered with {@code ask}, such as
     * through the host's approval queue or a console; blocks until they answer. The default has
     * nobody to ask and refuses.
     *
     * @param reason why the policy wants a person to see it
     * @return true if the person allowed the call
     */
    default boolean approve(McpSamplingRequest request, String reason) {
        return false;
    }
}
