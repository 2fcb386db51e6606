package dev.aios.api;

/**
 * What the agent knows about one tool: its registry-wide name, what it does, the JSON Schema of
 * its arguments, and its {@link ToolRisk}. MCP tools and in-process Java tools look the same
 * through this record.
 *
 * @param name unique name in the registry, such as {@code files.read} or {@code github.create_issue}
 * @param description what the tool does, for the planner
 * @param inputSchema the JSON Schema (as JSON text) of the arguments object
 * @param risk what calling it may do, for the gate
 */
public record ToolDescriptor(String name, String description, String inputSchema, ToolRisk risk) {

    /** The schema of a tool that takes no arguments. */
    public static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

    /** Validates. */
    public ToolDescriptor {
        Checks.notBlank(name, "tool name");
        Checks.notNull(description, "tool description of " + name);
        Checks.notBlank(inputSchema, "input schema of tool " + name);
        Checks.notNull(risk, "risk of tool " + name);
    }
}
