package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFNotes;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlidesTest {

    static final String LONG = "This bullet goes on and on about details that nobody will read, but it must still"
            + " stay on the slide under any circumstances, wrapping onto further lines and shrinking when it has to";

    @TempDir
    Path dir;

    SlideDeck deck() {
        Path photo = Images.write(ImagesTest.picture(400, 300), dir.resolve("photo.png"));
        return SlideDeck.of("Quarterly review",
                Slide.title("Quarterly review", "What we shipped").withNotes("Welcome everyone."),
                Slide.bullets("What we shipped", List.of("Slides", "Charts", "Diagrams")).withNotes("Two minutes."),
                Slide.bullets("Revenue", List.of("Up 18%")).withChart(ChartsTest.BAR),
                new Slide("The team", List.of(), photo, null, ""),
                Slide.bullets("Details", List.of(LONG, LONG, LONG, LONG, LONG, LONG, LONG, LONG)));
    }

    static XMLSlideShow open(Path pptx) throws Exception {
        try (InputStream in = Files.newInputStream(pptx)) {
            return new XMLSlideShow(in);
        }
    }

    static List<String> bodyText(XSLFSlide slide) {
        List<String> texts = new ArrayList<>();
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            Placeholder kind = shape.getTextType();
            if (kind != Placeholder.TITLE && kind != Placeholder.CENTERED_TITLE) {
                shape.getTextParagraphs().forEach(p -> texts.add(p.getText()));
            }
        }
        return texts;
    }

    /** The title placeholder's text; POI's getTitle() knows the plain title but not a title slide's centred one. */
    static String title(XSLFSlide slide) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.TITLE || shape.getTextType() == Placeholder.CENTERED_TITLE) {
                return shape.getText();
            }
        }
        return "";
    }

    static String notes(XMLSlideShow show, XSLFSlide slide) {
        XSLFNotes notes = slide.getNotes();
        if (notes == null) {
            return "";
        }
        for (XSLFTextShape shape : notes.getPlaceholders()) {
            if (shape.getTextType() == Placeholder.BODY) {
                return shape.getText();
            }
        }
        return "";
    }

    static long pictures(XSLFSlide slide) {
        return slide.getShapes().stream().filter(XSLFPictureShape.class::isInstance).count();
    }

    @Test
    void writesAPptxThatPoiReadsBack() throws Exception {
        Path pptx = Slides.withDefaultTheme().writePptx(deck(), dir.resolve("out/deck.pptx"));
        try (XMLSlideShow show = open(pptx)) {
            List<XSLFSlide> slides = show.getSlides();
            assertThat(slides).hasSize(5);
            assertThat(slides).extracting(SlidesTest::title)
                    .containsExactly("Quarterly review", "What we shipped", "Revenue", "The team", "Details");
            assertThat(slides.get(0).getSlideLayout().getType())
                    .isEqualTo(org.apache.poi.xslf.usermodel.SlideLayout.TITLE);
            assertThat(bodyText(slides.get(0))).containsExactly("What we shipped");
            assertThat(bodyText(slides.get(1))).containsExactly("Slides", "Charts", "Diagrams");
            assertThat(bodyText(slides.get(4))).hasSize(8).allMatch(LONG::equals);
            assertThat(notes(show, slides.get(0))).isEqualTo("Welcome everyone.");
            assertThat(notes(show, slides.get(1))).isEqualTo("Two minutes.");
            assertThat(notes(show, slides.get(2))).isEmpty();
            assertThat(pictures(slides.get(1))).isZero();
            assertThat(pictures(slides.get(2))).isEqualTo(1);
            assertThat(pictures(slides.get(3))).isEqualTo(1);
            assertThat(show.getPageSize().getWidth() / show.getPageSize().getHeight()).isEqualTo(16.0 / 9.0);
            assertThat(show.getProperties().getCoreProperties().getTitle()).isEqualTo("Quarterly review");
        }
    }

    @Test
    void longTextShrinksToStayOnTheSlide() throws Exception {
        Path pptx = Slides.withDefaultTheme().writePptx(deck(), dir.resolve("deck.pptx"));
        try (XMLSlideShow show = open(pptx)) {
            XSLFSlide details = show.getSlides().get(4);
            for (XSLFTextShape shape : details.getPlaceholders()) {
                double box = shape.getAnchor().getHeight() - shape.getInsets().top - shape.getInsets().bottom;
                assertThat(shape.getAnchor().getMaxY()).isLessThanOrEqualTo(show.getPageSize().getHeight());
                assertThat(shape.getAnchor().getMaxX()).isLessThanOrEqualTo(show.getPageSize().getWidth());
                if (shape.getTextType() != Placeholder.TITLE) {
                    double size = shape.getTextParagraphs().getFirst().getTextRuns().getFirst().getFontSize();
                    assertThat(size).isLessThan(24).isGreaterThanOrEqualTo(12);
                    // measured by POI itself, in the font it has for the slide's family
                    assertThat(shape.getTextHeight()).isLessThanOrEqualTo(box * 1.15);
                }
            }
        }
    }

    @Test
    void rendersEverySlideToANonBlankPngInOrder() throws Exception {
        Slides slides = Slides.withDefaultTheme();
        Path pptx = slides.writePptx(deck(), dir.resolve("deck.pptx"));
        List<String> seen = new ArrayList<>();
        List<Path> pngs = slides.renderPngs(pptx, dir.resolve("pngs"), 640,
                (stage, done, total) -> seen.add(stage + " " + (int) done + "/" + (int) total));
        assertThat(pngs).extracting(p -> p.getFileName().toString())
                .containsExactly("slide-001.png", "slide-002.png", "slide-003.png", "slide-004.png", "slide-005.png");
        assertThat(seen).containsExactly("rendering slides 1/5", "rendering slides 2/5", "rendering slides 3/5",
                "rendering slides 4/5", "rendering slides 5/5");
        for (Path png : pngs) {
            BufferedImage image = Pixels.read(png);
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(360);
            assertThat(Pixels.drawnShare(image)).as(png.getFileName().toString()).isGreaterThan(0.01);
        }
        // the chart slide shows the chart on its right half
        BufferedImage chart = Pixels.read(pngs.get(2));
        assertThat(Pixels.drawnShare(chart, 330, 100, 280, 240)).isGreaterThan(0.05);
    }

    @Test
    void rendersADeckWithoutWritingItFirstInATheme() {
        Slides dark = Slides.builder().background(new Color(0x111827)).titleColor(Color.WHITE)
                .textColor(new Color(0xE5E7EB)).accent(new Color(0xF28E2B)).bodyFont("DejaVu Sans").build();
        List<Path> pngs = dark.renderPngs(SlideDeck.of("Dark", Slide.bullets("Night mode", List.of("Easy on the eyes"))),
                dir.resolve("dark"), 320, MediaProgress.NONE);
        BufferedImage image = Pixels.read(pngs.getFirst());
        assertThat(image.getHeight()).isEqualTo(180);
        assertThat(new Color(image.getRGB(2, 2))).isEqualTo(new Color(0x111827));
        assertThat(Pixels.drawnShare(image)).isGreaterThan(0.01);
    }

    @Test
    void anEmptyDeckIsRefused() {
        assertThatThrownBy(() -> new SlideDeck("Nothing", List.of()))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Nothing'").hasMessageContaining("no slides");
    }

    @Test
    void aMissingImageIsRefusedNamingTheSlideAndFile() {
        Path missing = dir.resolve("nowhere.png");
        SlideDeck deck = SlideDeck.of("d", Slide.bullets("Intro", List.of("a")),
                Slide.bullets("Photo", List.of("b")).withImage(missing));
        Path pptx = dir.resolve("deck.pptx");
        assertThatThrownBy(() -> Slides.withDefaultTheme().writePptx(deck, pptx))
                .isInstanceOf(MediaException.class).hasMessageContaining("slide 2").hasMessageContaining("'Photo'")
                .hasMessageContaining("nowhere.png");
        assertThat(pptx).doesNotExist();
    }

    @Test
    void aFileThatIsNoImageIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("photo.png"), "not a picture");
        SlideDeck deck = SlideDeck.of("d", Slide.bullets("Photo", List.of("b")).withImage(text));
        assertThatThrownBy(() -> Slides.withDefaultTheme().writePptx(deck, dir.resolve("deck.pptx")))
                .isInstanceOf(MediaException.class).hasMessageContaining("slide 1").hasMessageContaining("photo.png");
    }

    @Test
    void badSlidesAreRefused() {
        assertThatThrownBy(() -> new Slide("", List.of(), null, null, ""))
                .isInstanceOf(MediaException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Slide.bullets("Plan", List.of("one", " ")))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Plan'").hasMessageContaining("position 2");
        assertThatThrownBy(() -> Slide.bullets("Both", List.of("x")).withChart(ChartsTest.BAR).withImage(dir.resolve("a.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("'Both'").hasMessageContaining("both");
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        Slides slides = Slides.withDefaultTheme();
        SlideDeck deck = SlideDeck.of("d", Slide.title("T", ""));
        assertThatThrownBy(() -> slides.writePptx(deck, dir.resolve("deck.ppt")))
                .isInstanceOf(MediaException.class).hasMessageContaining("deck.ppt").hasMessageContaining(".pptx");
        assertThatThrownBy(() -> slides.renderPngs(dir.resolve("missing.pptx"), dir, 640, MediaProgress.NONE))
                .isInstanceOf(MediaException.class).hasMessageContaining("missing.pptx");
        Path notPptx = Files.writeString(dir.resolve("fake.pptx"), "hello");
        assertThatThrownBy(() -> slides.renderPngs(notPptx, dir, 640, MediaProgress.NONE))
                .isInstanceOf(MediaException.class).hasMessageContaining("fake.pptx").hasMessageContaining("PPTX");
        assertThatThrownBy(() -> slides.renderPngs(deck, dir, 0, MediaProgress.NONE))
                .isInstanceOf(MediaException.class).hasMessageContaining("0 pixels");
        assertThatThrownBy(() -> Slides.builder().pageSize(10, 540).build())
                .isInstanceOf(MediaException.class).hasMessageContaining("10x540");
        assertThatThrownBy(() -> Slides.builder().titleFont(" ").build())
                .isInstanceOf(MediaException.class).hasMessageContaining("titleFont");
    }
}
