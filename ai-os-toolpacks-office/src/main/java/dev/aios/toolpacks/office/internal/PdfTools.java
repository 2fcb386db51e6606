package dev.aios.toolpacks.office.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.multipdf.Splitter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jspecify.annotations.Nullable;

/**
 * The PDF tools, on Apache PDFBox: text, info, create, merge, split. Encrypted PDFs are refused
 * (only {@code pdf.info} says that one is encrypted); a document is parsed with at most
 * {@value #MAIN_MEMORY_MB} MB of memory, the rest in temporary files.
 */
public final class PdfTools {
    private static final int MAIN_MEMORY_MB = 32;
    private static final int MAX_INPUTS = 100;
    private static final Map<String, PDRectangle> PAPERS = Map.of("A3", PDRectangle.A3, "A4", PDRectangle.A4,
            "A5", PDRectangle.A5, "Letter", PDRectangle.LETTER, "Legal", PDRectangle.LEGAL);

    private final DocumentAccess docs;

    private PdfTools(DocumentAccess docs) {
        this.docs = docs;
    }

    /** Adds the {@code pdf.*} tools to {@code pack}. */
    public static void addTo(Pack.Builder pack, DocumentAccess docs) {
        PdfTools pdf = new PdfTools(docs);
        pack.tool("pdf.text", "Extract or read the text of a PDF file, page by page; give fromPage/toPage for part"
                + " of a long document. Long text is cut at a limit, with a note saying where to go on.",
                Schema.object().string("path", DocumentAccess.PATH)
                        .integer("fromPage", "first page to read, 1-based (default 1)")
                        .integer("toPage", "last page to read (default: the last page, within the page limit)")
                        .required("path").json(),
                ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, pdf::text);
        pack.tool("pdf.info", "Show a PDF file's details: title, author, dates, number of pages, page size, and"
                + " whether it is encrypted (password-protected).",
                Schema.object().string("path", DocumentAccess.PATH).required("path").json(),
                ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, pdf::info);
        pack.tool("pdf.create", "Create (make) a new PDF document from a title and paragraphs of plain text,"
                + " wrapped onto A4 pages.",
                Schema.object().string("path", "the PDF file to write, relative to the documents folder")
                        .string("title", "a title at the top of the first page, also stored as the PDF's title")
                        .strings("paragraphs", "the text, one paragraph per item; line breaks inside are kept")
                        .integer("fontSize", "body text size in points, 6 to 36 (default 11)")
                        .bool("overwrite", DocumentAccess.OVERWRITE)
                        .required("path", "paragraphs").json(),
                DocumentAccess.WRITES, Pack.Output.COMPUTED, pdf::create);
        pack.tool("pdf.merge", "Merge (combine, join) several PDF files, in the order given, into one new PDF file.",
                Schema.object().strings("inputs", "the PDF files to join, in order (at least two)")
                        .string("output", "the PDF file to write")
                        .bool("overwrite", DocumentAccess.OVERWRITE)
                        .required("inputs", "output").json(),
                DocumentAccess.WRITES, Pack.Output.OUTSIDE, pdf::merge);
        pack.tool("pdf.split", "Split a PDF by copying a range of its pages (extracting pages) into a new PDF file;"
                + " the original is left as it is.",
                Schema.object().string("path", "the PDF file to take pages from")
                        .integer("fromPage", "first page to copy, 1-based")
                        .integer("toPage", "last page to copy (default: the last page)")
                        .string("output", "the PDF file to write")
                        .bool("overwrite", DocumentAccess.OVERWRITE)
                        .required("path", "fromPage", "output").json(),
                DocumentAccess.WRITES, Pack.Output.OUTSIDE, pdf::split);
    }

