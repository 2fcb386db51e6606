package dev.aios.tools;

import dev.aios.api.ToolDescriptor;

/**
 * An MCP tool the registry does not offer until a person approves it: new (when the registry
 * does not trust tools on first use), or changed since it was approved (a "rug pull": same name,
 * new description, schema or risk). Approve with {@link McpToolRegistry#approve(String)}.
 *
 * @param tool the tool as the server describes it now
 * @param reason why it is held back
 * @param fingerprint the SHA-256 that approving it would record
 */
public record HeldBackTool(ToolDescriptor tool, String reason, String fingerprint) {}
