package dev.aios.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.media.MediaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void createsParentsAndReplacesTheFileWhole() throws Exception {
        Path file = dir.resolve("a/b/out.txt");
        AtomicFiles.write(file, out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(file, out -> out.write("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(file)).isEqualTo("second");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file.toAbsolutePath());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoPart() throws Exception {
        Path file = Files.writeString(dir.resolve("deck.pptx"), "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(MediaException.class).hasMessageContaining("deck.pptx").hasMessageContaining("disk full");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void extensionIsLowerCase() {
        assertThat(AtomicFiles.extension(Path.of("x/Deck.PPTX"))).isEqualTo("pptx");
        assertThat(AtomicFiles.extension(Path.of("README"))).isEmpty();
    }
}
