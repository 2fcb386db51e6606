package dev.aios.media;

import dev.aios.media.internal.AtomicFiles;
import dev.aios.media.internal.TextOverlay;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Reads, writes and composes raster images with Java2D: quality resizing, fitting, cropping,
 * legible text on a picture and collages. Every method returns a new image and leaves its input
 * as it was.
 */
public final class Images {

    private Images() {}

    /**
     * Reads an image in any format ImageIO knows (PNG, JPEG, GIF, BMP, WBMP).
     *
     * @throws MediaException when the file is missing or not an image
     */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MediaException.invalid("the image " + file + " does not exist or is not a file");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw MediaException.failed("could not read the image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw MediaException.invalid("the file " + file + " is not an image in a format Java reads"
                    + " (PNG, JPEG, GIF or BMP)");
        }
        return image;
    }

    /**
     * Writes {@code image} as PNG ({@code .png}) or JPEG ({@code .jpg}, {@code .jpeg}), chosen by
     * the file's extension; parent directories are created and the file appears whole or not at all.
     *
     * @return {@code file}, absolute
     * @throws MediaException for another extension or when the file cannot be written
     */
    public static Path write(BufferedImage image, Path file) {
        String extension = AtomicFiles.extension(file);
        String format = switch (extension) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpg";
            default -> throw MediaException.invalid("cannot write an image as '" + file.getFileName()
                    + "': name it .png or .jpg");
        };
        // JPEG has no alpha channel: ImageIO writes nothing for an ARGB image, so flatten on white
        BufferedImage out = format.equals("jpg") ? opaque(image) : image;
        return AtomicFiles.write(file, stream -> {
            if (!ImageIO.write(out, format, stream)) {
                throw new IOException("no " + format + " writer accepts this image");
            }
        });
    }

    /**
     * Scales {@code image} to exactly {@code width} x {@code height}, in halving steps when
     * shrinking a lot so that detail is averaged, not dropped.
     *
     * @throws MediaException when a size is not positive
     */
    public static BufferedImage resize(BufferedImage image, int width, int height) {
        requireSize("resize to", width, height);
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        // one bilinear step skips source pixels when shrinking by more than half; halving first keeps them
        while (w / 2 >= width || h / 2 >= height) {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            current = draw(current, w, h);
        }
        return draw(current, width, height);
    }

    /**
     * Scales {@code image} to the largest size within {@code maxWidth} x {@code maxHeight} that
     * keeps its aspect ratio (it may grow).
     *
     * @throws MediaException when a size is not positive
     */
    public static BufferedImage fit(BufferedImage image, int maxWidth, int maxHeight) {
        requireSize("fit into", maxWidth, maxHeight);
        double scale = Math.min((double) maxWidth / image.getWidth(), (double) maxHeight / image.getHeight());
        int w = Math.clamp(Math.round(image.getWidth() * scale), 1, maxWidth);
        int h = Math.clamp(Math.round(image.getHeight() * scale), 1, maxHeight);
        return resize(image, w, h);
    }

    /**
     * Scales {@code image} to cover {@code width} x {@code height} keeping its aspect ratio and crops
     * the overflow equally from both sides: the result has exactly that size and nothing stretched.
     *
     * @throws MediaException when a size is not positive
     */
    public static BufferedImage cover(BufferedImage image, int width, int height) {
        requireSize("cover", width, height);
        double scale = Math.max((double) width / image.getWidth(), (double) height / image.getHeight());
        int w = Math.max(width, (int) Math.ceil(image.getWidth() * scale));
        int h = Math.max(height, (int) Math.ceil(image.getHeight() * scale));
        BufferedImage scaled = resize(image, w, h);
        return crop(scaled, (w - width) / 2, (h - height) / 2, width, height);
    }

    /**
     * Copies the rectangle at ({@code x}, {@code y}) of size {@code w} x {@code h}.
     *
     * @throws MediaException when the rectangle is empty or reaches outside the image
     */
    public static BufferedImage crop(BufferedImage image, int x, int y, int w, int h) {
        requireSize("crop to", w, h);
        if (x < 0 || y < 0 || (long) x + w > image.getWidth() || (long) y + h > image.getHeight()) {
            throw MediaException.invalid("the crop " + w + "x" + h + " at (" + x + ", " + y
                    + ") reaches outside the " + image.getWidth() + "x" + image.getHeight() + " image");
        }
        BufferedImage out = new BufferedImage(w, h, typeOf(image));
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Draws {@code text} over {@code image} in white on a translucent dark band, so it stays legible
     * on any picture; long text wraps to the image's width, and the font size follows the image's
     * height.
     *
     * @throws MediaException when the text is blank
     */
    public static BufferedImage overlayText(BufferedImage image, String text, TextPlacement placement) {
        if (text.isBlank()) {
            throw MediaException.invalid("the text to put on the image is blank");
        }
        BufferedImage out = copy(image);
        Graphics2D g = out.createGraphics();
        try {
            TextOverlay.draw(g, out.getWidth(), out.getHeight(), text.strip(), placement);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Lays {@code images} out in a grid on white, row by row: each fitted and centred in a
     * {@code cellWidth} x {@code cellHeight} cell, with {@code gap} pixels between cells and around
     * the edge. The grid has {@code min(columns, images.size())} columns.
     *
     * @throws MediaException when there are no images or a size is out of range
     */
    public static BufferedImage collage(List<BufferedImage> images, int columns, int cellWidth, int cellHeight,
            int gap) {
        if (images.isEmpty()) {
            throw MediaException.invalid("a collage needs at least one image; the list is empty");
        }
        if (columns < 1) {
            throw MediaException.invalid("a collage needs at least one column, not " + columns);
        }
        if (gap < 0) {
            throw MediaException.invalid("the gap between collage cells cannot be negative: " + gap);
        }
        requireSize("make collage cells of", cellWidth, cellHeight);
        int cols = Math.min(columns, images.size());
        int rows = (images.size() + cols - 1) / cols;
        long width = (long) cols * cellWidth + (long) (cols + 1) * gap;
        long height = (long) rows * cellHeight + (long) (rows + 1) * gap;
        if (width * height > 400_000_000L) {
            throw MediaException.invalid("a " + width + "x" + height + " collage is too large; use smaller cells");
        }
        BufferedImage out = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            for (int i = 0; i < images.size(); i++) {
                BufferedImage cell = fit(images.get(i), cellWidth, cellHeight);
                int x = gap + (i % cols) * (cellWidth + gap) + (cellWidth - cell.getWidth()) / 2;
                int y = gap + (i / cols) * (cellHeight + gap) + (cellHeight - cell.getHeight()) / 2;
                g.drawImage(cell, x, y, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, typeOf(source));
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage image) {
        return draw(image, image.getWidth(), image.getHeight());
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    // indexed and custom types cannot be drawn into well; keep alpha when the source has it
    private static int typeOf(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    private static void requireSize(String action, int width, int height) {
        if (width < 1 || height < 1) {
            throw MediaException.invalid("cannot " + action + " " + width + "x" + height
                    + ": width and height must be at least 1 pixel");
        }
        if ((long) width * height > 400_000_000L) {
            throw MediaException.invalid("cannot " + action + " " + width + "x" + height + ": too many pixels");
        }
    }
}
