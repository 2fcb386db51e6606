package dev.aios.media.internal;

import dev.aios.media.MediaException;
import dev.aios.media.MediaProgress;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Draws slides to PNG files through POI's Java2D renderer; see {@link dev.aios.media.Slides#renderPngs}. */
public final class SlidePainter {
    private static final Logger log = LoggerFactory.getLogger(SlidePainter.class);
    private static final int MAX_WIDTH = 7680;

    private SlidePainter() {}

    /**
     * Checks a rendering width before any work is done.
     *
     * @throws MediaException when the width is out of range
     */
    public static void requireWidth(int widthPx) {
        if (widthPx < 16 || widthPx > MAX_WIDTH) {
            throw MediaException.invalid("cannot render slides " + widthPx + " pixels wide; give 16 to " + MAX_WIDTH);
        }
    }

    /** Opens {@code pptx} and renders each of its slides. */
    public static List<Path> render(Path pptx, Path dir, int widthPx, MediaProgress progress) {
        requireWidth(widthPx);
        if (!Files.isRegularFile(pptx)) {
            throw MediaException.invalid("the slide deck " + pptx + " does not exist or is not a file");
        }
        XMLSlideShow show;
        try (InputStream in = Files.newInputStream(pptx)) {
            show = new XMLSlideShow(in);
        } catch (IOException | RuntimeException e) {
            // POI says "not an OOXML file" in several exception types; to the caller it is one problem
            throw MediaException.invalid("the file " + pptx + " is not a PowerPoint (PPTX) file that can be read: "
                    + e.getMessage());
        }
        try (show) {
            return render(show, dir, widthPx, progress);
        } catch (IOException e) {
            throw MediaException.failed("could not close " + pptx + ": " + e.getMessage(), e);
        }
    }

    /** Renders each slide of {@code show} to {@code dir/slide-NNN.png}. */
    public static List<Path> render(XMLSlideShow show, Path dir, int widthPx, MediaProgress progress) {
        requireWidth(widthPx);
        List<XSLFSlide> slides = show.getSlides();
        if (slides.isEmpty()) {
            throw MediaException.invalid("the slide deck has no slides to render");
        }
        SlideFonts.useInstalledFonts(show);
        Dimension page = show.getPageSize();
        double scale = (double) widthPx / page.getWidth();
        int heightPx = Math.max(1, (int) Math.round(page.getHeight() * scale));
        List<Path> out = new ArrayList<>(slides.size());
        for (int i = 0; i < slides.size(); i++) {
            BufferedImage image = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                SlideFonts.prepare(g);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, widthPx, heightPx);
                g.scale(scale, scale);
                slides.get(i).draw(g);
            } catch (RuntimeException e) {
                throw MediaException.failed("could not draw slide " + (i + 1) + ": " + e.getMessage(), e);
            } finally {
                g.dispose();
            }
            Path file = dir.resolve("slide-%03d.png".formatted(i + 1));
            out.add(AtomicFiles.write(file, stream -> ImageIO.write(image, "png", stream)));
            log.debug("rendered slide {} of {} to {}", i + 1, slides.size(), file);
            progress.update("rendering slides", i + 1, slides.size());
        }
        return List.copyOf(out);
    }
}
