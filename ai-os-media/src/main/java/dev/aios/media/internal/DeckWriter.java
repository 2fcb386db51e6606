package dev.aios.media.internal;

import dev.aios.media.Charts;
import dev.aios.media.Images;
import dev.aios.media.MediaException;
import dev.aios.media.Slide;
import dev.aios.media.SlideDeck;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.poi.sl.usermodel.Insets2D;
import org.apache.poi.sl.usermodel.PictureData.PictureType;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.ShapeType;
import org.apache.poi.sl.usermodel.TextParagraph.TextAlign;
import org.apache.poi.sl.usermodel.TextShape.TextAutofit;
import org.apache.poi.sl.usermodel.VerticalAlignment;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFAutoShape;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.jspecify.annotations.Nullable;
import org.openxmlformats.schemas.presentationml.x2006.main.CTShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a POI slide show from a {@link SlideDeck}: the master's layouts (so titles and bodies are
 * real placeholders that PowerPoint's outline and accessibility checks see), placed on the theme's
 * page, with text shrunk until it fits its box.
 */
public final class DeckWriter {
    private static final Logger log = LoggerFactory.getLogger(DeckWriter.class);

    /**
     * Builds the slide show for {@code deck} in {@code theme}.
     *
     * @return the slide show; the caller closes it
     * @throws MediaException when a slide's image is missing or unreadable
     */
    public static XMLSlideShow write(SlideDeck deck, SlideTheme theme) {
        List<Slide> slides = deck.slides();
        // every missing image is a reason to stop before any work is done
        for (int i = 0; i < slides.size(); i++) {
            Path image = slides.get(i).image();
            if (image != null && !Files.isRegularFile(image)) {
                throw MediaException.invalid("slide " + (i + 1) + describe(slides.get(i)) + " shows the image " + image
                        + ", which does not exist or is not a file");
            }
        }
        XMLSlideShow show = new XMLSlideShow();
        try {
            show.setPageSize(new Dimension(theme.width(), theme.height()));
            show.getProperties().getCoreProperties().setTitle(deck.title());
            DeckWriter writer = new DeckWriter(show, theme);
            try {
                for (int i = 0; i < slides.size(); i++) {
                    writer.add(slides.get(i), i + 1, i == 0 && slides.get(i).isTitleSlide());
                }
            } finally {
                writer.measure.dispose();
            }
            return show;
        } catch (RuntimeException e) {
            try {
                show.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static String describe(Slide slide) {
        return slide.title().isBlank() ? "" : " ('" + slide.title() + "')";
    }

    // one deck's writing: the show, the theme, and a graphics context to measure text with
    private final XMLSlideShow show;
    private final SlideTheme theme;
    private final XSLFSlideMaster master;
    private final Graphics2D measure;
    private final double w;
    private final double h;
    private final double margin;

    private DeckWriter(XMLSlideShow show, SlideTheme theme) {
        this.show = show;
        this.theme = theme;
        this.master = show.getSlideMasters().getFirst();
        this.measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        SlideFonts.prepare(measure);
        this.w = theme.width();
        this.h = theme.height();
        this.margin = w * 0.06;
    }

    private void add(Slide slide, int number, boolean titleLayout) {
        XSLFSlide page = titleLayout ? titleSlide(slide) : contentSlide(slide, number);
        if (!slide.notes().isBlank()) {
            XSLFNotes notes = show.getNotesSlide(page);
            for (XSLFTextShape shape : notes.getPlaceholders()) {
                if (shape.getTextType() == Placeholder.BODY) {
                    shape.setText(slide.notes());
                    break;
                }
            }
        }
    }

    private XSLFSlide titleSlide(Slide slide) {
        XSLFSlide page = show.createSlide(master.getLayout(SlideLayout.TITLE));
        page.getBackground().setFillColor(theme.background());
        double width = w - 2 * margin;
        XSLFTextShape title = placeholder(page, Placeholder.CENTERED_TITLE, Placeholder.TITLE);
        XSLFTextShape subtitle = placeholder(page, Placeholder.SUBTITLE, Placeholder.BODY);
        removeFooters(page);
        if (title != null) {
            place(title, new Rectangle2D.Double(margin, h * 0.22, width, h * 0.30));
            title.setVerticalAlignment(VerticalAlignment.BOTTOM);
            text(title, List.of(slide.title()), theme.titleFont(), theme.titleColor(), true, TextAlign.CENTER);
            fit(title, 44, 24);
        }
        rule(page, (w - w * 0.1) / 2, h * 0.55, w * 0.1);
        if (subtitle != null) {
            if (slide.bullets().isEmpty()) {
                page.removeShape(subtitle);
            } else {
                place(subtitle, new Rectangle2D.Double(margin, h * 0.59, width, h * 0.22));
                subtitle.setVerticalAlignment(VerticalAlignment.TOP);
                text(subtitle, slide.bullets(), theme.bodyFont(), theme.textColor(), false, TextAlign.CENTER);
                fit(subtitle, 24, 14);
            }
        }
        return page;
    }

    private XSLFSlide contentSlide(Slide slide, int number) {
        boolean hasBullets = !slide.bullets().isEmpty();
        XSLFSlide page = show.createSlide(master.getLayout(hasBullets ? SlideLayout.TITLE_AND_CONTENT
                : SlideLayout.TITLE_ONLY));
        page.getBackground().setFillColor(theme.background());
        removeFooters(page);
        double width = w - 2 * margin;
        XSLFTextShape title = placeholder(page, Placeholder.TITLE, Placeholder.CENTERED_TITLE);
        if (title != null) {
            if (slide.title().isBlank()) {
                page.removeShape(title);
            } else {
                place(title, new Rectangle2D.Double(margin, h * 0.04, width, h * 0.16));
                title.setVerticalAlignment(VerticalAlignment.BOTTOM);
                text(title, List.of(slide.title()), theme.titleFont(), theme.titleColor(), true, TextAlign.LEFT);
                fit(title, 32, 18);
                // under the text, which starts one inset (0.1 inch) inside the box
                rule(page, margin + title.getInsets().left, h * 0.215, w * 0.08);
            }
        }
        double top = h * 0.26;
        double height = h * 0.92 - top;
        boolean hasPicture = slide.image() != null || slide.chart() != null;
        double gap = w * 0.03;
        double textWidth = hasPicture ? (width - gap) * 0.5 : width;
        XSLFTextShape body = placeholder(page, Placeholder.CONTENT, Placeholder.BODY);
        if (body != null && hasBullets) {
            place(body, new Rectangle2D.Double(margin, top, textWidth, height));
            body.setVerticalAlignment(VerticalAlignment.TOP);
            text(body, slide.bullets(), theme.bodyFont(), theme.textColor(), false, TextAlign.LEFT);
            for (XSLFTextParagraph paragraph : body.getTextParagraphs()) {
                paragraph.setBulletFontColor(theme.accent());
                // half a line between bullets, so each reads as its own point
                paragraph.setSpaceBefore(50.0);
            }
            fit(body, 24, 12);
        }
        if (hasPicture) {
            Rectangle2D area = hasBullets
                    ? new Rectangle2D.Double(margin + textWidth + gap, top, width - textWidth - gap, height)
                    : new Rectangle2D.Double(margin, top, width, height);
            picture(page, slide, number, area);
        }
        return page;
    }

    private void picture(XSLFSlide page, Slide slide, int number, Rectangle2D area) {
        byte[] bytes;
        PictureType type;
        double pictureWidth;
        double pictureHeight;
        if (slide.chart() != null) {
            // twice the area's size in pixels: sharp when the slide is shown large or printed
            BufferedImage chart = Charts.image(slide.chart(), (int) Math.round(area.getWidth() * 2),
                    (int) Math.round(area.getHeight() * 2));
            bytes = png(chart);
            type = PictureType.PNG;
            pictureWidth = chart.getWidth();
            pictureHeight = chart.getHeight();
        } else {
            Path file = slide.image();
            BufferedImage image;
            try {
                image = Images.read(file);
                bytes = Files.readAllBytes(file);
            } catch (MediaException | IOException e) {
                throw MediaException.invalid("slide " + number + describe(slide) + " shows " + file
                        + ", which cannot be read as an image: " + e.getMessage());
            }
            type = switch (AtomicFiles.extension(file)) {
                case "png" -> PictureType.PNG;
                case "jpg", "jpeg" -> PictureType.JPEG;
                case "gif" -> PictureType.GIF;
                default -> null;
            };
            if (type == null) {
                // a format PowerPoint may not show (BMP, WBMP): embed it as PNG
                bytes = png(image);
                type = PictureType.PNG;
            }
            pictureWidth = image.getWidth();
            pictureHeight = image.getHeight();
        }
        XSLFPictureData data = show.addPicture(bytes, type);
        XSLFPictureShape shape = page.createPicture(data);
        double scale = Math.min(area.getWidth() / pictureWidth, area.getHeight() / pictureHeight);
        double pw = pictureWidth * scale;
        double ph = pictureHeight * scale;
        shape.setAnchor(new Rectangle2D.Double(area.getX() + (area.getWidth() - pw) / 2,
                area.getY() + (area.getHeight() - ph) / 2, pw, ph));
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw MediaException.failed("could not encode a picture as PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private void rule(XSLFSlide page, double x, double y, double width) {
        XSLFAutoShape rule = page.createAutoShape();
        rule.setShapeType(ShapeType.RECT);
        rule.setAnchor(new Rectangle2D.Double(x, y, width, Math.max(2, h / 180)));
        rule.setFillColor(theme.accent());
        rule.setLineColor(null);
    }

    private static void text(XSLFTextShape shape, List<String> paragraphs, String font, java.awt.Color color,
            boolean bold, TextAlign align) {
        shape.clearText();
        shape.setWordWrap(true);
        // PowerPoint shrinks again if the text is edited later; the size is set here so every viewer agrees
        shape.setTextAutofit(TextAutofit.NORMAL);
        for (String text : paragraphs) {
            XSLFTextParagraph paragraph = shape.addNewTextParagraph();
            paragraph.setTextAlign(align);
            XSLFTextRun run = paragraph.addNewTextRun();
            run.setText(text.strip());
            run.setFontFamily(font);
            run.setFontColor(color);
            run.setBold(bold);
        }
    }

    /** Sets the text's size to the largest from {@code max} down to {@code min} at which it fits the box. */
    private void fit(XSLFTextShape shape, double max, double min) {
        Insets2D insets = shape.getInsets();
        double available = shape.getAnchor().getHeight() - insets.top - insets.bottom;
        List<XSLFTextRun> runs = shape.getTextParagraphs().stream().flatMap(p -> p.getTextRuns().stream()).toList();
        List<String> families = runs.stream().map(XSLFTextRun::getFontFamily).toList();
        // measured in the font the slide will be drawn in here, so the PNGs and the measure agree
        for (XSLFTextRun run : runs) {
            run.setFontFamily(SlideFonts.installedFor(run.getFontFamily()));
        }
        try {
            for (double size = max; ; size -= 1) {
                for (XSLFTextRun run : runs) {
                    run.setFontSize(size);
                }
                double needed = shape.getTextHeight(measure);
                if (needed <= available) {
                    return;
                }
                if (size - 1 < min) {
                    log.warn("text of {} pt needs {} pt of height where the box has {}; it overflows: {}",
                            size, Math.round(needed), Math.round(available), abbreviate(shape.getText()));
                    return;
                }
            }
        } finally {
            for (int i = 0; i < runs.size(); i++) {
                runs.get(i).setFontFamily(families.get(i));
            }
        }
    }

    /**
     * Gives a placeholder its own position. POI's setAnchor writes into whatever transform the
     * shape inherits, which for a placeholder without one is the layout's, moving it on every slide
     * of that layout; an own, empty transform first keeps the change on this slide.
     */
    private static void place(XSLFTextShape shape, Rectangle2D anchor) {
        if (shape.getXmlObject() instanceof CTShape ct && !ct.getSpPr().isSetXfrm()) {
            ct.getSpPr().addNewXfrm();
        }
        shape.setAnchor(anchor);
    }

    private static void removeFooters(XSLFSlide page) {
        for (XSLFTextShape shape : page.getPlaceholders()) {
            Placeholder kind = shape.getTextType();
            if (kind == Placeholder.DATETIME || kind == Placeholder.FOOTER || kind == Placeholder.SLIDE_NUMBER) {
                page.removeShape(shape);
            }
        }
    }

    private static @Nullable XSLFTextShape placeholder(XSLFSlide page, Placeholder... kinds) {
        for (Placeholder kind : kinds) {
            for (XSLFTextShape shape : page.getPlaceholders()) {
                if (shape.getTextType() == kind) {
                    return shape;
                }
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
