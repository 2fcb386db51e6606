package dev.aios.toolpacks;

import static dev.aios.toolpacks.CoreCalls.fails;
import static dev.aios.toolpacks.CoreCalls.json;
import static dev.aios.toolpacks.CoreCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePackTest {
    @TempDir
    Path dir;

    Path work;
    ToolPack archive;

    @BeforeEach
    void setUp() throws Exception {
        work = dir.resolve("work");
        archive = ArchivePack.builder().root(work).maxBytes(1_000_000).maxEntries(50).build();
        Files.createDirectories(work.resolve("site/css"));
        Files.writeString(work.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(work.resolve("site/css/a.css"), "body{}");
    }

    @Test
    void zipListUnzipRoundTrip() throws Exception {
        ok(archive, "archive.zip", "paths", List.of("site"), "output", "out/site.zip");
        JsonNode listed = json(ok(archive, "archive.list", "archive", "out/site.zip"));
        assertThat(listed.path("format").asText()).isEqualTo("zip");
        assertThat(listed.path("entries").findValuesAsText("name")).contains("site/index.html", "site/css/a.css");
        ok(archive, "archive.unzip", "archive", "out/site.zip", "to", "copy");
        assertThat(work.resolve("copy/site/index.html")).hasContent("<h1>hi</h1>");
        assertThat(work.resolve("copy/site/css/a.css")).hasContent("body{}");
        assertThat(fails(archive, "archive.zip", "paths", List.of("site"), "output", "out/site.zip"))
                .contains("overwrite: true");
    }

    @Test
    void tarGzListUntarRoundTrip() throws Exception {
        ok(archive, "archive.tar", "paths", List.of("site"), "output", "site.tar.gz");
        JsonNode listed = json(ok(archive, "archive.list", "archive", "site.tar.gz"));
        assertThat(listed.path("format").asText()).isEqualTo("tar.gz");
        ok(archive, "archive.untar", "archive", "site.tar.gz", "to", "x");
        assertThat(work.resolve("x/site/css/a.css")).hasContent("body{}");
        ok(archive, "archive.tar", "paths", List.of("site/index.html"), "output", "plain.tar");
        assertThat(json(ok(archive, "archive.list", "archive", "plain.tar")).path("format").asText()).isEqualTo("tar");
    }

    @Test
    void gzipAndGunzip() throws Exception {
        Files.writeString(work.resolve("log.txt"), "line\n".repeat(1000));
        ok(archive, "archive.gzip", "path", "log.txt");
        assertThat(Files.size(work.resolve("log.txt.gz"))).isLessThan(1000);
        Files.delete(work.resolve("log.txt"));
        ok(archive, "archive.gunzip", "path", "log.txt.gz");
        assertThat(Files.readString(work.resolve("log.txt"))).isEqualTo("line\n".repeat(1000));
    }

    @Test
    void zipSlipEntryIsRefusedAndNothingIsLeft() throws Exception {
        Path evil = work.resolve("evil.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(evil)) {
            add(zip, "good.txt", "fine");
            add(zip, "../../escaped.txt", "pwned");
        }
        assertThat(fails(archive, "archive.unzip", "archive", "evil.zip", "to", "out"))
                .contains("'../../escaped.txt'").contains("nothing was extracted");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(work.resolve("escaped.txt")).doesNotExist();
        try (Stream<Path> left = Files.list(work.resolve("out"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void absoluteEntryAndOutwardSymlinkInZipAreRefused() throws Exception {
        Path abs = work.resolve("abs.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(abs)) {
            add(zip, "/tmp/abs-escape.txt", "pwned");
        }
        assertThat(fails(archive, "archive.unzip", "archive", "abs.zip", "to", "o1")).contains("absolute");
        Path link = work.resolve("link.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(link)) {
            ZipArchiveEntry e = new ZipArchiveEntry("up");
            e.setUnixMode(0120777);
            zip.putArchiveEntry(e);
            zip.write("../../".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        assertThat(fails(archive, "archive.unzip", "archive", "link.zip", "to", "o2")).contains("'up'").contains("link");
    }

    @Test
    void craftedTarWithSymlinkThenWriteThroughItIsRefused() throws Exception {
        Path evil = work.resolve("evil.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
            TarArchiveEntry link = new TarArchiveEntry("inner", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName(dir.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            byte[] body = "pwned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("inner/escaped.txt");
            file.setSize(body.length);
            tar.putArchiveEntry(file);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        assertThat(fails(archive, "archive.untar", "archive", "evil.tar", "to", "t")).contains("'inner'");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        Path dots = work.resolve("dots.tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(dots))) {
            byte[] body = "x".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("a/../../escaped.txt", true);
            file.setSize(body.length);
            tar.putArchiveEntry(file);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        assertThat(fails(archive, "archive.untar", "archive", "dots.tar", "to", "t2")).contains("a/../../escaped.txt");
        assertThat(work.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void zipBombIsStoppedAtTheByteLimit() throws Exception {
        Path bomb = work.resolve("bomb.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bomb)) {
            zip.putArchiveEntry(new ZipArchiveEntry("zeros.bin"));
            byte[] zeros = new byte[64 * 1024];
            for (int i = 0; i < 32; i++) {
                zip.write(zeros);
            }
            zip.closeArchiveEntry();
        }
        assertThat(Files.size(bomb)).isLessThan(100_000);
        assertThat(fails(archive, "archive.unzip", "archive", "bomb.zip", "to", "b")).contains("limit of 1000000 bytes");
        try (Stream<Path> left = Files.list(work.resolve("b"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void tooManyEntriesIsStopped() throws Exception {
        Path many = work.resolve("many.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(many)) {
            for (int i = 0; i < 60; i++) {
                add(zip, "f" + i, "x");
            }
        }
        assertThat(fails(archive, "archive.unzip", "archive", "many.zip", "to", "m")).contains("more than 50 entries");
    }

    @Test
    void pathsOutsideTheRootsAreRefused() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "s");
        assertThat(fails(archive, "archive.zip", "paths", List.of("../secret.txt"), "output", "s.zip")).contains("outside");
        assertThat(fails(archive, "archive.gzip", "path", "site/index.html", "output", "../x.gz")).contains("outside");
        assertThat(fails(ArchivePack.builder().build(), "archive.list", "archive", "a.zip")).contains("no folders");
    }

    @Test
    void zipLinkWithAHugeTargetIsRefusedWithoutReadingItAll() throws Exception {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(work.resolve("biglink.zip"))) {
            ZipArchiveEntry e = new ZipArchiveEntry("big");
            e.setUnixMode(0120777);
            zip.putArchiveEntry(e);
            zip.write("a".repeat(2_000_000).getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        assertThat(fails(archive, "archive.unzip", "archive", "biglink.zip", "to", "b")).contains("'big'")
                .contains("longer than 4096 bytes");
        assertThat(fails(archive, "archive.list", "archive", "biglink.zip")).contains("longer than 4096 bytes");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(work.resolve("oklink.zip"))) {
            add(zip, "v1/readme.txt", "hi");
            ZipArchiveEntry e = new ZipArchiveEntry("readme");
            e.setUnixMode(0120777);
            zip.putArchiveEntry(e);
            zip.write("v1/readme.txt".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        ok(archive, "archive.unzip", "archive", "oklink.zip", "to", "ok");
        assertThat(Files.readString(work.resolve("ok/readme"))).isEqualTo("hi");
    }

    @Test
    void linkChainThatClimbsOutOfAnotherLinkIsRefused() throws Exception {
        // up -> ../../.. stays inside on its own; f -> d1/d2/d3/up/../../../x looks inside as text but
        // really climbs three folders above the staging folder; then a file entry f writes through it
        writeTar(work.resolve("chain.tar"), link("d1/d2/d3/up", "../../.."), link("f", "d1/d2/d3/up/../../../x"),
                file("f", "pwned"));
        assertThat(fails(archive, "archive.untar", "archive", "chain.tar", "to", "deep/t")).contains("'f'");
        assertNothingEscaped("deep/t");
    }

    @Test
    void linkMadeBeforeTheLinkItClimbsThroughIsRefused() throws Exception {
        writeTar(work.resolve("order.tar"), link("f", "d1/d2/d3/up/../../../x"), link("d1/d2/d3/up", "../../.."),
                file("f", "pwned"));
        assertThat(fails(archive, "archive.untar", "archive", "order.tar", "to", "deep/t")).contains("'f'");
        assertNothingEscaped("deep/t");
        writeTar(work.resolve("dirs.tar"), link("f", "d1/d2/d3/up/../../.."), link("d1/d2/d3/up", "../../.."),
                folder("f/made/"), file("f/made/x", "pwned"));
        assertThat(fails(archive, "archive.untar", "archive", "dirs.tar", "to", "deep/t")).contains("'f/made/'");
        assertNothingEscaped("deep/t");
        assertThat(work.resolve("made")).doesNotExist();
        writeTar(work.resolve("late.tar"), link("f", "d1/d2/d3/up/../../../x"), link("d1/d2/d3/up", "../../.."));
        assertThat(fails(archive, "archive.untar", "archive", "late.tar", "to", "deep/t")).contains("'f'");
        assertThat(work.resolve("deep/t/f")).doesNotExist();
    }

    @Test
    void linksThatStayInsideStillExtract() throws Exception {
        writeTar(work.resolve("ok.tar"), file("v1/readme.txt", "hello"), link("docs/latest", "../v1"),
                link("readme", "docs/latest/readme.txt"));
        ok(archive, "archive.untar", "archive", "ok.tar", "to", "ok");
        assertThat(Files.readString(work.resolve("ok/readme"))).isEqualTo("hello");
        assertThat(Files.isSymbolicLink(work.resolve("ok/docs/latest"))).isTrue();
    }

    private void assertNothingEscaped(String to) throws Exception {
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(dir.resolve("made")).doesNotExist();
        assertThat(work.resolve("x")).doesNotExist();
        assertThat(work.resolve(to)).isEmptyDirectory();
    }

    private record TarItem(TarArchiveEntry entry, byte[] body) {}

    private static TarItem link(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(target);
        return new TarItem(e, new byte[0]);
    }

    private static TarItem folder(String name) {
        return new TarItem(new TarArchiveEntry(name), new byte[0]);
    }

    private static TarItem file(String name, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(body.length);
        return new TarItem(e, body);
    }

    private static void writeTar(Path out, TarItem... items) throws Exception {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            for (TarItem item : items) {
                tar.putArchiveEntry(item.entry());
                tar.write(item.body());
                tar.closeArchiveEntry();
            }
        }
    }

    private static void add(ZipArchiveOutputStream zip, String name, String text) throws Exception {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

}
