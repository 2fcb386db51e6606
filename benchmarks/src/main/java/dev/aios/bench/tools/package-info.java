/**
 * Benchmarks of the tool registry: MCP round trips and tool listing side by side with
 * LangChain4j's MCP client, and tool search over a large catalogue ({@link dev.aios.bench.tools.McpTable}).
 */
package dev.aios.bench.tools;
