package dev.aios.toolpacks;

import static dev.aios.toolpacks.CoreCalls.fails;
import static dev.aios.toolpacks.CoreCalls.json;
import static dev.aios.toolpacks.CoreCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.Provenance;
import dev.aios.api.ToolRisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesPackTest {
    @TempDir
    Path dir;

    Path work;
    Path ref;
    ToolPack files;

    @BeforeEach
    void setUp() throws Exception {
        work = dir.resolve("work");
        ref = dir.resolve("ref");
        files = FilesPack.builder().root(work).readOnlyRoot(ref).build();
        Files.writeString(ref.resolve("guide.md"), "# Guide\nline two\nline three\n");
    }

    @Test
    void writesThenReadsALineRange() {
        ok(files, "files.write", "path", "notes/a.txt", "text", "one\ntwo\nthree\n");
        assertThat(ok(files, "files.read", "path", "notes/a.txt", "from_line", 2, "to_line", 3)).isEqualTo("two\nthree");
        assertThat(files.call(new dev.aios.api.ToolCall("1", "files.read", java.util.Map.of("path", "notes/a.txt")))
                .provenance().trust()).isEqualTo(Provenance.Trust.UNTRUSTED);
    }

    @Test
    void readCutsLongTextAndSaysSo() throws Exception {
        Files.writeString(work.resolve("long.txt"), "x".repeat(500));
        assertThat(ok(files, "files.read", "path", "long.txt", "max_chars", 100))
                .startsWith("x".repeat(100)).contains("cut: showed 100 of 500 characters");
    }

    @Test
    void aReadOnlyRootNestedInTheWorkRootCannotBeWritten() throws Exception {
        Path nestedRef = work.resolve("ref");
        ToolPack nested = FilesPack.builder().root(work).readOnlyRoot(nestedRef).build();
        Files.writeString(nestedRef.resolve("keep.txt"), "original");
        assertThat(fails(nested, "files.write", "path", "ref/keep.txt", "text", "changed", "overwrite", true))
                .contains("read-only");
        assertThat(fails(nested, "files.write", "path", "ref/new.txt", "text", "x")).contains("read-only");
        assertThat(Files.readString(nestedRef.resolve("keep.txt"))).isEqualTo("original");
        assertThat(Files.exists(nestedRef.resolve("new.txt"))).isFalse();
        ok(nested, "files.write", "path", "mine.txt", "text", "ok");
    }

    @Test
    void searchSkipsFilesOverTheSizeLimitAndBoundsLongLines() throws Exception {
        byte[] big = new byte[(int) dev.aios.toolpacks.internal.TextFiles.MAX_FILE_BYTES + 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] needle = "needle".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(needle, 0, big, big.length - needle.length, needle.length);
        Files.write(work.resolve("huge.txt"), big);
        Files.writeString(work.resolve("long.txt"), "x".repeat(300_000) + "needle" + "y".repeat(1000) + "\nnext\n");
        JsonNode found = json(ok(files, "files.search", "contains", "needle"));
        assertThat(found.get("matches")).hasSize(1);
        JsonNode match = found.get("matches").get(0);
        assertThat(match.get("path").asText()).isEqualTo("long.txt");
        assertThat(match.get("line").asInt()).isEqualTo(1);
        assertThat(match.get("text").asText()).contains("needle").hasSizeLessThan(220);
    }

    @Test
    void readRefusesBinaryFiles() throws Exception {
        Files.write(work.resolve("blob.bin"), new byte[] {1, 0, 2, (byte) 0xff});
        assertThat(fails(files, "files.read", "path", "blob.bin")).contains("binary");
    }

    @Test
    void writeOverwritesOnlyWhenAskedAndIsIdempotent() {
        ok(files, "files.write", "path", "a.txt", "text", "v1");
        assertThat(ok(files, "files.write", "path", "a.txt", "text", "v1")).contains("already holds");
        assertThat(fails(files, "files.write", "path", "a.txt", "text", "v2")).contains("overwrite: true");
        assertThat(ok(files, "files.write", "path", "a.txt", "text", "v2", "overwrite", true))
                .contains("old version is in the trash");
        assertThat(ok(files, "files.read", "path", "a.txt")).isEqualTo("v2");
        assertThat(ok(files, "files.write", "path", "a.txt", "text", "v2", "overwrite", true)).contains("already holds");
        assertThat(files.find("files.write").orElseThrow().risk().idempotent()).isTrue();
        // overwriting loses nothing: the replaced version comes back from the trash
        ok(files, "files.move", "from", "a.txt", "to", "a-v2.txt");
        ok(files, "files.restore", "path", "a.txt");
        assertThat(ok(files, "files.read", "path", "a.txt")).isEqualTo("v1");
    }

    @Test
    void appendAddsToTheEnd() throws Exception {
        ok(files, "files.append", "path", "log.txt", "text", "a\n");
        ok(files, "files.append", "path", "log.txt", "text", "b\n");
        assertThat(Files.readString(work.resolve("log.txt"))).isEqualTo("a\nb\n");
    }

    @Test
    void listsRecursivelyWithAPatternAndHidesTheTrash() throws Exception {
        Files.createDirectories(work.resolve("src/main"));
        Files.writeString(work.resolve("src/main/App.java"), "class App {}");
        Files.writeString(work.resolve("README.md"), "hi");
        ok(files, "files.write", "path", "gone.java", "text", "x");
        ok(files, "files.trash", "path", "gone.java");
        JsonNode all = json(ok(files, "files.list", "recursive", true));
        assertThat(all.path("entries").findValuesAsText("name")).contains("README.md", "src/main/App.java")
                .noneMatch(n -> n.contains(".trash"));
        JsonNode java = json(ok(files, "files.list", "recursive", true, "pattern", "*.java"));
        assertThat(java.path("entries").findValuesAsText("name")).containsExactly("src/main/App.java");
        assertThat(java.path("entries").get(0).path("size").asLong()).isEqualTo(12);
    }

    @Test
    void searchesByNameAndContent() throws Exception {
        Files.createDirectories(work.resolve("docs"));
        Files.writeString(work.resolve("docs/a.md"), "alpha\nthe needle is here\n");
        Files.writeString(work.resolve("docs/b.md"), "nothing");
        Files.writeString(work.resolve("docs/c.txt"), "needle too");
        JsonNode found = json(ok(files, "files.search", "name", "*.md", "contains", "needle"));
        assertThat(found.path("matches")).hasSize(1);
        assertThat(found.path("matches").get(0).path("path").asText()).isEqualTo("docs/a.md");
        assertThat(found.path("matches").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(fails(files, "files.search", "path", ".")).contains("'name'").contains("'contains'");
    }

    @Test
    void infoCountsLinesOfReadOnlyFiles() {
        JsonNode info = json(ok(files, "files.info", "path", ref.resolve("guide.md").toString()));
        assertThat(info.path("kind").asText()).isEqualTo("file");
        assertThat(info.path("lines").asInt()).isEqualTo(3);
        assertThat(info.path("size").asLong()).isEqualTo(28);
    }

    @Test
    void readOnlyRootRefusesWrites() {
        assertThat(fails(files, "files.write", "path", ref.resolve("x.txt").toString(), "text", "no"))
                .contains("read-only");
    }

    @Test
    void mkdirCopyAndMove() throws Exception {
        ok(files, "files.mkdir", "path", "a/b");
        assertThat(work.resolve("a/b")).isDirectory();
        ok(files, "files.write", "path", "a/b/f.txt", "text", "data");
        ok(files, "files.copy", "from", "a", "to", "copy");
        assertThat(Files.readString(work.resolve("copy/b/f.txt"))).isEqualTo("data");
        ok(files, "files.mkdir", "path", "into");
        ok(files, "files.move", "from", "copy/b/f.txt", "to", "into");
        assertThat(work.resolve("into/f.txt")).hasContent("data");
        assertThat(work.resolve("copy/b/f.txt")).doesNotExist();
        assertThat(fails(files, "files.copy", "from", "a/b/f.txt", "to", "into/f.txt")).contains("already exists");
        assertThat(fails(files, "files.move", "from", "a", "to", "a/b")).contains("into itself");
    }

    @Test
    void trashRestoreAndEmpty() throws Exception {
        ok(files, "files.write", "path", "keep/me.txt", "text", "precious");
        ok(files, "files.trash", "path", "keep/me.txt");
        assertThat(work.resolve("keep/me.txt")).doesNotExist();
        ok(files, "files.restore", "path", "keep/me.txt");
        assertThat(work.resolve("keep/me.txt")).hasContent("precious");
        ok(files, "files.trash", "path", "keep");
        assertThat(ok(files, "files.empty_trash")).contains("deleted 1");
        assertThat(fails(files, "files.restore", "path", "keep")).contains("nothing trashed");
        assertThat(files.find("files.trash").orElseThrow().risk().level()).isEqualTo(ToolRisk.Level.SIDE_EFFECTING);
        assertThat(files.find("files.empty_trash").orElseThrow().risk().level()).isEqualTo(ToolRisk.Level.DESTRUCTIVE);
    }

    @Test
    void escapesAreRefused() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "s3cret");
        assertThat(fails(files, "files.read", "path", "../secret.txt")).contains("outside the folders");
        assertThat(fails(files, "files.read", "path", dir.resolve("secret.txt").toString())).contains("outside");
        Files.createSymbolicLink(work.resolve("link"), dir);
        assertThat(fails(files, "files.read", "path", "link/secret.txt")).contains("outside").doesNotContain("s3cret");
        assertThat(fails(files, "files.copy", "from", "../secret.txt", "to", "stolen.txt")).contains("outside");
    }

    @Test
    void noRootsMeansEverythingIsRefused() {
        ToolPack none = FilesPack.builder().build();
        assertThat(fails(none, "files.list")).contains("no folders are configured");
        assertThat(fails(none, "files.trash", "path", "x")).contains("configure");
        assertThat(none.tools()).extracting(t -> t.name()).containsAll(List.of("files.read", "files.empty_trash"));
    }
}
