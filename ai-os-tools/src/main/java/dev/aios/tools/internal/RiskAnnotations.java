package dev.aios.tools.internal;

import dev.aios.api.ToolRisk;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;

/** Maps MCP tool annotations to {@link ToolRisk} and back. */
public final class RiskAnnotations {
    private RiskAnnotations() {}

    /**
     * MCP hints are optional; a hint a server left out is read the safe way: open-world, not
     * idempotent, and side-effecting unless it says read-only ({@link ToolRisk#UNKNOWN}'s level).
     * A server that declares {@code destructiveHint: true} gets {@code DESTRUCTIVE}.
     *
     * @return the risk for a tool with these annotations; {@link ToolRisk#UNKNOWN} for none
     */
    public static ToolRisk fromAnnotations(McpSchema.@Nullable ToolAnnotations hints) {
        if (hints == null || (hints.readOnlyHint() == null && hints.destructiveHint() == null
                && hints.idempotentHint() == null && hints.openWorldHint() == null)) {
            return ToolRisk.UNKNOWN;
        }
        boolean openWorld = !Boolean.FALSE.equals(hints.openWorldHint());
        if (Boolean.TRUE.equals(hints.readOnlyHint())) {
            return new ToolRisk(ToolRisk.Level.READ_ONLY, openWorld, true);
        }
        ToolRisk.Level level = Boolean.TRUE.equals(hints.destructiveHint())
                ? ToolRisk.Level.DESTRUCTIVE : ToolRisk.Level.SIDE_EFFECTING;
        return new ToolRisk(level, openWorld, Boolean.TRUE.equals(hints.idempotentHint()));
    }

    /** @return the MCP annotations that tell a client what {@code risk} says */
    public static McpSchema.ToolAnnotations toAnnotations(@Nullable String title, ToolRisk risk) {
        return new McpSchema.ToolAnnotations(title, risk.readOnly(), risk.level() == ToolRisk.Level.DESTRUCTIVE,
                risk.idempotent(), risk.openWorld(), null);
    }
}