    private ToolResult text(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        try (PDDocument pdf = open(file)) {
            int pages = pdf.getNumberOfPages();
            int from = DocumentAccess.atLeast(args, "fromPage", 1, 1);
            int to = lastPage(args, from, pages);
            int limitedTo = Math.min(to, from + docs.maxPages() - 1);
            PDFTextStripper stripper = new PDFTextStripper();
            BoundedText text = new BoundedText(docs.maxChars());
            text.add(docs.show(file) + ": pages " + from + "-" + to + " of " + pages + "\n");
            int page = from;
            for (; page <= limitedTo && !text.full(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.add("\n--- page " + page + " ---\n" + stripper.getText(pdf).strip() + "\n");
            }
            if (text.full()) {
                int partly = page - 1;
                return ToolResult.success(text + "\n[cut: the limit of " + text.limit() + " characters was reached in page "
                        + partly + " (" + text.cut() + " characters of it not shown"
                        + (partly < to ? ", pages " + (partly + 1) + "-" + to + " not read" : "")
                        + "); call again with fromPage " + partly + " to read on]");
            }
            if (limitedTo < to) {
                return ToolResult.success(text + "\n[cut: at most " + docs.maxPages() + " pages per call; pages "
                        + (limitedTo + 1) + "-" + to + " not read; call again with fromPage " + (limitedTo + 1) + "]");
            }
            return ToolResult.success(text.toString());
        }
    }

    private ToolResult info(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("path", docs.show(file));
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(file.toFile(), streamCache());
        } catch (InvalidPasswordException e) {
            info.put("encrypted", true);
            info.put("note", "it needs a password to open, so nothing else can be read; encrypted PDFs are refused");
            return ToolResult.success(Json.text(info));
        } catch (IOException e) {
            throw notPdf(file, e);
        }
        try (pdf) {
            PDDocumentInformation meta = pdf.getDocumentInformation();
            info.put("title", meta.getTitle());
            info.put("author", meta.getAuthor());
            info.put("subject", meta.getSubject());
            info.put("keywords", meta.getKeywords());
            info.put("creator", meta.getCreator());
            info.put("producer", meta.getProducer());
            info.put("created", iso(meta.getCreationDate()));
            info.put("modified", iso(meta.getModificationDate()));
            info.put("pages", pdf.getNumberOfPages());
            info.put("encrypted", pdf.isEncrypted());
            info.put("pdfVersion", pdf.getVersion());
            if (pdf.getNumberOfPages() > 0) {
                info.put("pageSize", pageSize(pdf.getPage(0).getMediaBox()));
            }
            info.values().removeIf(v -> v == null);
            return ToolResult.success(Json.text(info));
        }
    }

    private ToolResult create(Map<String, Object> args) throws IOException {
        Path file = docs.target(args, "path", ".pdf");
        String title = Args.string(args, "title", null);
        List<String> paragraphs = Args.strings(args, "paragraphs");
        long size = Args.integer(args, "fontSize", 11);
        if (size < 6 || size > 36) {
            throw new IllegalArgumentException("argument 'fontSize' must be between 6 and 36, not " + size);
        }
        try (PDDocument pdf = new PDDocument()) {
            PdfLayout layout = new PdfLayout(pdf, size);
            if (title != null && !title.isBlank()) {
                layout.title(title);
                pdf.getDocumentInformation().setTitle(title);
            }
            for (String paragraph : paragraphs) {
                layout.paragraph(paragraph);
            }
            int replaced = layout.finish();
            pdf.getDocumentInformation().setCreationDate(Calendar.getInstance());
            DocumentAccess.write(file, pdf::save);
            return ToolResult.success("wrote " + docs.show(file) + ": " + pdf.getNumberOfPages() + " page(s), "
                    + paragraphs.size() + " paragraph(s)" + (replaced == 0 ? "" : "; " + replaced
                    + " character(s) the standard PDF fonts cannot show were written as '?'"));
        }
    }

