package dev.aios.service.internal.console;

import dev.aios.api.AgentEvent;
import dev.aios.api.ApprovalRequest;
import dev.aios.service.internal.console.ConsoleBackend.RunView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the CLI reads and posts ({@code aios approvals}, {@code aios ask}), with
 * {@code Authorization: Bearer}. Times are ISO-8601 strings, money decimal strings.
 */
final class ConsoleApi {
    private static final int RUNS_LISTED = 100;

    private final ConsoleBackend backend;

    ConsoleApi(ConsoleBackend backend) {
        this.backend = backend;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/approvals", ctx -> json(ctx, backend.pendingApprovals().stream().map(ConsoleApi::approval)
                .toList()));
        routes.post("/api/approvals/{id}/approve", ctx -> answer(ctx, ApprovalsPage.Decision.APPROVE));
        routes.post("/api/approvals/{id}/deny", ctx -> answer(ctx, ApprovalsPage.Decision.DENY));
        routes.post("/api/goals", this::goal);
        routes.get("/api/runs", ctx -> json(ctx, backend.runs(RUNS_LISTED).stream().map(ConsoleApi::run).toList()));
        routes.get("/api/runs/{id}", this::oneRun);
    }

    private void answer(Context ctx, ApprovalsPage.Decision decision) {
        String id = ctx.pathParam("id");
        Map<String, Object> body = ConsoleJson.readObject(ctx.body());
        String note = text(body.get("note"));
        if (note.isEmpty()) {
            note = text(body.get("reason"));
        }
        boolean known = decision.apply(backend, id, note);
        if (!known) {
            ctx.status(HttpStatus.NOT_FOUND);
            json(ctx, Map.of("error", "no request " + id + " is waiting: it was already answered, or it expired"));
            return;
        }
        json(ctx, Map.of("id", id, "outcome", decision == ApprovalsPage.Decision.APPROVE ? "approved" : "denied"));
    }

    private void goal(Context ctx) {
        String goal = text(ConsoleJson.readObject(ctx.body()).get("goal"));
        if (goal.isBlank()) {
            throw new IllegalArgumentException("the goal is empty: send {\"goal\": \"what the agent should do\"}");
        }
        String runId = backend.submitGoal(goal.strip());
        ctx.status(HttpStatus.CREATED);
        json(ctx, Map.of("runId", runId));
    }

    private void oneRun(Context ctx) {
        String id = ctx.pathParam("id");
        RunView run = backend.run(id);
        if (run == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            json(ctx, Map.of("error", "no run has the id " + id));
            return;
        }
        Map<String, Object> out = run(run);
        out.put("events", backend.events(id).stream().map(ConsoleApi::event).toList());
        json(ctx, out);
    }

    static Map<String, Object> approval(ApprovalRequest r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", r.id());
        out.put("runId", r.runId());
        out.put("goal", r.goal().text());
        out.put("tool", r.tool().name());
        out.put("risk", ApprovalsPage.risk(r.tool().risk()));
        out.put("arguments", r.call().arguments());
        out.put("reason", r.reason());
        Map<String, String> flows = new LinkedHashMap<>();
        r.flows().forEach((path, p) -> flows.put(path, p.describe()));
        out.put("flows", flows);
        out.put("requestedAt", r.requestedAt().toString());
        out.put("expiresAt", r.expiresAt().toString());
        return out;
    }

    static Map<String, Object> run(RunView r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", r.runId());
        out.put("goal", r.goal());
        out.put("state", r.state());
        out.put("status", r.status());
        out.put("stepsDone", r.stepsDone());
        out.put("tokens", r.tokens());
        out.put("cost", r.cost().toPlainString());
        out.put("startedAt", r.startedAt().toString());
        out.put("updatedAt", r.updatedAt().toString());
        return out;
    }

    static Map<String, Object> event(AgentEvent e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", e.at().toString());
        out.put("type", e.type().name());
        out.put("stepId", e.stepId());
        out.put("message", e.message());
        return out;
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(ConsoleJson.write(value));
    }
}
