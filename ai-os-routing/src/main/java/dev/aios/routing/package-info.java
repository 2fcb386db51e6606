/**
 * Multi-brain routing: {@link dev.aios.routing.LearnedBrainRouter} sends each model call to the
 * cheapest brain that does the job. Hard constraints come first (private data stays on this
 * machine, needed capabilities, context length, a daily spending limit); then a classifier over
 * in-process sentence embeddings and cheap prompt features estimates, per brain, the chance that
 * its answer is accepted, and weighs that against price with a threshold the user sets as
 * "quality per cost" or "share of strong calls" ({@link dev.aios.routing.RoutingThreshold}).
 * Rejected answers escalate to a stronger brain; every verified outcome updates the estimates
 * online, and the state persists in a small file. Provider failures are retried with backoff and
 * then fall back to the next brain, behind a circuit breaker per provider
 * ({@link dev.aios.routing.Resilience}). {@link dev.aios.routing.BrainCatalog} builds brains from
 * a properties file with LangChain4j's OpenAI and Anthropic modules; keys come from the
 * environment and are never logged. A later release adds a local Llama-family model on DJL here.
 *
 * <p>{@link dev.aios.routing.TextClassifier} is the same idea applied to the user's data: a
 * small classifier over in-process embeddings and cheap features (mail triage, for example) that
 * starts from prior knowledge (label descriptions, rules of thumb), learns each correction
 * online, and keeps its state in a small file.
 */
@NullMarked
package dev.aios.routing;

import org.jspecify.annotations.NullMarked;
