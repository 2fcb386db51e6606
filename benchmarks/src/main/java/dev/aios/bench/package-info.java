/**
 * JMH benchmarks and side-by-side harnesses that print tables: the agent loop's overhead, and the shared pieces the harnesses use.
 */
@NullMarked
package dev.aios.bench;

import org.jspecify.annotations.NullMarked;
