package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void aBlankImageHasNothingDrawn() {
        BufferedImage blank = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        assertThat(Pixels.drawnShare(blank)).isLessThan(0.01);
    }

    @Test
    void aDrawnImageCountsItsDrawnShare() {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 10, 20);
        g.dispose();
        assertThat(Pixels.drawnShare(image)).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
    }
}
