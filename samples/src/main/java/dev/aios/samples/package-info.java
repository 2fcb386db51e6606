/**
 * Sample agents. {@link dev.aios.samples.Main} is the command-line entry point that README's
 * main-job command runs: the desk agent ({@link dev.aios.samples.DeskAgent}) prepares the user's
 * day from a small sample world it writes itself, with in-process tools and a rule-based brain,
 * so it needs no network, no keys and no model weights.
 */
@NullMarked
package dev.aios.samples;

import org.jspecify.annotations.NullMarked;
