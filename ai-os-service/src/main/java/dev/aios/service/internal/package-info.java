/**
 * The service's internals: the briefing runner and its schedule, the event log the console
 * follows, and the console's backend over the running agent.
 */
@NullMarked
package dev.aios.service.internal;

import org.jspecify.annotations.NullMarked;
