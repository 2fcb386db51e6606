/**
 * Support for testing agents without a real model: {@link dev.aios.testing.ScriptedChatModel}
 * answers with prepared replies and records what it was asked. Used by this project's tests,
 * benchmarks and samples, and published for host applications' tests.
 */
@NullMarked
package dev.aios.testing;

import org.jspecify.annotations.NullMarked;
