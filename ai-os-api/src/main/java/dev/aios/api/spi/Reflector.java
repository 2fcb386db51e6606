package dev.aios.api.spi;

import dev.aios.api.Reflection;

/**
 * The reflect stage: diagnoses a failed plan and decides whether to replan or give up. The
 * runtime's default ({@code rules}) replans while replans are left and explains each failure
 * without a model.
 */
public interface Reflector extends NamedExtension {

    /** @return the diagnosis and the decision */
    Reflection reflect(FailureReport report, RunContext run);
}
