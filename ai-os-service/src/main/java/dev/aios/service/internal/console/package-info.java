/**
 * The web console: server-rendered pages (j2html, so every text is escaped), htmx from a
 * webjar, live run timelines over SSE, locked to a token and CSRF-protected. It reads and
 * changes the service only through {@link dev.aios.service.internal.console.ConsoleBackend}.
 */
@NullMarked
package dev.aios.service.internal.console;

import org.jspecify.annotations.NullMarked;
