/**
 * Extension points of the agent loop, one per stage: {@link dev.aios.api.spi.Planner},
 * {@link dev.aios.api.spi.GatePolicy}, {@link dev.aios.api.spi.Verifier},
 * {@link dev.aios.api.spi.Reflector} and {@link dev.aios.api.spi.Learner}; plus
 * {@link dev.aios.api.spi.Sensor} for awareness and factories for the components that need
 * settings (memory, tool registries, brain routers, sensors).
 *
 * <p>Every extension has a {@code name()} and is found by {@link java.util.ServiceLoader}: a jar
 * that lists its class in {@code META-INF/services/<interface>} plugs in without touching the
 * runtime, and {@link dev.aios.api.spi.Extensions#named} picks one by name. Stage
 * implementations receive a {@link dev.aios.api.spi.RunContext}, their only door to brains (routed
 * and metered against the run's budget), tools and memory.
 */
@NullMarked
package dev.aios.api.spi;

import org.jspecify.annotations.NullMarked;
