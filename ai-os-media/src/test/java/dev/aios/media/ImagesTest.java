package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    @TempDir
    Path dir;

    static BufferedImage picture(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f77b4), w, h, new Color(0xff7f0e)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    @Test
    void resizeGivesExactlyTheSizeAskedFor() {
        BufferedImage big = picture(1600, 900);
        assertThat(Images.resize(big, 160, 200)).extracting(BufferedImage::getWidth, BufferedImage::getHeight)
                .containsExactly(160, 200);
        assertThat(Images.resize(picture(10, 10), 300, 50).getWidth()).isEqualTo(300);
    }

    @Test
    void fitKeepsTheAspectRatio() {
        BufferedImage fitted = Images.fit(picture(1600, 900), 400, 400);
        assertThat(fitted.getWidth()).isEqualTo(400);
        assertThat(fitted.getHeight()).isEqualTo(225);
        BufferedImage tall = Images.fit(picture(100, 400), 300, 200);
        assertThat(tall.getWidth()).isEqualTo(50);
        assertThat(tall.getHeight()).isEqualTo(200);
    }

    @Test
    void coverFillsTheSizeWithoutStretching() {
        BufferedImage covered = Images.cover(picture(1600, 900), 300, 300);
        assertThat(covered.getWidth()).isEqualTo(300);
        assertThat(covered.getHeight()).isEqualTo(300);
    }

    @Test
    void cropCopiesTheRectangle() {
        BufferedImage image = picture(200, 100);
        BufferedImage cropped = Images.crop(image, 50, 20, 30, 40);
        assertThat(cropped.getWidth()).isEqualTo(30);
        assertThat(cropped.getHeight()).isEqualTo(40);
        assertThat(cropped.getRGB(0, 0)).isEqualTo(image.getRGB(50, 20));
    }

    @Test
    void aCropOutsideTheImageIsRefusedWithItsBounds() {
        assertThatThrownBy(() -> Images.crop(picture(200, 100), 150, 0, 100, 50))
                .isInstanceOf(MediaException.class).hasMessageContaining("100x50 at (150, 0)")
                .hasMessageContaining("200x100");
        assertThatThrownBy(() -> Images.crop(picture(200, 100), -1, 0, 10, 10)).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> Images.crop(picture(200, 100), 0, 0, 0, 10))
                .isInstanceOf(MediaException.class).hasMessageContaining("at least 1 pixel");
    }

    @Test
    void overlayTextDrawsInItsPlacementOnly() {
        BufferedImage image = picture(640, 360);
        BufferedImage captioned = Images.overlayText(image, "A caption long enough that it has to wrap onto a"
                + " second line across this picture, because it says a lot", TextPlacement.BOTTOM);
        assertThat(captioned).isNotSameAs(image);
        assertThat(Pixels.changed(image, captioned, 0, 260, 640, 100)).isGreaterThan(640 * 50L);
        assertThat(Pixels.changed(image, captioned, 0, 0, 640, 100)).isZero();

        BufferedImage headline = Images.overlayText(image, "Headline", TextPlacement.TOP);
        assertThat(Pixels.changed(image, headline, 0, 0, 640, 30)).isGreaterThan(640 * 20L);
        assertThat(Pixels.changed(image, headline, 0, 260, 640, 100)).isZero();
    }

    @Test
    void blankOverlayTextIsRefused() {
        assertThatThrownBy(() -> Images.overlayText(picture(10, 10), "  ", TextPlacement.CENTER))
                .isInstanceOf(MediaException.class).hasMessageContaining("blank");
    }

    @Test
    void collageLaysImagesOutInAGrid() {
        BufferedImage collage = Images.collage(List.of(picture(400, 300), picture(300, 400), picture(100, 100)),
                2, 200, 150, 10);
        assertThat(collage.getWidth()).isEqualTo(2 * 200 + 3 * 10);
        assertThat(collage.getHeight()).isEqualTo(2 * 150 + 3 * 10);
        assertThat(Pixels.drawnShare(collage)).isGreaterThan(0.3);
    }

    @Test
    void collageRefusesBadInput() {
        assertThatThrownBy(() -> Images.collage(List.of(), 2, 100, 100, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Images.collage(List.of(picture(5, 5)), 0, 100, 100, 0))
                .isInstanceOf(MediaException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> Images.collage(List.of(picture(5, 5)), 1, 100, 100, -3))
                .isInstanceOf(MediaException.class).hasMessageContaining("gap");
    }

    @Test
    void writesAndReadsPngAndJpeg() throws Exception {
        BufferedImage image = picture(120, 80);
        Path png = Images.write(image, dir.resolve("out/nested/a.png"));
        Path jpg = Images.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_ARGB), dir.resolve("b.jpg"));
        assertThat(Images.read(png).getWidth()).isEqualTo(120);
        assertThat(Images.read(jpg).getHeight()).isEqualTo(80);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
    }

    @Test
    void readAndWriteRefuseWhatTheyCannotDo() throws Exception {
        assertThatThrownBy(() -> Images.write(picture(5, 5), dir.resolve("a.gif")))
                .isInstanceOf(MediaException.class).hasMessageContaining("a.gif").hasMessageContaining(".png");
        assertThatThrownBy(() -> Images.read(dir.resolve("missing.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("missing.png");
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> Images.read(text))
                .isInstanceOf(MediaException.class).hasMessageContaining("not an image");
    }
}
