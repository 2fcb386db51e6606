/**
 * Tools for AI-OS agents: {@link dev.aios.tools.InProcessToolRegistry}, Java lambdas with optional
 * JSON Schemas; {@link dev.aios.tools.McpToolRegistry}, one
 * {@link dev.aios.api.ToolRegistry} over MCP servers (stdio, Streamable HTTP, legacy SSE) and
 * in-process Java tools ({@link dev.aios.tools.ToolMethod} methods and lambdas), with schema
 * validation, supervision, tool pinning and tool search, and, as an MCP client, roots,
 * {@link dev.aios.tools.McpSampling sampling} through the host's brains under a gate and a budget,
 * {@link dev.aios.tools.McpElicitation elicitation}, resource templates and subscriptions, resumed
 * Streamable HTTP streams and {@link dev.aios.tools.McpOAuth OAuth 2.1}; and {@link dev.aios.tools.McpToolServer},
 * the other direction, which offers a registry's tools and an agent to any MCP host, with its own
 * {@link dev.aios.tools.ServedTool}s (any content, structured output, a
 * {@link dev.aios.tools.McpCallContext} for logs, progress, cancellation, sampling, elicitation and
 * roots), {@link dev.aios.tools.ServedResource}s, {@link dev.aios.tools.ServedResourceTemplate}s and
 * {@link dev.aios.tools.ServedPrompt}s, changeable while it runs, and {@link dev.aios.tools.McpHttpAuth}
 * for its HTTP endpoint. Servers are configured in code or from the {@code mcpServers} JSON
 * ({@link dev.aios.tools.McpServerConfig}).
 */
@NullMarked
package dev.aios.tools;

import org.jspecify.annotations.NullMarked;
