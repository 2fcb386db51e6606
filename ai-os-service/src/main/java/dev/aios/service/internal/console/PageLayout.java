package dev.aios.service.internal.console;

import static j2html.TagCreator.a;
import static j2html.TagCreator.attrs;
import static j2html.TagCreator.body;
import static j2html.TagCreator.div;
import static j2html.TagCreator.document;
import static j2html.TagCreator.each;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.script;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.time;
import static j2html.TagCreator.title;

import j2html.tags.DomContent;
import j2html.tags.specialized.ATag;
import j2html.tags.specialized.InputTag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The one layout every console page shares, and the small pieces pages have in common. Only
 * j2html builds markup here: texts and attribute values are escaped by construction, and nothing
 * inline (script or style) is ever emitted, as the Content-Security-Policy demands.
 */
final class PageLayout {
    /**
     * htmx's settings: no inline indicator style (CSP), no eval, no scripts from swapped content,
     * and 4xx answers swapped too, so that an error message reaches the page.
     */
    static final String HTMX_CONFIG = "{\"includeIndicatorStyles\":false,\"allowEval\":false,"
            + "\"allowScriptTags\":false,\"responseHandling\":[{\"code\":\"204\",\"swap\":false},"
            + "{\"code\":\"[23]..\",\"swap\":true},{\"code\":\"[4]..\",\"swap\":true,\"error\":true},"
            + "{\"code\":\"...\",\"swap\":false,\"error\":true}]}";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** The pages in the navigation. */
    enum Section {
        BRIEFING("/", "Briefing", "nav-briefing"),
        APPROVALS("/approvals", "Approvals", "nav-approvals"),
        RUNS("/runs", "Runs", "nav-runs"),
        MEMORY("/memory", "Memory", "nav-memory"),
        BRAINS("/brains", "Brains", "nav-brains");

        final String path;
        final String label;
        final String cssClass;

        Section(String path, String label, String cssClass) {
            this.path = path;
            this.label = label;
            this.cssClass = cssClass;
        }
    }

    private PageLayout() {}

    /**
     * A whole page.
     *
     * @param csrf the session's CSRF token, or null for a Bearer caller (who needs none)
     * @param error a message to show in {@code #error}, or null
     */
    static String page(String title, Section current, String userName, @Nullable String csrf, @Nullable String error,
            DomContent... content) {
        String csrfValue = csrf == null ? "" : csrf;
        return document(html(
                head(
                        meta().withCharset("utf-8"),
                        meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        title(title + " - aios"),
                        meta().withName("csrf-token").withContent(csrfValue),
                        meta().withName("htmx-config").withContent(HTMX_CONFIG),
                        link().withRel("stylesheet").withHref(ConsoleAssets.CSS),
                        script().withSrc(ConsoleAssets.HTMX),
                        script().withSrc(ConsoleAssets.SSE)),
                body(
                        header(attrs("#top"),
                                span("aios").withClass("brand"),
                                nav(attrs("#nav"), each(Arrays.asList(Section.values()), s -> navLink(s, current))),
                                span(userName).withId("user")),
                        div(error == null ? text("") : text(error)).withId("error").withClass("error")
                                .attr("role", "alert"),
                        main(attrs("#content"), content))
                        // htmx sends the CSRF token with every request it makes from this page
                        .attr("hx-headers", "{\"X-CSRF-Token\":\"" + csrfValue + "\"}"))
                .withLang("en"));
    }

    private static ATag navLink(Section section, Section current) {
        ATag link = a(section.label).withHref(section.path).withClass(section.cssClass);
        return section == current ? link.attr("aria-current", "page") : link;
    }

    /** The hidden form field that carries the CSRF token when a form is posted without htmx. */
    static InputTag csrfField(@Nullable String csrf) {
        return j2html.TagCreator.input().withType("hidden").withName("_csrf").withValue(csrf == null ? "" : csrf);
    }

    /** A point in time, readable, with the exact instant in {@code datetime}. */
    static DomContent when(Instant at, String cssClass) {
        return time(TIME.format(at)).attr("datetime", at.toString()).withClass(cssClass);
    }

    /** A short paragraph for an empty list. */
    static DomContent empty(String id, String sentence) {
        return p(sentence).withId(id).withClass("empty");
    }

    /** One path segment: an id from the backend, percent-encoded, so it cannot change the path. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
