package dev.aios.toolpacks.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reading and writing pictures for the image tools with ImageIO: a size check before decoding
 * (so a small file that claims a huge picture is refused), formats by name, and the Java2D
 * rotations and flips.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** @return the format for {@code name} ({@code png}, {@code jpeg}, {@code bmp}, {@code gif}), from a name or file extension */
    public static String format(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot >= 0 ? n.substring(dot + 1) : n;
        return switch (ext) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpeg";
            case "bmp" -> "bmp";
            case "gif" -> "gif";
            default -> throw new IllegalArgumentException("'" + name + "' is not a format the image tools write;"
                    + " use png, jpeg, bmp or gif");
        };
    }

    /** @return the picture's width and height, read from its header without decoding it */
    public static int[] size(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException(file.getFileName() + " is not a picture ImageIO can read"
                        + " (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    /** @return the decoded picture, after checking it has at most {@code maxPixels} */
    public static BufferedImage read(Path file, long maxPixels) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no picture at " + file.getFileName());
        }
        int[] size = size(file);
        if ((long) size[0] * size[1] > maxPixels) {
            throw new IllegalArgumentException(file.getFileName() + " is " + size[0] + "x" + size[1]
                    + " pixels, over the limit of " + maxPixels);
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IllegalArgumentException(file.getFileName() + " could not be decoded as a picture");
        }
        return image;
    }

    /** Writes {@code image} as {@code format}; formats without transparency get a white background. */
    public static void write(BufferedImage image, String format, Path target) throws IOException {
        BufferedImage out = image;
        if ((format.equals("jpeg") || format.equals("bmp")) && image.getType() != BufferedImage.TYPE_INT_RGB) {
            out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
            g.dispose();
        }
        Files.createDirectories(target.getParent());
        if (!ImageIO.write(out, format, target.toFile())) {
            throw new IllegalArgumentException("no ImageIO writer for " + format);
        }
    }

    /** @return {@code image} turned by {@code operation}: 90, 180, 270 (clockwise), flip_horizontal, flip_vertical */
    public static BufferedImage turn(BufferedImage image, String operation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        int outW = w;
        int outH = h;
        switch (operation) {
            case "90" -> {
                outW = h;
                outH = w;
                t.translate(h, 0);
                t.quadrantRotate(1);
            }
            case "180" -> {
                t.translate(w, h);
                t.quadrantRotate(2);
            }
            case "270" -> {
                outW = h;
                outH = w;
                t.translate(0, w);
                t.quadrantRotate(3);
            }
            case "flip_horizontal" -> {
                t.translate(w, 0);
                t.scale(-1, 1);
            }
            case "flip_vertical" -> {
                t.translate(0, h);
                t.scale(1, -1);
            }
            default -> throw new IllegalArgumentException("argument 'operation': '" + operation + "' is not one of 90,"
                    + " 180, 270, flip_horizontal, flip_vertical");
        }
        int type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType();
        BufferedImage out = new BufferedImage(outW, outH, type);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }
}
