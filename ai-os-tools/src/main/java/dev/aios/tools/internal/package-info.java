/**
 * The machinery of the tool registry: supervised MCP server connections, the transport wrapper
 * that makes cancellation possible, annotated-method tools, risk mapping, tool pinning, search.
 * Not API: may change in any release; public only where the API package needs it.
 */
@NullMarked
package dev.aios.tools.internal;

import org.jspecify.annotations.NullMarked;
