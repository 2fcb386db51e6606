package dev.aios.service.internal.console;

import static j2html.TagCreator.body;
import static j2html.TagCreator.document;
import static j2html.TagCreator.head;
import static j2html.TagCreator.html;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.p;
import static j2html.TagCreator.title;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.service.internal.console.ConsoleBackend.BriefingView;
import dev.aios.service.internal.console.ConsoleBackend.RunView;
import dev.aios.service.internal.console.ConsoleBackend.TriageItem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import j2html.tags.DomContent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's pages and the htmx actions on them; the CLI's JSON is in {@link ConsoleApi}. */
final class ConsoleRoutes {
    private static final Logger log = LoggerFactory.getLogger(ConsoleRoutes.class);
    private static final int RUNS_SHOWN = 100;
    private static final int HITS_SHOWN = 50;

    private final ConsoleBackend backend;
    private final ConsoleGuard guard;
    private final ConsoleAssets assets;
    private final ConsoleServer.Options options;
    private final RunEventStream events;

    ConsoleRoutes(ConsoleBackend backend, ConsoleGuard guard, ConsoleAssets assets, ConsoleServer.Options options,
            RunEventStream events) {
        this.backend = backend;
        this.guard = guard;
        this.assets = assets;
        this.options = options;
        this.events = events;
    }

    /** The request's path, or a note when the request is gone (a write after the console stopped). */
    private static String pathOf(Context ctx) {
        try {
            return ctx.path();
        } catch (RuntimeException e) {
            return "(request already recycled)";
        }
    }

    void register(RoutesConfig routes) {
        routes.before(ctx -> {
            if (guard.check(ctx)) {
                ctx.skipRemainingHandlers();
            }
        });
        routes.exception(ConsoleGuard.Refused.class, (e, ctx) -> fail(ctx, e.status(), e.getMessage()));
        routes.exception(IllegalArgumentException.class, (e, ctx) -> fail(ctx, 400, e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            if (e instanceof HttpResponseException answer) {
                fail(ctx, answer.getStatus(), answer.getMessage()); // Javalin's own 4xx: the message is safe
                return;
            }
            log.error("console request {} {} failed", ctx.method(), pathOf(ctx), e);
            fail(ctx, 500, "Something went wrong; the service log says what.");
        });

        routes.get("/assets/{name}", this::asset);
        routes.get("/metrics", this::metrics);

        routes.get("/", ctx -> page(ctx, "Briefing", PageLayout.Section.BRIEFING,
                BriefingPage.render(backend.briefing(), backend.arrivals(), csrf(ctx))));
        routes.post("/triage/{id}", this::correctLabel);
        routes.post("/drafts/{id}", this::editDraft);

        routes.get("/approvals", ctx -> page(ctx, "Approvals", PageLayout.Section.APPROVALS,
                ApprovalsPage.render(backend.pendingApprovals(), csrf(ctx))));
        routes.post("/approvals/{id}/approve", ctx -> answer(ctx, ApprovalsPage.Decision.APPROVE));
        routes.post("/approvals/{id}/deny", ctx -> answer(ctx, ApprovalsPage.Decision.DENY));

        routes.get("/runs", ctx -> page(ctx, "Runs", PageLayout.Section.RUNS,
                RunsPage.list(backend.runs(RUNS_SHOWN), csrf(ctx))));
        routes.post("/runs", this::submitGoal);
        routes.get("/runs/{id}", this::run);
        routes.sse("/runs/{id}/events", events);

        routes.get("/memory", this::memory);
        routes.post("/memory/{id}/forget", this::forget);

        routes.get("/brains", ctx -> page(ctx, "Brains", PageLayout.Section.BRAINS,
                BrainsPage.render(backend.brains(), backend.costSaved())));

        new ConsoleApi(backend).register(routes);
    }

