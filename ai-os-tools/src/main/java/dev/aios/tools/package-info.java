/**
 * Tools. This module is a placeholder in the foundation release: it will hold a
 * {@link dev.aios.api.ToolRegistry} over MCP servers (stdio and Streamable HTTP) and in-process
 * Java tools.
 */
package dev.aios.tools;
