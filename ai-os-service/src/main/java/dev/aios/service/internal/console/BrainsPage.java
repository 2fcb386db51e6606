package dev.aios.service.internal.console;

import static j2html.TagCreator.attrs;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;

import dev.aios.service.internal.console.ConsoleBackend.BrainView;
import j2html.tags.DomContent;
import java.math.BigDecimal;
import java.util.List;

/** The brains the service routes to, with their figures, and the money routing saved. */
final class BrainsPage {
    private BrainsPage() {}

    static DomContent render(List<BrainView> brains, BigDecimal saved) {
        return section(attrs("#brains-page"),
                h2("Brains"),
                brains.isEmpty() ? PageLayout.empty("no-brains", "No brain is configured.")
                        : table(attrs("#brains"),
                                thead(tr(th("Name"), th("Where"), th("Calls"), th("Failures"), th("Mean latency"),
                                        th("Cost"), th("Breaker"))),
                                tbody(each(brains, b -> tr(
                                        td(b.name()).withClass("name"),
                                        td(b.where()).withClass("where"),
                                        td(String.valueOf(b.calls())).withClass("calls"),
                                        td(String.valueOf(b.failures())).withClass("failures"),
                                        td(b.meanLatency().toMillis() + " ms").withClass("latency"),
                                        td(b.cost().toPlainString()).withClass("cost"),
                                        td(b.breaker()).withClass("breaker breaker-" + b.breaker().replaceAll(
                                                "[^a-z-]", "")))
                                        .withClass("brain")))),
                p(span("Saved against always using the strongest brain: "), span(saved.toPlainString())
                        .withClass("amount")).withId("cost-saved"));
    }
}
