/**
 * The contracts of AI-OS: what a host application hands an agent (a {@link dev.aios.api.Goal}),
 * what it gets back (a {@link dev.aios.api.RunOutcome}), and the values that flow between the
 * loop's stages: plans, tool calls and results, gate decisions, verifications, reflections and
 * events. It also holds the component contracts that the implementation modules fulfil:
 * {@link dev.aios.api.ToolRegistry}, {@link dev.aios.api.Memory} and
 * {@link dev.aios.api.BrainRouter}.
 *
 * <p>Every value here is an immutable record; collections are copied on construction and
 * {@code null} is rejected with a message unless a component is marked {@code @Nullable}.
 * Errors are unchecked and descend from {@link dev.aios.api.AiOsException}.
 */
@NullMarked
package dev.aios.api;

import org.jspecify.annotations.NullMarked;
