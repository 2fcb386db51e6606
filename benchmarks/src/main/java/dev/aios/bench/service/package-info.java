/**
 * The service's figures (issue 14): mail landing to visible in the console, console pages with a
 * full memory and journal, and the resident memory of {@code aios serve} under a day of mail.
 */
@NullMarked
package dev.aios.bench.service;

import org.jspecify.annotations.NullMarked;
