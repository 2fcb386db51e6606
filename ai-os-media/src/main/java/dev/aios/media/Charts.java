package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.ChartDrawing;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;

/**
 * Draws a {@link ChartSpec} with XChart, in one clean look: white ground, one colour palette
 * (Tableau 10, distinct in print and on screen), light grid lines, and font sizes that follow the
 * chart's size so the text stays readable from a thumbnail to a slide.
 */
public final class Charts {

    private Charts() {}

    /**
     * @return the chart drawn into an image of {@code width} x {@code height} pixels
     * @throws MediaException when a size is too small to draw a chart in
     */
    public static BufferedImage image(ChartSpec spec, int width, int height) {
        return BitmapEncoder.getBufferedImage(ChartDrawing.build(spec, width, height));
    }

    /**
     * Writes the chart as a PNG of {@code width} x {@code height} pixels.
     *
     * @return {@code file}, absolute
     * @throws MediaException when a size is too small or the file cannot be written
     */
    public static Path png(ChartSpec spec, Path file, int width, int height) {
        BufferedImage image = image(spec, width, height);
        return AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    /**
     * Writes the chart as SVG, {@code width} x {@code height} user units (pixels at 100%), with
     * its text as text.
     *
     * @return {@code file}, absolute
     * @throws MediaException when a size is too small or the file cannot be written
     */
    public static Path svg(ChartSpec spec, Path file, int width, int height) {
        var chart = ChartDrawing.build(spec, width, height);
        return AtomicFiles.write(file, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsFormat.SVG));
    }
}
