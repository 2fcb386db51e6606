package dev.aios.api;

import java.time.Instant;

/**
 * A step the gate parked for a human to approve or deny, as a host application sees it in the
 * {@link ApprovalQueue}.
 *
 * @param id unique id of the request; pass it to {@link ApprovalQueue#approve} or
 *     {@link ApprovalQueue#deny}
 * @param runId the run that waits
 * @param goal the goal being pursued
 * @param call the tool call that would run, with its arguments
 * @param tool what the tool is and its risk
 * @param reason why the gate asks
 * @param requestedAt when the request was parked
 * @param expiresAt when it stops waiting and counts as not approved
 * @param flows where each argument's value came from, by argument path ({@code to},
 *     {@code message.body}, {@code cc[0]}): a person sees "from tool:mail.read (untrusted)"
 *     before approving
 */
public record ApprovalRequest(
        String id,
        String runId,
        Goal goal,
        ToolCall call,
        ToolDescriptor tool,
        String reason,
        Instant requestedAt,
        Instant expiresAt,
        java.util.Map<String, Provenance> flows) {

    /** Validates. */
    public ApprovalRequest {
        Checks.notBlank(id, "approval id");
        Checks.notBlank(runId, "run id");
        Checks.notNull(goal, "goal");
        Checks.notNull(call, "call");
        Checks.notNull(tool, "tool");
        Checks.notBlank(reason, "reason");
        Checks.notNull(requestedAt, "requestedAt");
        Checks.notNull(expiresAt, "expiresAt");
        flows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Checks.notNull(flows, "flows")));
    }

    /** A request without argument provenance, as hosts built them before labels existed. */
    public ApprovalRequest(String id, String runId, Goal goal, ToolCall call, ToolDescriptor tool, String reason,
            Instant requestedAt, Instant expiresAt) {
        this(id, runId, goal, call, tool, reason, requestedAt, expiresAt, java.util.Map.of());
    }

    /** @return one line per argument that did not come from the user: its path and its provenance */
    public String describeFlows() {
        StringBuilder out = new StringBuilder();
        flows.forEach((path, p) -> {
            if (!p.isTrusted()) {
                out.append(path).append(": ").append(p.describe()).append('\n');
            }
        });
        return out.toString().strip();
    }
}
