package dev.aios.toolpacks;

import static dev.aios.toolpacks.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolResult;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePackTest {
    @TempDir
    Path root;
    @TempDir
    Path camera;
    private ToolPack images;

    @BeforeEach
    void pictures() throws Exception {
        BufferedImage img = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 400; x++) {
            for (int y = 0; y < 200; y++) {
                img.setRGB(x, y, x < 200 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        ImageIO.write(img, "png", root.resolve("wide.png").toFile());
        ImageIO.write(img, "jpeg", camera.resolve("plain.jpg").toFile());
        TiffOutputSet exif = new TiffOutputSet();
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MAKE, "Canon");
        exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_MODEL, "EOS 5D");
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, "2024:05:06 07:08:09");
        exif.setGpsInDegrees(2.2945, 48.8584);
        try (OutputStream out = Files.newOutputStream(camera.resolve("photo.jpg"))) {
            new ExifRewriter().updateExifMetadataLossless(camera.resolve("plain.jpg").toFile(), out, exif);
        }
        images = ImagePack.builder().root(root).readOnlyRoot(camera).build();
    }

    private static BufferedImage read(Path p) throws IOException {
        return ImageIO.read(p.toFile());
    }

    @Test
    void resizeKeepsAspect() throws IOException {
        ToolResult r = call(images, "image.resize", Map.of("path", "wide.png", "width", 100));
        assertThat(r.error()).as(r.text()).isFalse();
        BufferedImage out = read(root.resolve("wide-100x.png"));
        assertThat(out.getWidth()).isEqualTo(100);
        assertThat(out.getHeight()).isEqualTo(50);
        call(images, "image.resize", Map.of("path", "wide.png", "width", 50, "height", 50, "keepAspect", false,
                "output", "square.png"));
        assertThat(read(root.resolve("square.png")).getHeight()).isEqualTo(50);
    }

    @Test
    void existingOutputIsReplacedOnlyWithOverwrite() throws IOException {
        Files.writeString(root.resolve("report.docx"), "the quarterly report");
        for (Map<String, Object> args : java.util.List.<Map<String, Object>>of(
                Map.of("path", "wide.png", "width", 10, "output", "report.docx"),
                Map.of("path", "wide.png", "format", "png", "output", "report.docx"),
                Map.of("path", "wide.png", "size", 16, "output", "report.docx"),
                Map.of("path", "wide.png", "operation", "180", "output", "report.docx"))) {
            String tool = args.containsKey("width") ? "image.resize" : args.containsKey("format") ? "image.convert"
                    : args.containsKey("size") ? "image.thumbnail" : "image.rotate";
            ToolResult r = call(images, tool, args);
            assertThat(r.error()).as(tool + ": " + r.text()).isTrue();
            assertThat(r.text()).contains("already exists").contains("overwrite: true");
            assertThat(Files.readString(root.resolve("report.docx"))).isEqualTo("the quarterly report");
        }
        Files.writeString(root.resolve("old.png"), "stale");
        ToolResult r = call(images, "image.thumbnail", Map.of("path", "wide.png", "size", 16, "output", "old.png",
                "overwrite", true));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(read(root.resolve("old.png")).getWidth()).isEqualTo(16);
        ToolResult self = call(images, "image.rotate", Map.of("path", "wide.png", "operation", "90",
                "output", "wide.png", "overwrite", true));
        assertThat(self.error()).isTrue();
        assertThat(self.text()).contains("not over the picture read");
        assertThat(read(root.resolve("wide.png")).getWidth()).isEqualTo(400);
    }

    @Test
    void convertThumbnailRotate() throws IOException {
        assertThat(call(images, "image.convert", Map.of("path", "wide.png", "format", "jpeg")).error()).isFalse();
        assertThat(read(root.resolve("wide.jpg")).getWidth()).isEqualTo(400);
        assertThat(Files.readAllBytes(root.resolve("wide.jpg"))[0]).isEqualTo((byte) 0xFF);
        assertThat(call(images, "image.convert", Map.of("path", "wide.png", "format", "gif")).error()).isFalse();
        assertThat(read(root.resolve("wide.gif")).getHeight()).isEqualTo(200);
        call(images, "image.thumbnail", Map.of("path", "wide.png", "size", 64));
        BufferedImage thumb = read(root.resolve("wide-thumb.png"));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(64);
        call(images, "image.rotate", Map.of("path", "wide.png", "operation", "90"));
        BufferedImage turned = read(root.resolve("wide-rotated.png"));
        assertThat(turned.getWidth()).isEqualTo(200);
        assertThat(turned.getHeight()).isEqualTo(400);
        // clockwise: the red left half is now on top
        assertThat(new Color(turned.getRGB(100, 10))).isEqualTo(Color.RED);
        assertThat(new Color(turned.getRGB(100, 390))).isEqualTo(Color.BLUE);
        call(images, "image.rotate", Map.of("path", "wide.png", "operation", "flip_horizontal"));
        assertThat(new Color(read(root.resolve("wide-flipped.png")).getRGB(10, 10))).isEqualTo(Color.BLUE);
    }

    @Test
    void metadataReadsExifUntrusted() {
        ToolResult r = call(images, "image.metadata", Map.of("path", camera.resolve("photo.jpg").toString()));
        assertThat(r.error()).as(r.text()).isFalse();
        assertThat(r.text()).contains("\"cameraMake\":\"Canon\"").contains("\"cameraModel\":\"EOS 5D\"")
                .contains("\"dateTaken\":\"2024:05:06 07:08:09\"").contains("\"latitude\":48.858")
                .contains("\"width\":400");
        assertThat(r.provenance().isTrusted()).isFalse();
    }

    @Test
    void confinement() {
        String photo = camera.resolve("photo.jpg").toString();
        assertThat(call(images, "image.thumbnail", Map.of("path", photo)).text()).contains("read-only");
        assertThat(call(images, "image.resize", Map.of("path", "../x.png", "width", 10)).text()).contains("outside");
        assertThat(call(images, "image.rotate", Map.of("path", "wide.png", "operation", "90", "output", "wide.png"))
                .text()).contains("new file");
        assertThat(call(ImagePack.builder().build(), "image.metadata", Map.of("path", "a.png")).text())
                .contains("no folders are configured");
        assertThat(call(ImagePack.builder().root(root).maxPixels(1000).build(), "image.thumbnail",
                Map.of("path", "wide.png")).text()).contains("over the limit of 1000");
    }
}
