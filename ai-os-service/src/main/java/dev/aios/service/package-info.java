/**
 * {@code aios}, the service a person lives with: the command line ({@code run}, {@code serve},
 * {@code init}, {@code ask}, {@code approvals}, {@code tools}), the configuration file that names
 * the user, their sources, brains, schedule and gate policy, the long-running service with its
 * awareness daemon and scheduled briefings, and its web console on 127.0.0.1.
 */
@NullMarked
package dev.aios.service;

import org.jspecify.annotations.NullMarked;
