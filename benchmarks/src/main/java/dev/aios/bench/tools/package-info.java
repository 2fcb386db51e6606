/**
 * Benchmarks of the tool registry: MCP round trips and tool listing side by side with
 * LangChain4j's MCP client, and tool search over a large catalogue ({@link dev.aios.bench.tools.McpTable}).
 */
@NullMarked
package dev.aios.bench.tools;

import org.jspecify.annotations.NullMarked;
