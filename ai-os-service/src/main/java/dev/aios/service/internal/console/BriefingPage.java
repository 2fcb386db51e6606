package dev.aios.service.internal.console;

import static j2html.TagCreator.attrs;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.li;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.textarea;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import dev.aios.service.internal.console.ConsoleBackend.ArrivalItem;
import dev.aios.service.internal.console.ConsoleBackend.BriefingView;
import dev.aios.service.internal.console.ConsoleBackend.DraftItem;
import dev.aios.service.internal.console.ConsoleBackend.MeetingItem;
import dev.aios.service.internal.console.ConsoleBackend.TriageItem;
import j2html.tags.DomContent;
import j2html.tags.specialized.TrTag;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Today's briefing: triage with one-click corrections, editable drafts, meetings, limitations. */
final class BriefingPage {
    /** The labels a triage correction may choose. */
    static final List<String> LABELS = List.of("needs-you", "routine", "noise");

    private BriefingPage() {}

    static DomContent render(@Nullable BriefingView briefing, List<ArrivalItem> arrivals, @Nullable String csrf) {
        if (briefing == null) {
            return section(attrs("#briefing"), h2("Today's briefing"),
                    PageLayout.empty("no-briefing", "No briefing yet: the first one appears after its scheduled run."),
                    arrivals(arrivals));
        }
        return section(attrs("#briefing"),
                h2("Today's briefing"),
                arrivals(arrivals),
                p(span("Prepared "), PageLayout.when(briefing.at(), "briefing-time")).withId("briefing-time"),
                h2("Inbox"),
                briefing.triage().isEmpty() ? PageLayout.empty("no-triage", "No messages to triage.")
                        : table(attrs("#triage"),
                                thead(tr(th("From"), th("Subject"), th("Label"), th("Confidence"), th("Why"),
                                        th("Correct"))),
                                tbody(each(briefing.triage(), item -> triageRow(item, csrf)))),
                h2("Drafts"),
                div(attrs("#drafts"), briefing.drafts().isEmpty() ? PageLayout.empty("no-drafts", "No drafts.")
                        : each(briefing.drafts(), d -> draft(d, csrf))),
                h2("Meetings"),
                div(attrs("#meetings"), briefing.meetings().isEmpty() ? PageLayout.empty("no-meetings",
                        "No meetings today.") : each(briefing.meetings(), BriefingPage::meeting)),
                h2("What the agent could not do"),
                ul(attrs("#limitations"), each(briefing.limitations(), l -> li(l))));
    }

    /** Mail that landed since the briefing, listed as it lands; the next briefing triages it. */
    private static DomContent arrivals(List<ArrivalItem> arrivals) {
        if (arrivals.isEmpty()) {
            return text("");
        }
        return div(attrs("#arrivals"), h2("New since the briefing"),
                ul(each(arrivals, a -> li(span(a.from()).withClass("arrival-from"), text(": "),
                        span(a.subject()).withClass("arrival-subject"), text(" "), PageLayout.when(a.at(), "arrival-time"))
                        .withClass("arrival").attr("data-message-id", a.messageId()))));
    }

    /** One triage row. */
    static TrTag triageRow(TriageItem item, @Nullable String csrf) {
        return row(item, csrf, "triage-item", "Correct");
    }

    /** The row that answers a correction, marked {@code .corrected}. */
    static TrTag correctedRow(TriageItem item, @Nullable String csrf) {
        return row(item, csrf, "triage-item corrected", "Corrected");
    }

    private static TrTag row(TriageItem item, @Nullable String csrf, String cssClass, String buttonText) {
        return tr(
                td(item.from()).withClass("from"),
                td(item.subject()).withClass("subject"),
                td(item.label()).withClass("label label-" + cssWord(item.label())),
                td(String.format(Locale.ROOT, "%.0f%%", item.confidence() * 100)).withClass("confidence"),
                td(ul(each(item.reasons(), r -> li(r)))).withClass("reasons"),
                td(form(
                        PageLayout.csrfField(csrf),
                        select(each(LABELS, l -> l.equals(item.label()) ? option(l).withValue(l).isSelected()
                                : option(l).withValue(l))).withName("label").attr("aria-label", "Correct label"),
                        button(buttonText).withType("submit").withClass("correct"))
                        .withClass("correct-label")
                        .attr("hx-post", "/triage/" + PageLayout.segment(item.messageId()))
                        .attr("hx-target", "closest tr")
                        .attr("hx-swap", "outerHTML")))
                .withClass(cssClass)
                .attr("data-message-id", item.messageId());
    }

    private static DomContent draft(DraftItem d, @Nullable String csrf) {
        return div(
                h3(d.subject()).withClass("draft-subject"),
                p(span("To "), span(d.to()).withClass("draft-to"),
                        span(d.writtenBy().isEmpty() ? " (the briefing's template)" : " (written by " + d.writtenBy()
                                + ")").withClass("draft-by")),
                d.todo().isEmpty() ? null : p(span("Before sending: "), span(d.todo())).withClass("draft-todo"),
                form(
                        PageLayout.csrfField(csrf),
                        textarea(d.text()).withName("text").attr("rows", "8").attr("aria-label", "Draft text"),
                        button("Save").withType("submit").withClass("save-draft"),
                        span().withClass("draft-status"))
                        .withClass("draft-edit")
                        .attr("hx-post", "/drafts/" + PageLayout.segment(d.messageId()))
                        .attr("hx-target", "find .draft-status")
                        .attr("hx-swap", "innerHTML"))
                .withClass("draft").attr("data-message-id", d.messageId());
    }

    private static DomContent meeting(MeetingItem m) {
        return div(
                h3(m.title()).withClass("meeting-title"),
                p("Attendees"), ul(each(m.attendees(), a -> li(a))).withClass("attendees"),
                p("Open threads"), ul(each(m.openThreads(), t -> li(t))).withClass("open-threads"),
                p("Last notes"), ul(each(m.lastNotes(), n -> li(n))).withClass("last-notes"))
                .withClass("meeting");
    }

    /** A label as a class name: letters, digits and dashes only. */
    private static String cssWord(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}
