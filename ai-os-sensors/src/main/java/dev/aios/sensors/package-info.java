/**
 * Persistent awareness: sensors that turn the user's world into {@link dev.aios.api.Observation}s
 * (a mail folder in Maildir or mbox layout, a calendar of ICS files, a Slack chat export, a local
 * task tracker, the clock) and the {@link dev.aios.sensors.AwarenessDaemon} that runs them in the
 * background, writes what they see to episodic memory, wakes listeners, and keeps a checkpoint so
 * that after a restart nothing is missed and nothing is read twice.
 *
 * <p>File sensors pick up new and changed files through a {@link java.nio.file.WatchService} with
 * a polling fallback (watch services miss events on some file systems). A malformed file is logged
 * with its name and skipped; it never stops a sensor or the daemon.
 */
@NullMarked
package dev.aios.sensors;

import org.jspecify.annotations.NullMarked;
