package dev.aios.service.internal.console;

import static j2html.TagCreator.attrs;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.pre;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.table;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.aios.api.ApprovalRequest;
import dev.aios.api.Provenance;
import dev.aios.api.ToolRisk;
import j2html.tags.DomContent;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The approvals waiting: what would run, how risky it is, why the gate asks, where its arguments came from. */
final class ApprovalsPage {
    /** What the user answers to a request. */
    enum Decision {
        APPROVE,
        DENY;

        /** @return false when no such request is pending */
        boolean apply(ConsoleBackend backend, String requestId, String note) {
            return this == APPROVE ? backend.approve(requestId, note) : backend.deny(requestId, note);
        }
    }

    private ApprovalsPage() {}

    static DomContent render(List<ApprovalRequest> pending, @Nullable String csrf) {
        return section(attrs("#approvals"),
                h2("Waiting for you"),
                pending.isEmpty() ? PageLayout.empty("no-approvals", "Nothing is waiting for your approval.")
                        : each(pending, r -> request(r, csrf)));
    }

    private static DomContent request(ApprovalRequest r, @Nullable String csrf) {
        String base = "/approvals/" + PageLayout.segment(r.id());
        return div(
                h3(r.tool().name()).withClass("tool-name"),
                p(span("For the goal: "), span(r.goal().text())).withClass("goal"),
                pre(ConsoleJson.pretty(r.call().arguments())).withClass("arguments"),
                ul(each(risk(r.tool().risk()), w -> li(w))).withClass("risk"),
                p(span("Why the gate asks: "), span(r.reason())).withClass("policy"),
                flows(r.flows()),
                p(span("Expires "), PageLayout.when(r.expiresAt(), "expires-at")).withClass("expiry"),
                form(PageLayout.csrfField(csrf),
                        label(text("Note "), input().withType("text").withName("note")),
                        button("Approve").withType("submit").withClass("approve"))
                        .withClass("approve")
                        .attr("hx-post", base + "/approve")
                        .attr("hx-target", "closest .approval")
                        .attr("hx-swap", "outerHTML"),
                form(PageLayout.csrfField(csrf),
                        label(text("Reason "), input().withType("text").withName("reason")),
                        button("Deny").withType("submit").withClass("deny"))
                        .withClass("deny")
                        .attr("hx-post", base + "/deny")
                        .attr("hx-target", "closest .approval")
                        .attr("hx-swap", "outerHTML"))
                .withClass("approval").attr("data-request-id", r.id());
    }

    /** Risk as words a person reads: level, reach, whether a retry is safe. */
    static List<String> risk(ToolRisk risk) {
        String level = switch (risk.level()) {
            case READ_ONLY -> "read-only";
            case SIDE_EFFECTING -> "side-effecting";
            case DESTRUCTIVE -> "destructive";
        };
        return List.of(level, risk.openWorld() ? "open-world" : "local",
                risk.idempotent() ? "idempotent" : "not idempotent");
    }

    private static DomContent flows(Map<String, Provenance> flows) {
        if (flows.isEmpty()) {
            return p("Every argument came from your goal.").withClass("flows-none");
        }
        return table(tr(th("Argument"), th("Came from")),
                each(flows.entrySet(), e -> tr(td(e.getKey()).withClass("path"),
                        td(e.getValue().describe()).withClass("provenance"))
                        .withClass(e.getValue().isTrusted() ? "flow" : "flow untrusted")))
                .withClass("flows");
    }

    /** What replaces a request once it is answered. */
    static DomContent outcome(String requestId, String sentence, boolean known) {
        return div(p(sentence).withClass("outcome"))
                .withClass(known ? "approval answered" : "approval unknown")
                .attr("data-request-id", requestId);
    }
}
