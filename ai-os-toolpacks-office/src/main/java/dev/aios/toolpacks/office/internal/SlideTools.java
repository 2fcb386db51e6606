package dev.aios.toolpacks.office.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.jspecify.annotations.Nullable;

/**
 * The PowerPoint tools, on Apache POI: {@code pptx.read} gives each slide's title, text, tables
 * and speaker notes; {@code pptx.write} makes a plain deck from titles and bullet points, on the
 * default master's layouts so the titles and bullets are real placeholders.
 */
public final class SlideTools {
    private static final String FORMAT = "PowerPoint (.pptx)";
    private static final String SLIDES = """
            {"type":"array","description":"the slides, in order; each has a title, bullet points and optional\
             speaker notes","items":{"type":"object","properties":{"title":{"type":"string"},\
            "bullets":{"type":"array","items":{"type":"string"}},"notes":{"type":"string"}},\
            "additionalProperties":false}}""";

    private final DocumentAccess docs;

    private SlideTools(DocumentAccess docs) {
        this.docs = docs;
    }

    /** Adds the {@code pptx.*} tools to {@code pack}. */
    public static void addTo(Pack.Builder pack, DocumentAccess docs) {
        SlideTools slides = new SlideTools(docs);
        pack.tool("pptx.read", "Read the text of a PowerPoint presentation (.pptx slides): each slide's title,"
                + " text, tables and speaker notes. Long decks are cut at a limit, with a note saying where to go"
                + " on.",
                Schema.object().string("path", DocumentAccess.PATH)
                        .integer("fromSlide", "first slide to read, 1-based (default 1)")
                        .required("path").json(),
                ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, slides::read);
        pack.tool("pptx.write", "Create a new PowerPoint presentation (.pptx) of text slides: an optional title"
                + " slide, then one slide per item with a title, bullet points and speaker notes. For pictures or"
                + " charts on slides, use media.slides.",
                Schema.object().string("path", "the .pptx file to write, relative to the documents folder")
                        .string("title", "the deck's title; when given, the first slide is a title slide")
                        .string("subtitle", "a line under the title on the title slide")
                        .raw("slides", SLIDES)
                        .bool("overwrite", DocumentAccess.OVERWRITE)
                        .required("path", "slides").json(),
                DocumentAccess.WRITES, Pack.Output.COMPUTED, slides::write);
    }

    private ToolResult read(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        String shown = docs.show(file);
        try (InputStream in = OfficeFiles.open(file, shown, FORMAT); XMLSlideShow deck = parse(in, shown)) {
            List<XSLFSlide> slides = deck.getSlides();
            if (slides.isEmpty()) {
                return ToolResult.success(shown + ": the deck has no slides");
            }
            int from = DocumentAccess.atLeast(args, "fromSlide", 1, 1);
            if (from > slides.size()) {
                throw new IllegalArgumentException("argument 'fromSlide' is " + from + " but the deck has "
                        + slides.size() + " slide(s)");
            }
            int to = Math.min(slides.size(), from + docs.maxPages() - 1);
            BoundedText text = new BoundedText(docs.maxChars());
            text.add(shown + ": slides " + from + "-" + to + " of " + slides.size() + "\n");
            int number = from;
            for (; number <= to && !text.full(); number++) {
                text.add(slide(slides.get(number - 1), number));
            }
            if (text.full()) {
                int partly = number - 1;
                return ToolResult.success(text + "\n[cut: the limit of " + text.limit() + " characters was reached in"
                        + " slide " + partly + " (" + text.cut() + " characters of it not shown); call again with"
                        + " fromSlide " + partly + " to read on]");
            }
            if (to < slides.size()) {
                return ToolResult.success(text + "\n[cut: at most " + docs.maxPages() + " slides per call; slides "
                        + (to + 1) + "-" + slides.size() + " not read; call again with fromSlide " + (to + 1) + "]");
            }
            return ToolResult.success(text.toString());
        }
    }

    private static XMLSlideShow parse(InputStream in, String shown) {
        try {
            return new XMLSlideShow(in);
        } catch (IOException | RuntimeException e) {
            throw OfficeFiles.unreadable(shown, FORMAT, e);
        }
    }