    private ToolResult merge(Map<String, Object> args) throws IOException {
        List<String> inputs = Args.strings(args, "inputs");
        if (inputs.size() < 2 || inputs.size() > MAX_INPUTS) {
            throw new IllegalArgumentException("argument 'inputs' must name 2 to " + MAX_INPUTS + " PDF files, not "
                    + inputs.size());
        }
        Path output = docs.target(args, "output", ".pdf");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Path file = docs.existing(Map.of("inputs[" + i + "]", inputs.get(i)), "inputs[" + i + "]");
            if (file.equals(output)) {
                throw new IllegalArgumentException("the output '" + inputs.get(i) + "' is also an input; write the"
                        + " merged PDF to a new file");
            }
            files.add(file);
        }
        List<PDDocument> sources = new ArrayList<>();
        try (PDDocument merged = new PDDocument(streamCache())) {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (Path file : files) {
                PDDocument source = open(file);
                sources.add(source);
                merger.appendDocument(merged, source);
            }
            // the sources' pages are written out with the merged document, so they stay open until then
            DocumentAccess.write(output, merged::save);
            return ToolResult.success("merged " + files.size() + " PDFs (" + merged.getNumberOfPages()
                    + " pages) into " + docs.show(output));
        } finally {
            for (PDDocument source : sources) {
                source.close();
            }
        }
    }

    private ToolResult split(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        Path output = docs.target(args, "output", ".pdf");
        if (file.equals(output)) {
            throw new IllegalArgumentException("argument 'output' is the file being split; write the pages to a"
                    + " new file");
        }
        try (PDDocument pdf = open(file)) {
            int pages = pdf.getNumberOfPages();
            int from = DocumentAccess.atLeast(args, "fromPage", 1, 1);
            int to = lastPage(args, from, pages);
            Splitter splitter = new Splitter();
            splitter.setStartPage(from);
            splitter.setEndPage(to);
            splitter.setSplitAtPage(to - from + 1);
            List<PDDocument> parts = splitter.split(pdf);
            try {
                PDDocument part = parts.getFirst();
                DocumentAccess.write(output, part::save);
                return ToolResult.success("wrote pages " + from + "-" + to + " of " + docs.show(file) + " ("
                        + part.getNumberOfPages() + " pages) to " + docs.show(output));
            } finally {
                for (PDDocument part : parts) {
                    part.close();
                }
            }
        }
    }

    /** @return the {@code toPage} argument, or the last page; checked against {@code from} and the page count */
    private static int lastPage(Map<String, Object> args, int from, int pages) {
        if (from > pages) {
            throw new IllegalArgumentException("argument 'fromPage' is " + from + " but the PDF has " + pages
                    + " page(s)");
        }
        int to = DocumentAccess.atLeast(args, "toPage", 1, pages);
        if (to < from) {
            throw new IllegalArgumentException("argument 'toPage' (" + to + ") is before 'fromPage' (" + from + ")");
        }
        if (to > pages) {
            throw new IllegalArgumentException("argument 'toPage' is " + to + " but the PDF has " + pages + " page(s)");
        }
        return to;
    }

    /** Opens a PDF to read its content; encrypted ones are refused. */
    private PDDocument open(Path file) throws IOException {
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(file.toFile(), streamCache());
        } catch (InvalidPasswordException e) {
            throw encrypted(file);
        } catch (IOException e) {
            throw notPdf(file, e);
        }
        if (pdf.isEncrypted()) {
            pdf.close();
            throw encrypted(file);
        }
        return pdf;
    }

    private IllegalArgumentException encrypted(Path file) {
        return new IllegalArgumentException("'" + docs.show(file) + "' is an encrypted PDF; encrypted PDFs are refused"
                + " (ask for a copy without a password)");
    }

    private IllegalArgumentException notPdf(Path file, IOException e) {
        return new IllegalArgumentException("'" + docs.show(file) + "' is not a readable PDF (" + e.getMessage() + ")");
    }

    private static StreamCacheCreateFunction streamCache() {
        return MemoryUsageSetting.setupMixed(MAIN_MEMORY_MB * 1024L * 1024L).streamCache;
    }

    private static @Nullable String iso(@Nullable Calendar date) {
        return date == null ? null : date.toInstant().toString();
    }

    private static Map<String, Object> pageSize(PDRectangle box) {
        Map<String, Object> size = new LinkedHashMap<>();
        float w = box.getWidth();
        float h = box.getHeight();
        size.put("widthPt", Math.round(w));
        size.put("heightPt", Math.round(h));
        String name = paperName(Math.min(w, h), Math.max(w, h));
        if (name != null) {
            size.put("name", name + (w > h ? " landscape" : ""));
        }
        return size;
    }

    private static @Nullable String paperName(float shortSide, float longSide) {
        for (Map.Entry<String, PDRectangle> paper : PAPERS.entrySet()) {
            PDRectangle r = paper.getValue();
            if (Math.abs(r.getWidth() - shortSide) < 3 && Math.abs(r.getHeight() - longSide) < 3) {
                return paper.getKey();
            }
        }
        return null;
    }
}
