/**
 * The service's telemetry: a Prometheus registry (the agent's meters plus the JVM's and the
 * process's) for the console's {@code /metrics}, and an OpenTelemetry SDK whose finished spans are
 * kept in memory for the console to show. Nothing is exported over the network: telemetry never
 * leaves the machine.
 */
@NullMarked
package dev.aios.service.internal.telemetry;

import org.jspecify.annotations.NullMarked;
