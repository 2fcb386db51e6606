package dev.aios.api.spi;

import dev.aios.api.Reflection;
import dev.aios.api.RunOutcome;
import java.util.List;

/**
 * The learn stage: sees every finished run (success or not) with the reflections made during it,
 * and updates what later runs use: memory, skills, classifiers, routing estimates. An agent may
 * have several learners; each runs after the outcome is decided, and a learner that fails is
 * logged and does not change the outcome.
 */
public interface Learner extends NamedExtension {

    /** Learns from one finished run. */
    void learn(RunOutcome outcome, List<Reflection> reflections, RunContext run);
}
