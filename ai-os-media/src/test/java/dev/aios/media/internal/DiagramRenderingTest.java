package dev.aios.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.MediaException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramRenderingTest {

    @TempDir
    Path dir;

    @Test
    void aDiagramThatNeedsDotSaysSoWhenDotIsMissing() {
        Path png = dir.resolve("classes.png");
        assertThatThrownBy(() -> DiagramRendering.render("class A\nclass B\nA --> B", png, Optional::empty))
                .isInstanceOf(MediaException.class).hasMessageContaining("'dot'")
                .hasMessageContaining("laying out this kind of diagram").hasMessageContaining("graphviz");
        assertThat(png).doesNotExist();
    }

    @Test
    void smetanaNeedsNoDot() {
        Path png = DiagramRendering.render("!pragma layout smetana\nclass A\nclass B\nA --> B",
                dir.resolve("classes.png"), () -> {
                    throw new AssertionError("dot was looked for");
                });
        assertThat(png).exists();
    }

    @Test
    void aSequenceDiagramNeedsNoDot() {
        assertThat(DiagramRendering.render("A -> B: hi", dir.resolve("s.svg"), Optional::empty)).exists();
    }
}
