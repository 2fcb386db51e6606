package dev.aios.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedPathsTest {
    @TempDir
    Path dir;

    @Test
    void outputsStayInTheMediaFolder() throws Exception {
        ConfinedPaths paths = new ConfinedPaths(dir.resolve("media"), List.of());
        Path out = paths.output("charts/q4.png", ".png");
        assertThat(out).isEqualTo(dir.resolve("media").toRealPath().resolve("charts/q4.png"));
        assertThat(Files.isDirectory(out.getParent())).isTrue();
        assertThatThrownBy(() -> paths.output("../escape.png", ".png")).isInstanceOf(MediaException.class)
                .hasMessageContaining("leaves the media folder");
        assertThatThrownBy(() -> paths.output("/tmp/x.png", ".png")).hasMessageContaining("must be relative");
        assertThatThrownBy(() -> paths.output("x.exe", ".png")).hasMessageContaining("must end with one of [.png]");
    }

    @Test
    void aLinkOutOfTheFolderIsRefused() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        ConfinedPaths paths = new ConfinedPaths(dir.resolve("media"), List.of());
        Files.createSymbolicLink(dir.resolve("media/link"), outside);
        assertThatThrownBy(() -> paths.output("link/x.png", ".png")).hasMessageContaining("through a link");
        Files.writeString(outside.resolve("secret.wav"), "x");
        assertThatThrownBy(() -> paths.input("link/secret.wav", ".wav")).hasMessageContaining("outside the folders");
    }

    @Test
    void inputsComeOnlyFromTheReadRootsOrTheMediaFolder() throws Exception {
        Path pictures = Files.createDirectories(dir.resolve("pictures"));
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(pictures.resolve("a.png"), "x");
        Files.writeString(other.resolve("b.png"), "x");
        ConfinedPaths paths = new ConfinedPaths(dir.resolve("media"), List.of(pictures));
        assertThat(paths.input(pictures.resolve("a.png").toString(), ".png")).exists();
        assertThatThrownBy(() -> paths.input(other.resolve("b.png").toString(), ".png"))
                .hasMessageContaining("outside the folders");
        assertThatThrownBy(() -> paths.input(pictures + "/../other/b.png", ".png")).hasMessageContaining("outside");
        assertThatThrownBy(() -> paths.input("missing.png", ".png")).hasMessageContaining("does not exist");
        assertThat(new ConfinedPaths(dir.resolve("media2"), List.of()).readRoots()).isEmpty();
    }
}
