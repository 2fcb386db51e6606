package dev.aios.toolpacks.office.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * The Word tools, on Apache POI: {@code docx.read} gives the body as Markdown-like text
 * (headings as {@code #}, list items as {@code -} or {@code 1.}, tables as {@code | a | b |}
 * rows); {@code docx.write} writes headings, paragraphs and bullet lists with real Word styles.
 */
public final class WordTools {
    private static final String FORMAT = "Word (.docx)";
    private static final Pattern HEADING = Pattern.compile("heading ?([1-9])");
    private static final String BLOCKS = """
            {"type":"array","description":"the body, in order; each item is exactly one of {\\"heading\\": text,\
             \\"level\\": 1-3 (default 1)}, {\\"text\\": a paragraph} or {\\"bullets\\": [list items]}",\
            "items":{"type":"object","properties":{"heading":{"type":"string"},\
            "level":{"type":"integer","minimum":1,"maximum":3},"text":{"type":"string"},\
            "bullets":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}}""";

    private final DocumentAccess docs;

    private WordTools(DocumentAccess docs) {
        this.docs = docs;
    }

    /** Adds the {@code docx.*} tools to {@code pack}. */
    public static void addTo(Pack.Builder pack, DocumentAccess docs) {
        WordTools word = new WordTools(docs);
        pack.tool("docx.read", "Read the text of a Word document (.docx): headings marked with #, list items with -"
                + " or 1., tables as | cell | cell | rows. Long text is cut at a limit.",
                Schema.object().string("path", DocumentAccess.PATH).required("path").json(),
                ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, word::read);
        pack.tool("docx.write", "Create (write) a new Word document (.docx) from an optional title and a list of"
                + " headings, paragraphs and bullet lists.",
                Schema.object().string("path", "the .docx file to write, relative to the documents folder")
                        .string("title", "the document's title, shown first in the Title style")
                        .raw("blocks", BLOCKS)
                        .bool("overwrite", DocumentAccess.OVERWRITE)
                        .required("path", "blocks").json(),
                DocumentAccess.WRITES, Pack.Output.COMPUTED, word::write);
    }

    private ToolResult read(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        String shown = docs.show(file);
        try (InputStream in = OfficeFiles.open(file, shown, FORMAT); XWPFDocument doc = parse(in, shown)) {
            List<IBodyElement> body = doc.getBodyElements();
            BoundedText text = new BoundedText(docs.maxChars());
            Map<String, Integer> numbers = new HashMap<>();
            int shownBlocks = 0;
            for (IBodyElement element : body) {
                String part = switch (element) {
                    case XWPFParagraph p -> paragraph(doc, p, numbers);
                    case XWPFTable t -> table(t);
                    default -> "";
                };
                if (part.isEmpty()) {
                    shownBlocks++;
                    continue;
                }
                if (!text.add(part + "\n")) {
                    break;
                }
                shownBlocks++;
            }
            if (text.full()) {
                return ToolResult.success(text + "\n[cut: the limit of " + text.limit() + " characters was reached; "
                        + text.cut() + " characters of that part and " + (body.size() - shownBlocks - 1)
                        + " more paragraphs or tables not shown]");
            }
            return ToolResult.success(text.toString().isEmpty() ? "(the document has no text)" : text.toString());
        }
    }

    private static XWPFDocument parse(InputStream in, String shown) {
        try {
            return new XWPFDocument(in);
        } catch (IOException | RuntimeException e) {
            throw OfficeFiles.unreadable(shown, FORMAT, e);
        }
    }

    private static String paragraph(XWPFDocument doc, XWPFParagraph p, Map<String, Integer> numbers) {
        String text = p.getText().strip();
        if (text.isEmpty()) {
            return "";
        }
        String style = styleName(doc, p);
        if (style.equals("title")) {
            return "# " + text;
        }
        Matcher heading = HEADING.matcher(style);
        if (heading.matches()) {
            return "#".repeat(Integer.parseInt(heading.group(1))) + " " + text;
        }
        if (p.getNumID() != null) {
            int level = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
            String indent = "  ".repeat(Math.min(level, 8));
            if ("bullet".equals(p.getNumFmt()) || p.getNumFmt() == null) {
                return indent + "- " + text;
            }
            int n = numbers.merge(p.getNumID() + "/" + level, 1, Integer::sum);
            return indent + n + ". " + text;
        }
        return text;
    }

    /** @return the paragraph's style name in lower case ({@code heading 1}), or its id when it has no name */
    private static String styleName(XWPFDocument doc, XWPFParagraph p) {
        String id = p.getStyleID();
        if (id == null) {
            return "";
        }
        XWPFStyle style = doc.getStyles() == null ? null : doc.getStyles().getStyle(id);
        String name = style == null || style.getName() == null ? id : style.getName();
        return name.toLowerCase(Locale.ROOT);
    }

    private static String table(XWPFTable table) {
        StringBuilder out = new StringBuilder();
        for (XWPFTableRow row : table.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                cells.add(cell.getText().replace('\n', ' ').strip());
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    private ToolResult write(Map<String, Object> args) throws IOException {
        Path file = docs.target(args, "path", ".docx");
        String title = Args.string(args, "title", null);
        List<Map<String, Object>> blocks = blocks(args);
        int headings = 0;
        int paragraphs = 0;
        int lists = 0;
        try (XWPFDocument doc = new XWPFDocument()) {
            WordStyles.addHeadings(doc);
            BigInteger bullets = null;
            if (title != null && !title.isBlank()) {
                text(doc.createParagraph(), title).getParagraph().setStyle(WordStyles.TITLE);
                doc.getProperties().getCoreProperties().setTitle(OfficeFiles.xmlSafe(title));
            }
            for (Map<String, Object> block : blocks) {
                if (block.containsKey("heading")) {
                    int level = (int) Args.integer(block, "level", 1);
                    text(doc.createParagraph(), Args.text(block, "heading")).getParagraph()
                            .setStyle(WordStyles.heading(level));
                    headings++;
                } else if (block.containsKey("text")) {
                    text(doc.createParagraph(), Args.text(block, "text"));
                    paragraphs++;
                } else {
                    if (bullets == null) {
                        bullets = WordStyles.addBullets(doc);
                    }
                    for (String item : Args.strings(block, "bullets")) {
                        XWPFParagraph p = doc.createParagraph();
                        p.setNumID(bullets);
                        p.setNumILvl(BigInteger.ZERO);
                        text(p, item);
                    }
                    lists++;
                }
            }
            DocumentAccess.write(file, doc::write);
        }
        return ToolResult.success("wrote " + docs.show(file) + ": " + (title == null || title.isBlank() ? "" : "a title, ")
                + headings + " heading(s), " + paragraphs + " paragraph(s), " + lists + " bullet list(s)");
    }

    /** @return the {@code blocks} argument, each checked to hold exactly one kind of content */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> blocks(Map<String, Object> args) {
        Object value = args.get("blocks");
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Map<String, Object> block = (Map<String, Object>) list.get(i);
                long kinds = List.of("heading", "text", "bullets").stream().filter(block::containsKey).count();
                if (kinds != 1) {
                    throw new IllegalArgumentException("argument 'blocks' item " + i + " must have exactly one of"
                            + " heading, text or bullets (it has " + block.keySet() + ")");
                }
                if (block.containsKey("level") && !block.containsKey("heading")) {
                    throw new IllegalArgumentException("argument 'blocks' item " + i + " has a level but no heading");
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Adds {@code text} to the paragraph as one run, its line breaks as Word line breaks; @return the run */
    private static XWPFRun text(XWPFParagraph paragraph, String text) {
        XWPFRun run = paragraph.createRun();
        String[] lines = OfficeFiles.xmlSafe(text).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i]);
        }
        return run;
    }
}
