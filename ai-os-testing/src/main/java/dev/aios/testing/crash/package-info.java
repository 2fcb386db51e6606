/**
 * Support for kill -9 tests of durable runs: a small outside world whose effects can be counted after
 * worker processes were killed over and over.
 *
 * <p>A crash test starts worker JVMs that run agents (built with the runtime, in the test's own sources)
 * over {@link dev.aios.testing.crash.CrashWorld}'s tools and six-step planner. Each real effect is
 * appended, forced, to an {@link dev.aios.testing.crash.EffectLedger} before the tool answers, so it
 * survives the kill. A {@link dev.aios.testing.crash.CarefulPerson} in each worker answers the approvals
 * of calls left in doubt by a kill from that ledger. After the last worker, the parent reads the ledger
 * into {@link dev.aios.testing.crash.LedgerChecks}: no effect twice, no completed step without its
 * effect, no effect of a step that did not complete, no two owners making effects of one run at once.
 * {@link dev.aios.testing.crash.CrashFiles} appends and reads the small side files (answers, halts,
 * takeovers) the workers leave for the parent.
 */
@NullMarked
package dev.aios.testing.crash;

import org.jspecify.annotations.NullMarked;
