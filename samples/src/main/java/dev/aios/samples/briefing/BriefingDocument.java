package dev.aios.samples.briefing;

/**
 * The briefing as a document written once and rendered three ways: plain Markdown (also what is
 * printed) and HTML, every piece of text escaped, since mail subjects and chat messages are
 * written by others.
 */
final class BriefingDocument {
    private final StringBuilder markdown = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private boolean inList;

    BriefingDocument(String title) {
        markdown.append("# ").append(title).append("\n\n");
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;line-height:1.4}"
                        + " .why{color:#555;font-size:90%} pre{background:#f4f4f4;padding:.6em;white-space:pre-wrap}</style>"
                        + "</head><body>\n<h1>").append(escape(title)).append("</h1>\n");
    }

    BriefingDocument heading(String text) {
        closeList();
        markdown.append("## ").append(text).append("\n\n");
        html.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    BriefingDocument subheading(String text) {
        closeList();
        markdown.append("### ").append(text).append("\n\n");
        html.append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    BriefingDocument paragraph(String text) {
        closeList();
        markdown.append(text).append("\n\n");
        html.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A list item; {@code why}, when not empty, follows in a quieter style. */
    BriefingDocument item(String text, String why) {
        if (!inList) {
            html.append("<ul>\n");
            inList = true;
        }
        markdown.append("- ").append(text).append(why.isEmpty() ? "" : " — _" + why + "_").append('\n');
        html.append("<li>").append(escape(text));
        if (!why.isEmpty()) {
            html.append(" <span class=\"why\">— ").append(escape(why)).append("</span>");
        }
        html.append("</li>\n");
        return this;
    }

    BriefingDocument item(String text) {
        return item(text, "");
    }

    BriefingDocument block(String text) {
        closeList();
        text.lines().forEach(l -> markdown.append("    ").append(l).append('\n'));
        markdown.append('\n');
        html.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    String markdown() {
        closeList();
        return markdown.toString().strip() + "\n";
    }

    String html() {
        closeList();
        return html + "</body></html>\n";
    }

    private void closeList() {
        if (inList) {
            markdown.append('\n');
            html.append("</ul>\n");
            inList = false;
        }
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
