package dev.aios.api.spi;

import dev.aios.api.Plan;

/**
 * The plan stage: turns a goal and its context into a {@link Plan}. The runtime's default
 * ({@code brain}) asks a brain for a JSON plan, validates it, and sends a malformed one back for
 * repair a bounded number of times.
 */
public interface Planner extends NamedExtension {

    /**
     * @return a valid plan (a {@link Plan} that exists has a valid step graph)
     * @throws dev.aios.api.AiOsException if no valid plan can be made; the run fails with its message
     */
    Plan plan(PlanningRequest request, RunContext run);
}
