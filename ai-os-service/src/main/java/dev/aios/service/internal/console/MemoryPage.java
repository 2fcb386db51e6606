package dev.aios.service.internal.console;

import static j2html.TagCreator.attrs;
import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.fieldset;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.legend;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import j2html.tags.DomContent;
import j2html.tags.specialized.InputTag;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Memory: search by words, layers and dates; see why each hit matched; forget one. */
final class MemoryPage {
    private MemoryPage() {}

    /** What the user searched for, echoed back into the form. */
    record Search(String query, Set<MemoryLayer> layers, @Nullable LocalDate from, @Nullable LocalDate to) {}

    static DomContent render(Search search, List<MemoryHit> hits, @Nullable String csrf) {
        return section(attrs("#memory"),
                h2("Search memory"),
                form(
                        label(text("Words "), input().withType("search").withName("q").withValue(search.query())),
                        fieldset(legend("Layers"), each(Arrays.asList(MemoryLayer.values()), l -> layerBox(l, search))),
                        label(text("From "), dateInput("from", search.from())),
                        label(text("To "), dateInput("to", search.to())),
                        button("Search").withType("submit").withClass("search"))
                        .withId("memory-search").withMethod("get").withAction("/memory"),
                div(attrs("#hits"), hits.isEmpty() ? PageLayout.empty("no-hits", "Nothing found.")
                        : each(hits, h -> hit(h, csrf))));
    }

    private static DomContent layerBox(MemoryLayer layer, Search search) {
        InputTag box = input().withType("checkbox").withName("layer").withValue(layer.name());
        if (search.layers().contains(layer)) {
            box = box.isChecked();
        }
        return label(box, span(" " + layer.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }

    private static InputTag dateInput(String name, @Nullable LocalDate value) {
        InputTag date = input().withType("date").withName(name);
        return value == null ? date : date.withValue(value.toString());
    }

    private static DomContent hit(MemoryHit h, @Nullable String csrf) {
        return div(
                p(h.record().text()).withClass("hit-text"),
                p(
                        span(h.record().layer().name()).withClass("hit-layer"),
                        span(" "), PageLayout.when(h.record().at(), "hit-time"),
                        span(String.format(Locale.ROOT, " score %.3f", h.score())).withClass("hit-score")),
                p(span("Why: "), span(h.why())).withClass("hit-why"),
                form(PageLayout.csrfField(csrf), button("Forget").withType("submit").withClass("forget"))
                        .withClass("forget")
                        .attr("hx-post", "/memory/" + PageLayout.segment(h.record().id()) + "/forget")
                        .attr("hx-target", "closest .hit")
                        .attr("hx-swap", "outerHTML")
                        .attr("hx-confirm", "Forget this memory for good?"))
                .withClass("hit").attr("data-memory-id", h.record().id());
    }
}
