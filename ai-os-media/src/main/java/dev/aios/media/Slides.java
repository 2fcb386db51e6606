package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.DeckWriter;
import dev.aios.media.internal.SlidePainter;
import dev.aios.media.internal.SlideTheme;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xslf.usermodel.XMLSlideShow;

/**
 * Writes a {@link SlideDeck} as a PowerPoint file (PPTX, with Apache POI) and renders slides to PNG
 * images, in one theme. {@link #withDefaultTheme()} is clean and plain: a 16:9 page of 960 x 540
 * points (1280 x 720 pixels at 96 dpi), white ground, dark slate text, one blue accent that
 * matches the charts' palette, and Arial, which every office suite has and which renders here
 * through a metric-compatible font (Liberation Sans, else DejaVu Sans, else Java's SansSerif).
 *
 * <p>Text that is too long for its box wraps and then shrinks, down to a readable minimum, so it
 * stays on the slide. An instance is immutable and may be shared between threads.
 */
public final class Slides {

    private final SlideTheme theme;

    private Slides(SlideTheme theme) {
        this.theme = theme;
    }

    /** Slides in the default theme; see the class description. */
    public static Slides withDefaultTheme() {
        return builder().build();
    }

    /** A builder for a theme, starting from the default one. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code deck} as a PPTX: the first slide in the title layout when it is a title slide,
     * the rest as a title over bullets, with an image or chart beside the bullets (or alone), and
     * speaker notes. Parent directories are created and the file appears whole or not at all.
     *
     * @return {@code file}, absolute
     * @throws MediaException when an image is missing or unreadable, {@code file} does not end in
     *     {@code .pptx}, or it cannot be written
     */
    public Path writePptx(SlideDeck deck, Path file) {
        Objects.requireNonNull(deck, "deck");
        if (!AtomicFiles.extension(file).equals("pptx")) {
            throw MediaException.invalid("cannot write a slide deck as '" + file.getFileName() + "': name it .pptx");
        }
        try (XMLSlideShow show = DeckWriter.write(deck, theme)) {
            return AtomicFiles.write(file, show::write);
        } catch (IOException e) {
            throw MediaException.failed("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders every slide of a PPTX file to PNG: {@code slide-001.png}, {@code slide-002.png}... in
     * {@code dir}, {@code widthPx} wide and as high as the page's aspect ratio makes them. Existing
     * files of those names are replaced.
     *
     * @param progress told after each slide ({@code "rendering slides"}, slides done, slides in all)
     * @return the images, in slide order
     * @throws MediaException when the file is missing or not a PPTX, or the width is out of range
     */
    public List<Path> renderPngs(Path pptx, Path dir, int widthPx, MediaProgress progress) {
        return SlidePainter.render(pptx, dir, widthPx, progress);
    }

    /**
     * As {@link #renderPngs(Path, Path, int, MediaProgress)}, for a deck that need not be written as
     * PPTX first.
     */
    public List<Path> renderPngs(SlideDeck deck, Path dir, int widthPx, MediaProgress progress) {
        Objects.requireNonNull(deck, "deck");
        SlidePainter.requireWidth(widthPx);
        try (XMLSlideShow show = DeckWriter.write(deck, theme)) {
            return SlidePainter.render(show, dir, widthPx, progress);
        } catch (IOException e) {
            throw MediaException.failed("could not render the slide deck '" + deck.title() + "': " + e.getMessage(), e);
        }
    }

    /** Sets a theme's options; each defaults to the default theme's and is checked in {@link #build()}. */
    public static final class Builder {
        private int width = 960;
        private int height = 540;
        private Color background = Color.WHITE;
        private Color titleColor = new Color(0x1F2937);
        private Color textColor = new Color(0x374151);
        private Color accent = new Color(0x4E79A7);
        private String titleFont = "Arial";
        private String bodyFont = "Arial";

        private Builder() {}

        /** The page size in points (1/72 inch); default 960 x 540, 16:9. */
        public Builder pageSize(int widthPoints, int heightPoints) {
            this.width = widthPoints;
            this.height = heightPoints;
            return this;
        }

        /** The slides' background colour; default white. */
        public Builder background(Color color) {
            this.background = Objects.requireNonNull(color, "background");
            return this;
        }

        /** The titles' colour; default dark slate #1F2937. */
        public Builder titleColor(Color color) {
            this.titleColor = Objects.requireNonNull(color, "titleColor");
            return this;
        }

        /** The body text's colour; default slate #374151. */
        public Builder textColor(Color color) {
            this.textColor = Objects.requireNonNull(color, "textColor");
            return this;
        }

        /** The accent: the rule under titles and the bullets; default blue #4E79A7. */
        public Builder accent(Color color) {
            this.accent = Objects.requireNonNull(color, "accent");
            return this;
        }

        /** The titles' font family; default Arial. */
        public Builder titleFont(String family) {
            this.titleFont = Objects.requireNonNull(family, "titleFont");
            return this;
        }

        /** The body text's font family; default Arial. */
        public Builder bodyFont(String family) {
            this.bodyFont = Objects.requireNonNull(family, "bodyFont");
            return this;
        }

        /**
         * @throws MediaException naming the option that is out of range
         */
        public Slides build() {
            if (width < 144 || height < 144 || width > 4032 || height > 4032) {
                throw MediaException.invalid("the page size " + width + "x" + height + " points is out of range;"
                        + " each side must be from 144 (2 inches) to 4032 (56 inches, PowerPoint's largest)");
            }
            if (titleFont.isBlank() || bodyFont.isBlank()) {
                throw MediaException.invalid("the theme's " + (titleFont.isBlank() ? "titleFont" : "bodyFont")
                        + " is blank; name a font family such as Arial");
            }
            return new Slides(new SlideTheme(width, height, background, titleColor, textColor, accent,
                    titleFont.strip(), bodyFont.strip()));
        }
    }
}
