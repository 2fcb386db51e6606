package dev.aios.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.internal.ExternalProgram;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class DiagramsTest {

    static final String SEQUENCE = """
            @startuml
            actor User
            participant Agent
            database Memory
            User -> Agent: ask a question
            Agent -> Memory: recall
            Memory --> Agent: notes
            Agent --> User: answer
            @enduml
            """;

    @TempDir
    Path dir;

    @Test
    void rendersASequenceDiagramAsPng() {
        Path png = Diagrams.render(SEQUENCE, dir.resolve("diagrams/sequence.png"));
        BufferedImage image = Pixels.read(png);
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(150);
        assertThat(Pixels.drawnShare(image)).isGreaterThan(0.01);
    }

    @Test
    void rendersASequenceDiagramAsSvg() throws Exception {
        Path svg = Diagrams.render(SEQUENCE, dir.resolve("sequence.svg"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagNameNS("*", "text").getLength()).isGreaterThanOrEqualTo(4);
        assertThat(Files.readString(svg)).contains("ask a question");
    }

    @Test
    void rendersAnActivityDiagramWithoutTheAtLines() {
        Path png = Diagrams.render("""
                start
                :read the goal;
                if (needs a chart?) then (yes)
                  :draw the chart;
                else (no)
                  :write the text;
                endif
                stop
                """, dir.resolve("flow.png"));
        assertThat(Pixels.drawnShare(Pixels.read(png))).isGreaterThan(0.01);
    }

    @Test
    void aSyntaxErrorNamesItsLineAndWritesNothing() {
        Path png = dir.resolve("broken.png");
        assertThatThrownBy(() -> Diagrams.render("@startuml\nAlice -> Bob: hi\nthis is ][ not valid\n@enduml\n", png))
                .isInstanceOf(MediaException.class).hasMessageContaining("line 3")
                .hasMessageContaining("this is ][ not valid");
        assertThatThrownBy(() -> Diagrams.render("Alice -> Bob: hi\nthis is ][ not valid", png))
                .isInstanceOf(MediaException.class).hasMessageContaining("line 2");
        assertThat(png).doesNotExist();
    }

    @Test
    void aClassDiagramIsLaidOutByDot() {
        Assumptions.assumeTrue(ExternalProgram.find("dot").isPresent(),
                "Graphviz 'dot' is not installed, so a class diagram cannot be laid out");
        Path png = Diagrams.render("""
                class Slide
                class SlideDeck
                SlideDeck "1" *-- "many" Slide
                """, dir.resolve("classes.png"));
        assertThat(Pixels.drawnShare(Pixels.read(png))).isGreaterThan(0.01);
    }

    @Test
    void aDiagramCannotReachOutsideItsText() {
        assertThatThrownBy(() -> Diagrams.render("@startuml\n!include /etc/hostname\nA -> B\n@enduml", dir.resolve("x.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("line 2").hasMessageContaining("include");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> Diagrams.render(SEQUENCE, dir.resolve("x.pdf")))
                .isInstanceOf(MediaException.class).hasMessageContaining("x.pdf").hasMessageContaining(".svg");
        assertThatThrownBy(() -> Diagrams.render("  ", dir.resolve("x.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Diagrams.render(SEQUENCE + SEQUENCE, dir.resolve("x.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("2 diagrams");
        assertThatThrownBy(() -> Diagrams.render("@startuml\n@enduml\n", dir.resolve("x.png")))
                .isInstanceOf(MediaException.class).hasMessageContaining("empty");
    }
}
