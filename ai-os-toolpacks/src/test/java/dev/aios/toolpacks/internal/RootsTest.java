package dev.aios.toolpacks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.toolpacks.internal.Roots.Access;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesRelativePathsInsideTheFirstRoot() throws Exception {
        Roots roots = Roots.builder("files tools").add(dir.resolve("a"), true).build();
        Path p = roots.resolve("x/y.txt", Access.WRITE);
        assertThat(p).isEqualTo(dir.resolve("a").toRealPath().resolve("x/y.txt"));
        assertThat(roots.display(p)).isEqualTo("x/y.txt");
    }

    @Test
    void refusesDotDotEscapes() {
        Roots roots = Roots.builder("files tools").add(dir.resolve("a"), true).build();
        assertThatThrownBy(() -> roots.resolve("../b/x", Access.READ))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the folders");
        assertThatThrownBy(() -> roots.resolve("sub/../../x", Access.READ)).hasMessageContaining("outside");
    }

    @Test
    void refusesAbsolutePathsElsewhere() {
        Roots roots = Roots.builder("files tools").add(dir.resolve("a"), true).build();
        assertThatThrownBy(() -> roots.resolve("/etc/passwd", Access.READ)).hasMessageContaining("outside");
        assertThat(roots.resolve(dir.resolve("a/ok.txt").toString(), Access.READ).toString()).endsWith("a/ok.txt");
    }

    @Test
    void refusesSymlinksOutOfTheRoot() throws Exception {
        Files.createDirectories(dir.resolve("outside"));
        Roots roots = Roots.builder("files tools").add(dir.resolve("a"), true).build();
        Files.createSymbolicLink(dir.resolve("a/out"), dir.resolve("outside"));
        assertThatThrownBy(() -> roots.resolve("out/file", Access.READ)).hasMessageContaining("outside");
        Files.createDirectories(dir.resolve("a/in"));
        Files.createSymbolicLink(dir.resolve("a/inlink"), dir.resolve("a/in"));
        assertThat(roots.resolve("inlink/f", Access.READ)).isEqualTo(dir.resolve("a/in").toRealPath().resolve("f"));
    }

    @Test
    void refusesDanglingLinks() throws Exception {
        Roots roots = Roots.builder("files tools").add(dir.resolve("a"), true).build();
        Files.createSymbolicLink(dir.resolve("a/dangling"), dir.resolve("nowhere/at/all"));
        assertThatThrownBy(() -> roots.resolve("dangling", Access.WRITE)).hasMessageContaining("leads nowhere");
        assertThatThrownBy(() -> roots.resolve("dangling/child", Access.WRITE)).hasMessageContaining("leads nowhere");
    }

    @Test
    void readOnlyRootRefusesWrites() {
        Roots roots = Roots.builder("files tools").add(dir.resolve("rw"), true).add(dir.resolve("ro"), false).build();
        String inRo = dir.resolve("ro/f.txt").toString();
        assertThat(roots.resolve(inRo, Access.READ).toString()).endsWith("ro/f.txt");
        assertThatThrownBy(() -> roots.resolve(inRo, Access.WRITE)).hasMessageContaining("read-only");
    }

    @Test
    void aReadOnlyRootInsideAWritableOneStaysReadOnly() throws Exception {
        Roots roots = Roots.builder("files tools").add(dir.resolve("work"), true)
                .add(dir.resolve("work/ref"), false).build();
        assertThatThrownBy(() -> roots.resolve("ref/f.txt", Access.WRITE)).hasMessageContaining("read-only");
        String abs = dir.resolve("work/ref/sub/f.txt").toString();
        assertThatThrownBy(() -> roots.resolve(abs, Access.WRITE)).hasMessageContaining("read-only");
        assertThat(roots.resolve("ref/f.txt", Access.READ)).isEqualTo(dir.resolve("work/ref").toRealPath().resolve("f.txt"));
        assertThat(roots.display(dir.resolve("work/ref").toRealPath().resolve("f.txt")))
                .isEqualTo(dir.resolve("work/ref") + "/f.txt");
        assertThat(roots.resolve("other.txt", Access.WRITE)).isEqualTo(dir.resolve("work").toRealPath().resolve("other.txt"));
    }

    @Test
    void aWritableRootInsideAReadOnlyOneIsWritable() throws Exception {
        Roots roots = Roots.builder("files tools").add(dir.resolve("ref"), false)
                .add(dir.resolve("ref/out"), true).build();
        assertThat(roots.resolve("out/f.txt", Access.WRITE)).isEqualTo(dir.resolve("ref/out").toRealPath().resolve("f.txt"));
        assertThatThrownBy(() -> roots.resolve("f.txt", Access.WRITE)).hasMessageContaining("read-only");
    }

    @Test
    void noRootsRefusesEverything() {
        Roots roots = Roots.builder("files tools").build();
        assertThat(roots.isEmpty()).isTrue();
        assertThatThrownBy(() -> roots.resolve("x", Access.READ)).hasMessageContaining("no folders are configured");
    }
}