    private static String slide(XSLFSlide slide, int number) {
        StringBuilder out = new StringBuilder("\n--- slide ").append(number);
        String title = title(slide);
        if (title != null && !title.isBlank()) {
            out.append(": ").append(title.strip().replace('\n', ' '));
        }
        out.append(" ---\n");
        for (XSLFShape shape : slide.getShapes()) {
            shape(shape, out);
        }
        XSLFNotes notes = slide.getNotes();
        if (notes != null) {
            for (XSLFTextShape shape : notes.getPlaceholders()) {
                if (shape.getTextType() == Placeholder.BODY && !shape.getText().isBlank()) {
                    out.append("notes: ").append(shape.getText().strip()).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void shape(XSLFShape shape, StringBuilder out) {
        switch (shape) {
            case XSLFTextShape text -> {
                if (isTitle(text)) {
                    return;
                }
                boolean bullets = text.getTextType() == Placeholder.BODY || text.getTextType() == Placeholder.CONTENT;
                for (XSLFTextParagraph paragraph : text.getTextParagraphs()) {
                    String line = paragraph.getText().strip();
                    if (!line.isEmpty()) {
                        out.append(bullets ? "  ".repeat(Math.max(0, paragraph.getIndentLevel())) + "- " : "")
                                .append(line).append('\n');
                    }
                }
            }
            case XSLFTable table -> {
                for (XSLFTableRow row : table.getRows()) {
                    List<String> cells = new ArrayList<>();
                    for (XSLFTableCell cell : row.getCells()) {
                        cells.add(cell.getText().replace('\n', ' ').strip());
                    }
                    out.append("| ").append(String.join(" | ", cells)).append(" |\n");
                }
            }
            case XSLFGroupShape group -> group.getShapes().forEach(s -> shape(s, out));
            default -> { }
        }
    }

    /** @return the text of the slide's title placeholder, a centred one (on a title slide) included */
    private static @Nullable String title(XSLFSlide slide) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (isTitle(shape)) {
                return shape.getText();
            }
        }
        return null;
    }

    private static boolean isTitle(XSLFTextShape shape) {
        Placeholder type = shape.getTextType();
        return type == Placeholder.TITLE || type == Placeholder.CENTERED_TITLE;
    }

    @SuppressWarnings("unchecked")
    private ToolResult write(Map<String, Object> args) throws IOException {
        Path file = docs.target(args, "path", ".pptx");
        String title = Args.string(args, "title", null);
        String subtitle = Args.string(args, "subtitle", null);
        List<Map<String, Object>> slides = (List<Map<String, Object>>) args.get("slides");
        try (XMLSlideShow deck = new XMLSlideShow()) {
            XSLFSlideMaster master = deck.getSlideMasters().getFirst();
            if (title != null && !title.isBlank()) {
                XSLFSlide first = deck.createSlide(master.getLayout(SlideLayout.TITLE));
                fill(first, Placeholder.CENTERED_TITLE, List.of(title));
                fill(first, Placeholder.SUBTITLE, subtitle == null || subtitle.isBlank() ? List.of() : List.of(subtitle));
                deck.getProperties().getCoreProperties().setTitle(OfficeFiles.xmlSafe(title));
            }
            for (Map<String, Object> item : slides) {
                List<String> bullets = Args.strings(item, "bullets");
                XSLFSlide slide = deck.createSlide(master.getLayout(bullets.isEmpty() ? SlideLayout.TITLE_ONLY
                        : SlideLayout.TITLE_AND_CONTENT));
                String slideTitle = Args.string(item, "title", "");
                fill(slide, Placeholder.TITLE, slideTitle.isBlank() ? List.of() : List.of(slideTitle));
                fill(slide, Placeholder.CONTENT, bullets);
                String notes = Args.string(item, "notes", null);
                if (notes != null && !notes.isBlank()) {
                    for (XSLFTextShape shape : deck.getNotesSlide(slide).getPlaceholders()) {
                        if (shape.getTextType() == Placeholder.BODY) {
                            shape.setText(OfficeFiles.xmlSafe(notes));
                        }
                    }
                }
            }
            DocumentAccess.write(file, deck::write);
            return ToolResult.success("wrote " + docs.show(file) + ": " + deck.getSlides().size() + " slide(s)");
        }
    }

    /** Puts {@code lines} in the slide's placeholder of {@code type}, one paragraph each; removes it when empty. */
    private static void fill(XSLFSlide slide, Placeholder type, List<String> lines) {
        XSLFTextShape shape = placeholder(slide, type);
        if (shape == null) {
            return;
        }
        if (lines.isEmpty()) {
            slide.removeShape(shape);
            return;
        }
        shape.clearText();
        for (String line : lines) {
            shape.addNewTextParagraph().addNewTextRun().setText(OfficeFiles.xmlSafe(line).replace('\n', ' '));
        }
    }

    /** @return the slide's placeholder of {@code type}; for a content placeholder, a body one will do */
    private static @Nullable XSLFTextShape placeholder(XSLFSlide slide, Placeholder type) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (shape.getTextType() == type) {
                return shape;
            }
        }
        return type == Placeholder.CONTENT ? placeholder(slide, Placeholder.BODY) : null;
    }
}
