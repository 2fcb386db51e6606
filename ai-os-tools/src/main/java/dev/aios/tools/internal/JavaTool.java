package dev.aios.tools.internal;

import dev.aios.api.ToolDescriptor;
import dev.aios.tools.ToolHandler;

/**
 * An in-process tool: what the planner sees, and the code that runs.
 *
 * @param descriptor the tool as the registry shows it
 * @param handler the code
 */
public record JavaTool(ToolDescriptor descriptor, ToolHandler handler) {}
