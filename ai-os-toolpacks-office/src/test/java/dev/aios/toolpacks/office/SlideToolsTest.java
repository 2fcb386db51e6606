package dev.aios.toolpacks.office;

import static dev.aios.toolpacks.office.Calls.fails;
import static dev.aios.toolpacks.office.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.toolpacks.ToolPack;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideToolsTest {
    @TempDir
    Path dir;

    ToolPack pack;

    @BeforeEach
    void pack() {
        pack = DocumentsPack.builder().root(dir).build();
    }

    @Test
    void writeMakesADeckThatReadGivesBackWithNotes() throws IOException {
        String written = ok(pack, "pptx.write", Map.of("path", "deck.pptx", "title", "Launch", "subtitle", "May 2025",
                "slides", List.of(
                        Map.of("title", "Plan", "bullets", List.of("build", "test"), "notes", "say hello first"),
                        Map.of("title", "Questions"))));
        assertThat(written).contains("deck.pptx", "3 slide(s)");

        String text = ok(pack, "pptx.read", Map.of("path", "deck.pptx"));

        assertThat(text).contains("slides 1-3 of 3", "--- slide 1: Launch ---\nMay 2025\n",
                "--- slide 2: Plan ---\n- build\n- test\nnotes: say hello first\n", "--- slide 3: Questions ---");
        try (InputStream in = Files.newInputStream(dir.resolve("deck.pptx")); XMLSlideShow deck = new XMLSlideShow(in)) {
            assertThat(deck.getSlides().get(1).getTitle()).isEqualTo("Plan");
        }
    }

    @Test
    void readGivesTextBoxesAndTablesOfADeckWrittenByPoi() throws IOException {
        try (XMLSlideShow deck = new XMLSlideShow(); OutputStream out = Files.newOutputStream(dir.resolve("p.pptx"))) {
            XSLFSlide slide = deck.createSlide();
            XSLFTextBox box = slide.createTextBox();
            box.setAnchor(new Rectangle(50, 50, 400, 50));
            box.setText("Free text on a blank slide");
            XSLFTable table = slide.createTable();
            table.setAnchor(new Rectangle(50, 150, 400, 100));
            for (String[] cells : new String[][] {{"city", "people"}, {"Oslo", "700000"}}) {
                XSLFTableRow row = table.addRow();
                for (String cell : cells) {
                    row.addCell().setText(cell);
                }
            }
            deck.write(out);
        }

        assertThat(ok(pack, "pptx.read", Map.of("path", "p.pptx")))
                .contains("--- slide 1 ---\nFree text on a blank slide\n| city | people |\n| Oslo | 700000 |\n");
    }

    @Test
    void readIsBoundedBySlidesAndCharacters() {
        List<Object> slides = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            slides.add(Map.of("title", "Slide " + i, "bullets", List.of("point " + i + " " + "x".repeat(60))));
        }
        ok(pack, "pptx.write", Map.of("path", "five.pptx", "slides", slides));

        ToolPack twoSlides = DocumentsPack.builder().root(dir).maxPages(2).build();
        assertThat(ok(twoSlides, "pptx.read", Map.of("path", "five.pptx", "fromSlide", 2)))
                .contains("--- slide 2: Slide 2", "--- slide 3: Slide 3").doesNotContain("--- slide 4")
                .contains("slides 4-5 not read; call again with fromSlide 4");

        ToolPack small = DocumentsPack.builder().root(dir).maxChars(150).build();
        assertThat(ok(small, "pptx.read", Map.of("path", "five.pptx")))
                .contains("[cut: the limit of 150 characters was reached in slide 2").doesNotContain("--- slide 3");
        assertThat(fails(pack, "pptx.read", Map.of("path", "five.pptx", "fromSlide", 9)))
                .contains("'fromSlide' is 9", "5 slide(s)");
    }
}
