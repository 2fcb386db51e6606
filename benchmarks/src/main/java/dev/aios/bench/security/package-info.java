/**
 * A prompt-injection suite in the manner of AgentDojo, run against the real agent loop: a world
 * the project writes itself (Maildir mailbox, files with a private canary, web pages, a tracker,
 * an outbox, documentation over a real MCP server), a brain that obeys every instruction it reads,
 * attacked and benign user tasks, and persistence sequences over Lucene memory
 * ({@link dev.aios.bench.security.SecuritySuite}); its table is
 * {@link dev.aios.bench.security.SecuritySuiteTable}.
 */
@NullMarked
package dev.aios.bench.security;

import org.jspecify.annotations.NullMarked;