    private void asset(Context ctx) {
        ConsoleAssets.Asset asset = assets.get(ctx.path());
        if (asset == null) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("No such asset.");
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private void metrics(Context ctx) {
        Supplier<String> metrics = options.metrics();
        if (metrics == null) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8")
                    .result("Metrics are not enabled in this service.\n");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
    }

    private void correctLabel(Context ctx) {
        String id = ctx.pathParam("id");
        String label = required(ctx.formParam("label"), "Choose a label.");
        if (!BriefingPage.LABELS.contains(label)) {
            throw new IllegalArgumentException("Unknown label '" + label + "': choose one of "
                    + String.join(", ", BriefingPage.LABELS) + ".");
        }
        backend.correctLabel(id, label);
        BriefingView briefing = backend.briefing();
        TriageItem item = briefing == null ? null : briefing.triage().stream()
                .filter(t -> t.messageId().equals(id)).findFirst().orElse(null);
        // the next briefing shows the correction; this row shows it now
        TriageItem shown = item == null ? new TriageItem(id, "", "", label, 1.0, List.of("corrected by you"))
                : new TriageItem(id, item.from(), item.subject(), label, 1.0, List.of("corrected by you"));
        ctx.html(BriefingPage.correctedRow(shown, csrf(ctx)).render());
    }

    private void editDraft(Context ctx) {
        String text = required(ctx.formParam("text"), "The draft is empty: write the reply, or leave it as it was.");
        backend.editDraft(ctx.pathParam("id"), text);
        ctx.html(p("Kept as your voice.").withClass("saved").render());
    }

    private void answer(Context ctx, ApprovalsPage.Decision decision) {
        String id = ctx.pathParam("id");
        String note = ctx.formParam(decision == ApprovalsPage.Decision.APPROVE ? "note" : "reason");
        String text = note == null ? "" : note.strip();
        boolean known = decision.apply(backend, id, text);
        String sentence = !known ? "No request " + id + " is waiting: it was already answered, or it expired."
                : decision == ApprovalsPage.Decision.APPROVE ? "Approved." + (text.isEmpty() ? "" : " Note: " + text)
                : "Denied." + (text.isEmpty() ? "" : " Reason: " + text);
        ctx.status(known ? HttpStatus.OK : HttpStatus.NOT_FOUND).html(ApprovalsPage.outcome(id, sentence, known).render());
    }

    private void submitGoal(Context ctx) {
        String goal = required(ctx.formParam("goal"), "The goal is empty: say what the agent should do.");
        String runId = backend.submitGoal(goal.strip());
        String path = RunsPage.runPath(runId);
        if (isHtmx(ctx)) {
            ctx.header("HX-Redirect", path).html(RunsPage.started(runId).render());
        } else {
            ctx.redirect(path, HttpStatus.SEE_OTHER);
        }
    }

    private void run(Context ctx) {
        String id = ctx.pathParam("id");
        RunView run = backend.run(id);
        if (run == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            page(ctx, "Run", PageLayout.Section.RUNS, PageLayout.empty("no-run", "No run has the id " + id + "."));
            return;
        }
        page(ctx, "Run", PageLayout.Section.RUNS, RunsPage.run(run, backend.events(id)));
    }

    private void memory(Context ctx) {
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        Set<MemoryLayer> layers = EnumSet.noneOf(MemoryLayer.class);
        for (String name : ctx.queryParams("layer")) {
            try {
                layers.add(MemoryLayer.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown memory layer '" + name + "': choose from "
                        + List.of(MemoryLayer.values()) + ".");
            }
        }
        LocalDate from = date(ctx.queryParam("from"), "from");
        LocalDate to = date(ctx.queryParam("to"), "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("The search ends (" + to + ") before it starts (" + from + ").");
        }
        ZoneId zone = ZoneId.systemDefault();
        List<MemoryHit> hits = backend.searchMemory(query, layers,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1), HITS_SHOWN);
        page(ctx, "Memory", PageLayout.Section.MEMORY,
                MemoryPage.render(new MemoryPage.Search(query, layers, from, to), hits, csrf(ctx)));
    }

    private void forget(Context ctx) {
        String id = ctx.pathParam("id");
        if (backend.forget(id)) {
            ctx.html(""); // htmx swaps the hit out
        } else {
            ctx.status(HttpStatus.NOT_FOUND).html(p("No memory has the id " + id + "; it may be forgotten already.")
                    .withClass("hit gone").render());
        }
    }

    private void page(Context ctx, String title, PageLayout.Section section, DomContent content) {
        ctx.html(PageLayout.page(title, section, backend.userName(), csrf(ctx), null, content));
    }

    private static @Nullable String csrf(Context ctx) {
        ConsoleGuard.Session session = ConsoleGuard.session(ctx);
        return session == null ? null : session.csrf();
    }

    private static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private static String required(@Nullable String value, String message) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    private static @Nullable LocalDate date(@Nullable String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The '" + name + "' date must look like 2025-01-31, was '" + value + "'.");
        }
    }

    /**
     * Answers a refused or failed request: htmx gets the message in {@code #error}, the CLI gets
     * JSON, a browser a short plain page. Never a stack trace.
     */
    static void fail(Context ctx, int status, @Nullable String message) {
        String text = message == null || message.isBlank() ? "Bad request." : message;
        ConsoleGuard.secureHeaders(ctx);
        ctx.status(status);
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"aios\"");
            text = text + " Open the console link that aios serve printed at start (it signs you in), or send"
                    + " Authorization: Bearer with the token from the token file.";
        }
        if (isHtmx(ctx)) {
            ctx.header("HX-Retarget", "#error").header("HX-Reswap", "innerHTML").html(p(text).render());
        } else if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/json").result(ConsoleJson.write(java.util.Map.of("error", text)));
        } else {
            ctx.html(document(html(head(meta().withCharset("utf-8"), title("aios console")),
                    body(p(text).withClass("error")))));
        }
    }
}
