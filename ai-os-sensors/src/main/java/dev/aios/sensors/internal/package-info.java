/**
 * Machinery behind the sensors: the folder watcher with its polling fallback, the parsers for
 * Maildir, mbox, ICS, Slack exports and the tracker file, the checkpoint store and the
 * {@link dev.aios.api.spi.SensorFactory} implementations. Not an API: anything here may change.
 */
@NullMarked
package dev.aios.sensors.internal;

import org.jspecify.annotations.NullMarked;
