package dev.aios.api;

import java.util.List;

/**
 * Chooses the brain for each model call. Hard constraints come first (private data stays local;
 * needed capabilities; context window), then cost and the router's estimate of quality.
 * {@link #cheapestFit} is the simple default; ai-os-inference provides a learned router.
 */
public interface BrainRouter {

    /** @return every brain the router may choose, in a stable order */
    List<Brain> brains();

    /**
     * @return the brain for this request
     * @throws AiOsException (not retriable) if no brain meets the request's constraints; the
     *     message names each brain and why it was ruled out
     */
    Brain route(BrainRequest request);

    /**
     * Tells the router whether the brain's answer was accepted by verification, so a learning
     * router can improve. The default ignores it.
     */
    default void recordOutcome(Brain brain, BrainRequest request, boolean accepted) {}

    /**
     * A router that, among the brains that meet the constraints, picks the one with the lowest
     * price (input plus output), the first given on a tie.
     *
     * @throws IllegalArgumentException if {@code brains} is empty or two share a name
     */
    static BrainRouter cheapestFit(List<Brain> brains) {
        return new CheapestFitRouter(brains);
    }
}
