package dev.aios.toolpacks.internal;

import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page, with jsoup: scripts, styles and other non-text parts
 * dropped, one line per block (paragraph, heading, list item, table row), headings marked with
 * {@code #} and list items with {@code -}.
 */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "section", "article", "header", "footer", "main", "aside", "nav", "pre", "blockquote", "table",
            "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "form", "hr", "address", "details", "summary");

    private HtmlText() {}

    /** @return the document's readable text */
    public static String of(Document doc) {
        doc.select("script, style, noscript, template, svg, iframe, object, embed, canvas, head").remove();
        StringBuilder out = new StringBuilder();
        Element root = doc.body() == null ? doc : doc.body();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    String t = text.text().replaceAll("\\s+", " ");
                    if (!t.isBlank()) {
                        out.append(out.length() == 0 || out.charAt(out.length() - 1) == '\n' ? t.stripLeading() : t);
                    }
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                    if (e.normalName().matches("h[1-6]")) {
                        out.append("#".repeat(e.normalName().charAt(1) - '0')).append(' ');
                    } else if (e.normalName().equals("li")) {
                        out.append("- ");
                    }
                } else if (node instanceof Element e && (e.normalName().equals("td") || e.normalName().equals("th"))) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                        out.append(" | ");
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }
        }, root);
        return out.toString().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.equals("-") && !l.equals("- "))
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static void newline(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }
}
