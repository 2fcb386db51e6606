package dev.aios.toolpacks.office.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays a title and paragraphs out on A4 pages in the standard Helvetica fonts (every PDF reader
 * has them, so nothing is embedded): lines wrapped at the margin, a new page when one is full.
 * A character those fonts cannot show (they cover Western European text) is written as
 * {@code ?} and counted, rather than failing the document.
 */
final class PdfLayout {
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 56;
    private static final float TITLE_SIZE = 18;

    private final PDDocument document;
    private final PDFont body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final float size;
    private final float width = PAGE.getWidth() - 2 * MARGIN;
    private PDPageContentStream stream;
    private float y;
    private int replaced;

    PdfLayout(PDDocument document, float size) throws IOException {
        this.document = document;
        this.size = size;
        newPage();
    }

    /** Writes the title, bold and larger, with space after it. */
    void title(String title) throws IOException {
        for (String line : wrap(showable(bold, title), bold, TITLE_SIZE)) {
            line(line, bold, TITLE_SIZE);
        }
        y -= TITLE_SIZE * 0.8f;
    }

    /** Writes a paragraph: its own line breaks kept, long lines wrapped, space after it. */
    void paragraph(String paragraph) throws IOException {
        for (String given : showable(body, paragraph).split("\n", -1)) {
            for (String line : wrap(given, body, size)) {
                line(line, body, size);
            }
        }
        y -= size * 0.7f;
    }

    /** Ends the last page; @return how many characters were replaced by {@code ?} */
    int finish() throws IOException {
        stream.close();
        return replaced;
    }

    private void line(String text, PDFont font, float fontSize) throws IOException {
        float leading = fontSize * 1.35f;
        if (y - leading < MARGIN) {
            stream.close();
            newPage();
        }
        y -= leading;
        if (!text.isEmpty()) {
            stream.beginText();
            stream.setFont(font, fontSize);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(text);
            stream.endText();
        }
    }

    private void newPage() throws IOException {
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
    }

    /** Splits {@code text} (no line breaks) into lines that fit the width, breaking long words too. */
    private List<String> wrap(String text, PDFont font, float fontSize) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, fontSize) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            // a word wider than the line (a URL, a long number) is broken where it must be
            String rest = word;
            while (width(rest, font, fontSize) > width) {
                int cut = rest.length() - 1;
                while (cut > 1 && width(rest.substring(0, cut), font, fontSize) > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
        return lines;
    }

    private static float width(String text, PDFont font, float fontSize) throws IOException {
        return font.getStringWidth(text) / 1000 * fontSize;
    }

    /** {@code text} with tabs as spaces, other control characters dropped, and unshowable ones as {@code ?}. */
    private String showable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.replace("\r\n", "\n").replace('\r', '\n').codePoints().forEach(cp -> {
            if (cp == '\n') {
                out.append('\n');
            } else if (cp == '\t') {
                out.append("    ");
            } else if (Character.isISOControl(cp)) {
                // nothing to show, nothing to count: a stray control character is not text
            } else if (encodable(font, cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('?');
                replaced++;
            }
        });
        return out.toString();
    }

    private static boolean encodable(PDFont font, int codePoint) {
        try {
            font.encode(new String(Character.toChars(codePoint)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
