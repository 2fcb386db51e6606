package dev.aios.toolpacks;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.ImageFiles;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Picture tools within the folders the host allows: resize, convert between PNG, JPEG, BMP and
 * GIF, thumbnails, rotation and flips (Thumbnailator and ImageIO), and metadata such as EXIF
 * camera, date taken and GPS position (metadata-extractor; labelled untrusted, since whoever made
 * the file wrote it). Every change writes a new file, never the picture it read, so calling a tool
 * twice leaves the same result as once. With no folder configured every path is refused.
 * {@snippet :
 * ToolPack images = ImagePack.builder()
 *         .root(Path.of("photos/edited"))          // read and write
 *         .readOnlyRoot(Path.of("photos/camera"))  // read only
 *         .build();
 * }
 */
public final class ImagePack {
    private static final ToolRisk WRITE_NEW = new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, true);
    private static final int MAX_TAGS = 300;

    private ImagePack() {}

    /** @return a builder; no folders by default, at most 50 million pixels per picture */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures an image pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("image tools");
        private long maxPixels = 50_000_000;

        private Builder() {}

        /** Adds a folder the tools may read and write in (created when missing); paths are relative to the first. */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"), true);
            return this;
        }

        /** Adds a folder the tools may read only. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "readOnlyRoot"), false);
            return this;
        }

        /** Sets the largest picture decoded, in pixels (default 50 million), against decompression bombs. */
        public Builder maxPixels(long pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("maxPixels must be >= 1, was " + pixels);
            }
            this.maxPixels = pixels;
            return this;
        }

        /** @return the pack {@code image} */
        public ToolPack build() {
            return new Tools(roots.build(), maxPixels).pack();
        }
    }

    private record Tools(Roots roots, long maxPixels) {
        ToolPack pack() {
            return Pack.named("image").examples(ImagePack.class)
                    .tool("image.resize", "Resize (scale) a picture or photo to a width and/or height, keeping its"
                            + " proportions unless told not to, into a new file. To crop it or add a caption, use"
                            + " media.image_edit.",
                            Schema.object().string("path", "the picture").integer("width", "the width in pixels")
                                    .integer("height", "the height in pixels")
                                    .bool("keepAspect", "keep proportions, fitting within width and height (default true)")
                                    .string("output", "the new file (default: name-WxH next to the picture)")
                                    .bool("overwrite", "replace the output file if it already exists (default false)")
                                    .required("path").json(), WRITE_NEW, Pack.Output.OUTSIDE, this::resize)
                    .tool("image.convert", "Convert a picture or photo to another image format, PNG, JPEG (JPG),"
                            + " BMP or GIF, saved as a new file.",
                            Schema.object().string("path", "the picture").choice("format", "the format wanted",
                                            List.of("png", "jpeg", "bmp", "gif"))
                                    .string("output", "the new file (default: same name with the new extension)")
                                    .bool("overwrite", "replace the output file if it already exists (default false)")
                                    .required("path", "format").json(), WRITE_NEW, Pack.Output.OUTSIDE, this::convert)
                    .tool("image.thumbnail", "Make a small preview (thumbnail) of a picture, fitting within a"
                            + " square of a given size, saved as a new file.",
                            Schema.object().string("path", "the picture").integer("size", "the longest side in pixels"
                                    + " (default 256)").string("output", "the new file (default: name-thumb)")
                                    .bool("overwrite", "replace the output file if it already exists (default false)")
                                    .required("path").json(), WRITE_NEW, Pack.Output.OUTSIDE, this::thumbnail)
                    .tool("image.metadata", "Read a photo's details and EXIF metadata: dimensions, format, camera,"
                            + " date taken, GPS location and other tags.",
                            Schema.object().string("path", "the picture").required("path").json(),
                            ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, this::metadata)
                    .tool("image.rotate", "Rotate a picture or photo clockwise by 90, 180 or 270 degrees, or flip"
                            + " (mirror) it horizontally or vertically, into a new file.",
                            Schema.object().string("path", "the picture").choice("operation", "what to do",
                                            List.of("90", "180", "270", "flip_horizontal", "flip_vertical"))
                                    .string("output", "the new file (default: name-rotated)")
                                    .bool("overwrite", "replace the output file if it already exists (default false)")
                                    .required("path", "operation").json(), WRITE_NEW, Pack.Output.OUTSIDE, this::rotate)
                    .build();
        }

        private Path source(Map<String, Object> args) throws IOException {
            Path file = roots.resolve(Args.string(args, "path"), Roots.Access.READ);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("argument 'path': no file at " + roots.display(file));
            }
            int[] size = ImageFiles.size(file); // a bomb is refused before any library decodes it
            if ((long) size[0] * size[1] > maxPixels) {
                throw new IllegalArgumentException("argument 'path': " + roots.display(file) + " is " + size[0] + "x"
                        + size[1] + " pixels, over the limit of " + maxPixels);
            }
            return file;
        }

        private Path target(Map<String, Object> args, Path source, String suffix, String extension) {
            String given = Args.string(args, "output", null);
            String name = source.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String base = dot > 0 ? name.substring(0, dot) : name;
            String ext = extension != null ? extension : dot > 0 ? name.substring(dot + 1) : "png";
            Path target = roots.resolve(given != null ? given
                    : roots.display(source.resolveSibling(base + suffix + "." + ext)), Roots.Access.WRITE);
            if (target.equals(source)) {
                throw new IllegalArgumentException("argument 'output': write to a new file, not over the picture read");
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("argument 'output': '" + roots.display(target) + "' is a folder");
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Args.bool(args, "overwrite", false)) {
                throw new IllegalArgumentException("argument 'output': '" + roots.display(target) + "' already exists;"
                        + " pass overwrite: true to replace it");
            }
            return target;
        }

        private ToolResult done(Path source, Path target) throws IOException {
            int[] size = ImageFiles.size(target);
            return ToolResult.success(Json.text(Map.of("from", roots.display(source), "path", roots.display(target),
                    "width", size[0], "height", size[1], "bytes", Files.size(target))));
        }

        private ToolResult resize(Map<String, Object> args) throws IOException {
            Path source = source(args);
            long w = Args.integer(args, "width", 0);
            long h = Args.integer(args, "height", 0);
            if (w < 0 || h < 0 || w > 20_000 || h > 20_000 || (w == 0 && h == 0)) {
                throw new IllegalArgumentException("give 'width' and/or 'height', each 1..20000 pixels");
            }
            boolean keep = Args.bool(args, "keepAspect", true);
            if (!keep && (w == 0 || h == 0)) {
                throw new IllegalArgumentException("keepAspect false needs both 'width' and 'height'");
            }
            Path target = target(args, source, "-" + (w == 0 ? "" : w) + "x" + (h == 0 ? "" : h), null);
            Files.createDirectories(target.getParent());
            Thumbnails.Builder<java.io.File> b = Thumbnails.of(source.toFile());
            if (!keep) {
                b.forceSize((int) w, (int) h);
            } else if (w == 0) {
                b.height((int) h);
            } else if (h == 0) {
                b.width((int) w);
            } else {
                b.size((int) w, (int) h);
            }
            b.outputFormat(ImageFiles.format(target.getFileName().toString())).toFile(target.toFile());
            return done(source, target);
        }

        private ToolResult convert(Map<String, Object> args) throws IOException {
            Path source = source(args);
            String format = ImageFiles.format(Args.string(args, "format"));
            Path target = target(args, source, "", format.equals("jpeg") ? "jpg" : format);
            ImageFiles.write(ImageFiles.read(source, maxPixels), format, target);
            return done(source, target);
        }

        private ToolResult thumbnail(Map<String, Object> args) throws IOException {
            Path source = source(args);
            long size = Args.integer(args, "size", 256);
            if (size < 8 || size > 2048) {
                throw new IllegalArgumentException("argument 'size' must be within 8..2048 pixels");
            }
            Path target = target(args, source, "-thumb", null);
            Files.createDirectories(target.getParent());
            Thumbnails.of(source.toFile()).size((int) size, (int) size)
                    .outputFormat(ImageFiles.format(target.getFileName().toString())).toFile(target.toFile());
            return done(source, target);
        }

        private ToolResult rotate(Map<String, Object> args) throws IOException {
            Path source = source(args);
            String operation = Args.string(args, "operation");
            Path target = target(args, source, "-" + (operation.startsWith("flip") ? "flipped" : "rotated"), null);
            BufferedImage turned = ImageFiles.turn(ImageFiles.read(source, maxPixels), operation);
            ImageFiles.write(turned, ImageFiles.format(target.getFileName().toString()), target);
            return done(source, target);
        }

        private ToolResult metadata(Map<String, Object> args) throws IOException {
            Path file = roots.resolve(Args.string(args, "path"), Roots.Access.READ);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("argument 'path': no file at " + roots.display(file));
            }
            Metadata metadata;
            try {
                metadata = ImageMetadataReader.readMetadata(file.toFile());
            } catch (ImageProcessingException e) {
                throw new IllegalArgumentException("argument 'path': " + roots.display(file)
                        + " is not a picture whose metadata can be read (" + e.getMessage() + ")");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("path", roots.display(file));
            out.put("bytes", Files.size(file));
            try {
                int[] size = ImageFiles.size(file);
                out.put("width", size[0]);
                out.put("height", size[1]);
            } catch (IllegalArgumentException e) {
                // a format ImageIO does not decode (HEIC...): the tags below may still give the size
            }
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 != null) {
                put(out, "cameraMake", ifd0.getString(ExifIFD0Directory.TAG_MAKE));
                put(out, "cameraModel", ifd0.getString(ExifIFD0Directory.TAG_MODEL));
                put(out, "orientation", ifd0.getDescription(ExifIFD0Directory.TAG_ORIENTATION));
            }
            ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            if (exif != null) {
                put(out, "dateTaken", exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
            }
            GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
            GeoLocation where = gps == null ? null : gps.getGeoLocation();
            if (where != null && !where.isZero()) {
                out.put("gps", Map.of("latitude", where.getLatitude(), "longitude", where.getLongitude()));
            }
            List<String> tags = new ArrayList<>();
            int total = 0;
            for (Directory d : metadata.getDirectories()) {
                for (Tag t : d.getTags()) {
                    total++;
                    if (tags.size() < MAX_TAGS) {
                        String v = String.valueOf(t.getDescription());
                        tags.add(d.getName() + " / " + t.getTagName() + ": " + (v.length() > 200 ? v.substring(0, 200)
                                + "..." : v));
                    }
                }
            }
            out.put("tags", tags);
            if (total > MAX_TAGS) {
                out.put("note", "showed " + MAX_TAGS + " of " + total + " tags");
            }
            return ToolResult.success(Json.text(out));
        }

        private static void put(Map<String, Object> out, String key, String value) {
            if (value != null && !value.isBlank()) {
                out.put(key, value.strip());
            }
        }
    }
}
