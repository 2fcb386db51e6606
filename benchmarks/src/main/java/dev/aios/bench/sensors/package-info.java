/**
 * Measurements of the awareness sensors: how long a mail takes from landing in a Maildir to its
 * record in memory while the daemon runs ({@link dev.aios.bench.sensors.AwarenessLatency}).
 */
@NullMarked
package dev.aios.bench.sensors;

import org.jspecify.annotations.NullMarked;
