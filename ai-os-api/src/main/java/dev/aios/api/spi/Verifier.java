package dev.aios.api.spi;

import dev.aios.api.PlanStep;
import dev.aios.api.ToolResult;
import dev.aios.api.Verification;

/**
 * The verify stage: checks a step's result against its {@link dev.aios.api.Expectation}. The
 * runtime's default ({@code rules}) checks the expectation's rules without a model.
 */
public interface Verifier extends NamedExtension {

    /** @return whether the result meets the step's expectation, and why */
    Verification verify(PlanStep step, ToolResult result, RunContext run);
}
