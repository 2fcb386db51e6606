package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.ChartSpec.Kind;
import dev.aios.media.ChartSpec.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartsTest {

    @TempDir
    Path dir;

    static final ChartSpec BAR = new ChartSpec(Kind.BAR, "Revenue by quarter", "Quarter", "EUR million", List.of(
            Series.categorical("2025", List.of("Q1", "Q2", "Q3", "Q4"), List.of(4.2, 5.1, 4.8, 6.3)),
            Series.categorical("2026", List.of("Q1", "Q2", "Q3", "Q4"), List.of(5.0, 5.9, 6.1, 7.4))));

    static void assertDrawn(BufferedImage image, int width, int height) {
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(Pixels.drawnShare(image)).isGreaterThan(0.01);
    }

    @Test
    void drawsABarChartAsPng() {
        Path png = Charts.png(BAR, dir.resolve("charts/bar.png"), 800, 500);
        assertDrawn(Pixels.read(png), 800, 500);
    }

    @Test
    void drawsAPieChart() {
        ChartSpec pie = ChartSpec.pie("Time spent", List.of("Mail", "Meetings", "Focus"), List.of(2.0, 3.0, 5.0));
        assertDrawn(Charts.image(pie, 600, 400), 600, 400);
    }

    @Test
    void drawsALineChart() {
        ChartSpec line = ChartSpec.line("Latency", List.of(1.0, 2.0, 3.0, 4.0), List.of(120.0, 90.0, 95.0, 60.0))
                .withAxisLabels("Release", "ms");
        assertDrawn(Charts.image(line, 640, 360), 640, 360);
    }

    @Test
    void drawsAScatterChart() {
        ChartSpec scatter = ChartSpec.scatter("Height and weight", List.of(160.0, 170.0, 175.0, 182.0, 190.0),
                List.of(55.0, 68.0, 72.0, 80.0, 91.0));
        assertDrawn(Charts.image(scatter, 500, 500), 500, 500);
    }

    @Test
    void drawsATimeSeries() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ChartSpec timed = ChartSpec.timeSeries("Daily users",
                List.of(start, start.plusSeconds(86_400), start.plusSeconds(2 * 86_400), start.plusSeconds(3 * 86_400)),
                List.of(100.0, 140.0, 130.0, 170.0));
        assertDrawn(Charts.image(timed, 800, 450), 800, 450);
    }

    @Test
    void writesSvgWithElementsDrawn() throws Exception {
        Path svg = Charts.svg(BAR, dir.resolve("bar.svg"), 800, 500);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        int drawn = 0;
        for (String tag : List.of("path", "rect", "text", "line", "polygon")) {
            drawn += doc.getElementsByTagNameNS("*", tag).getLength();
        }
        assertThat(drawn).isGreaterThan(10);
    }

    @Test
    void mismatchedSeriesAreRefusedNamingTheSeries() {
        assertThatThrownBy(() -> Series.categorical("2025", List.of("Q1", "Q2"), List.of(1.0)))
                .isInstanceOf(MediaException.class).hasMessageContaining("'2025'").hasMessageContaining("2 categories");
        assertThatThrownBy(() -> Series.xy("speed", List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0)))
                .isInstanceOf(MediaException.class).hasMessageContaining("'speed'").hasMessageContaining("3 x values");
        assertThatThrownBy(() -> new ChartSpec(Kind.BAR, "t", "", "", List.of(
                Series.categorical("a", List.of("x", "y"), List.of(1.0, 2.0)),
                Series.categorical("b", List.of("x", "z"), List.of(1.0, 2.0)))))
                .isInstanceOf(MediaException.class).hasMessageContaining("'b'").hasMessageContaining("same categories");
    }

    @Test
    void badValuesAreRefusedNamingTheSeries() {
        assertThatThrownBy(() -> ChartSpec.line("Load", List.of(1.0, 2.0), List.of(1.0, Double.NaN)))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Load'").hasMessageContaining("NaN")
                .hasMessageContaining("position 2");
        assertThatThrownBy(() -> new ChartSpec(Kind.LINE, "t", "", "", List.of()))
                .isInstanceOf(MediaException.class).hasMessageContaining("no series");
        assertThatThrownBy(() -> new ChartSpec(Kind.BAR, "t", "", "", List.of(Series.xy("s", List.of(1.0), List.of(1.0)))))
                .isInstanceOf(MediaException.class).hasMessageContaining("'s'").hasMessageContaining("no categories");
        assertThatThrownBy(() -> ChartSpec.bar("Empty", List.of(), List.of()))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Empty'").hasMessageContaining("no values");
        assertThatThrownBy(() -> ChartSpec.pie("Share", List.of("a", "b"), List.of(1.0, -1.0)))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Share'").hasMessageContaining("negative");
        assertThatThrownBy(() -> new ChartSpec(Kind.PIE, "t", "", "", BAR.series()))
                .isInstanceOf(MediaException.class).hasMessageContaining("exactly one");
    }

    @Test
    void aTooSmallSizeIsRefused() {
        assertThatThrownBy(() -> Charts.image(BAR, 10, 10))
                .isInstanceOf(MediaException.class).hasMessageContaining("10x10");
        assertThatThrownBy(() -> Charts.svg(BAR, dir.resolve("x.svg"), 0, 400)).isInstanceOf(MediaException.class);
    }
}
