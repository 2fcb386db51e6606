package dev.aios.service.internal.console;

import static j2html.TagCreator.a;
import static j2html.TagCreator.attrs;
import static j2html.TagCreator.button;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.ol;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.textarea;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import dev.aios.api.AgentEvent;
import dev.aios.service.internal.console.ConsoleBackend.RunView;
import j2html.tags.DomContent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs: the goal form, the list, and one run's live timeline. */
final class RunsPage {
    /** The SSE event name whose data is one {@code li.event} to append to {@code #timeline}. */
    static final String EVENT = "event";
    /** The SSE event name whose data replaces the content of {@code #run-status}. */
    static final String STATUS = "status";
    /** The SSE event name whose data replaces the content of {@code #run-state}. */
    static final String STATE = "state";

    private RunsPage() {}

    static DomContent list(List<RunView> runs, @Nullable String csrf) {
        return section(attrs("#runs-page"),
                h2("Ask the agent"),
                form(PageLayout.csrfField(csrf),
                        label(text("Goal"), textarea().withName("goal").attr("rows", "3").isRequired()),
                        button("Start").withType("submit").withClass("start-run"))
                        .withId("goal-form")
                        .attr("hx-post", "/runs")
                        .attr("hx-target", "#goal-result")
                        .attr("hx-swap", "innerHTML"),
                div().withId("goal-result"),
                h2("Runs"),
                runs.isEmpty() ? PageLayout.empty("no-runs", "No runs yet.")
                        : table(attrs("#runs"),
                                thead(tr(th("Goal"), th("State"), th("Status"), th("Steps"), th("Tokens"), th("Cost"),
                                        th("Started"))),
                                tbody(each(runs, RunsPage::row))));
    }

    private static DomContent row(RunView run) {
        return tr(
                td(a(run.goal()).withHref(runPath(run.runId()))).withClass("goal"),
                td(run.state()).withClass("state"),
                td(run.status()).withClass("status"),
                td(String.valueOf(run.stepsDone())).withClass("steps"),
                td(String.valueOf(run.tokens())).withClass("tokens"),
                td(run.cost().toPlainString()).withClass("cost"),
                td(PageLayout.when(run.startedAt(), "started-at")).withClass("started"))
                .withClass("run").attr("data-run-id", run.runId());
    }

    /** The answer to a started goal: a link to its run. */
    static DomContent started(String runId) {
        return p(span("Started: "), a("follow the run").withHref(runPath(runId)).withClass("run-link"));
    }

    static DomContent run(RunView run, List<AgentEvent> events) {
        String path = runPath(run.runId());
        // one SSE connection feeds both the timeline and the status
        return section(
                h2(run.goal()).withId("run-goal"),
                dl(
                        dt("State"), dd(run.state()).withId("run-state").attr("sse-swap", STATE),
                        dt("Status"), dd(statusText(run.status())).withId("run-status").attr("sse-swap", STATUS),
                        dt("Steps"), dd(String.valueOf(run.stepsDone())).withId("run-steps"),
                        dt("Tokens"), dd(String.valueOf(run.tokens())).withId("run-tokens"),
                        dt("Cost"), dd(run.cost().toPlainString()).withId("run-cost"),
                        dt("Started"), dd(PageLayout.when(run.startedAt(), "started-at")).withId("run-started")),
                h2("Timeline"),
                ol(each(events, RunsPage::event))
                        .withId("timeline")
                        .attr("sse-swap", EVENT)
                        .attr("hx-swap", "beforeend"))
                .withId("run")
                .attr("data-run-id", run.runId())
                .attr("hx-ext", "sse")
                .attr("sse-connect", path + "/events");
    }

    /** One event of the timeline. */
    static DomContent event(AgentEvent e) {
        return li(
                PageLayout.when(e.at(), "event-time"),
                span(e.type().name()).withClass("event-type"),
                span(e.stepId() == null ? "" : e.stepId()).withClass("event-step"),
                span(e.message()).withClass("event-message"))
                .withClass("event").attr("data-type", e.type().name());
    }

    /** The note a slow client gets in place of the events it lost. */
    static DomContent dropped(int count, Instant at) {
        return li(
                PageLayout.when(at, "event-time"),
                span("DROPPED").withClass("event-type"),
                span("").withClass("event-step"),
                span(count + (count == 1 ? " event" : " events") + " not shown: the connection was too slow;"
                        + " reload for the full timeline").withClass("event-message"))
                .withClass("event dropped").attr("data-type", "DROPPED");
    }

    /**
     * The run's state after {@code e}, or null when the event does not change it: waiting once an
     * approval is asked for, running once it is answered or a step starts, finished at the end.
     */
    static @Nullable String stateAfter(AgentEvent e) {
        return switch (e.type()) {
            case APPROVAL_REQUESTED -> "WAITING_FOR_APPROVAL";
            case APPROVAL_GRANTED, APPROVAL_TIMED_OUT, STEP_DENIED, STEP_STARTED, RUN_RESUMED -> "RUNNING";
            case RUN_FINISHED -> "FINISHED";
            default -> null;
        };
    }

    /** The new content of {@code #run-status} once the run ended. */
    static DomContent finished(AgentEvent e) {
        return span(e.message()).withClass("run-finished");
    }

    private static String statusText(String status) {
        return status.isEmpty() ? "not finished" : status;
    }

    static String runPath(String runId) {
        return "/runs/" + PageLayout.segment(runId);
    }
}
