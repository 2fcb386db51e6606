/**
 * The agent loop: {@link dev.aios.runtime.Agent} runs a {@link dev.aios.api.Goal} through
 * perceive, plan, gate, act, verify, reflect and learn, and always returns a
 * {@link dev.aios.api.RunOutcome}. This package also holds the embedded defaults a host can use
 * as they are or replace: {@link dev.aios.runtime.RiskPolicy} (the gate) and
 * {@link dev.aios.runtime.InProcessMemory} (memory that lives as long as the process). Tools come
 * from ai-os-tools ({@code InProcessToolRegistry} for Java lambdas, {@code McpToolRegistry} for MCP
 * servers); an agent given none has {@link dev.aios.api.ToolRegistry#empty()}.
 */
@NullMarked
package dev.aios.runtime;

import org.jspecify.annotations.NullMarked;
