/**
 * Benchmarks of the learned brain router: the RouteLLM evaluation tables
 * ({@link dev.aios.bench.routing.RouteLlmTable}) and the JMH hot path
 * ({@link dev.aios.bench.routing.RoutingBenchmark}).
 */
@NullMarked
package dev.aios.bench.routing;

import org.jspecify.annotations.NullMarked;
