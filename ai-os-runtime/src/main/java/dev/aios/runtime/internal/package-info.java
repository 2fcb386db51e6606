/**
 * The runtime's machinery: the run execution (the loop itself: {@code RunExecution} coordinates,
 * {@code PlanScheduler} runs a plan's steps, {@code StepRunner} one step, {@code BrainCalls} the
 * brain round trips, {@code RunAnswers} the answer), the plan format ({@code PlanJson}), the default stage
 * implementations (brain planner, rule verifier, rule reflector, episode learner), the approval
 * queue and the budget tracker. Not API: may change in any release. The stage defaults are
 * public only so {@link java.util.ServiceLoader} can create them.
 */
@NullMarked
package dev.aios.runtime.internal;

import org.jspecify.annotations.NullMarked;
