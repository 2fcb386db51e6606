package dev.aios.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Test helper: how much of an image is drawn, measured against its most common (background) colour. */
final class Pixels {

    private Pixels() {}

    /** The share (0..1) of pixels whose colour differs from the most common one. */
    static double drawnShare(BufferedImage image) {
        return drawnShare(image, 0, 0, image.getWidth(), image.getHeight());
    }

    /** As {@link #drawnShare(BufferedImage)}, within a rectangle. */
    static double drawnShare(BufferedImage image, int x0, int y0, int w, int h) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                counts.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int background = counts.values().stream().max(Integer::compare).orElse(0);
        return 1.0 - (double) background / ((long) w * h);
    }

    /** The number of pixels that differ between two images of the same size, within a rectangle. */
    static long changed(BufferedImage a, BufferedImage b, int x0, int y0, int w, int h) {
        long n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new AssertionError(file + " is not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
