package dev.aios.toolpacks.office;

import static dev.aios.toolpacks.office.Calls.fails;
import static dev.aios.toolpacks.office.Calls.json;
import static dev.aios.toolpacks.office.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.ToolPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What holds for every tool of the pack: its contract, its risk, and its confinement to the roots. */
class DocumentsPackTest {
    private static final Set<String> READERS = Set.of("pdf.text", "pdf.info", "docx.read", "xlsx.read", "pptx.read");

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void everyToolHasAUniqueNameADescriptionAStrictSchemaAndNamesAMissingArgument() {
        ToolPack pack = DocumentsPack.builder().root(dir).build();
        assertThat(pack.name()).isEqualTo("documents");
        assertThat(pack.tools()).extracting(ToolDescriptor::name).containsExactly("pdf.text", "pdf.info",
                "pdf.create", "pdf.merge", "pdf.split", "docx.read", "docx.write", "xlsx.read", "xlsx.write",
                "pptx.read", "pptx.write");
        Set<String> names = new HashSet<>();
        for (ToolDescriptor tool : pack.tools()) {
            assertThat(names.add(tool.name())).as("unique name %s", tool.name()).isTrue();
            assertThat(tool.description()).as(tool.name()).isNotBlank();
            JsonNode schema = json(tool.inputSchema());
            assertThat(schema.get("type").asText()).as(tool.name()).isEqualTo("object");
            assertThat(schema.get("additionalProperties").asBoolean(true)).as(tool.name()).isFalse();
            assertThat(schema.get("required")).as(tool.name() + " requires something").isNotEmpty();

            String error = fails(pack, tool.name(), Map.of());
            String problems = error.substring(0, error.indexOf("Its input schema"));
            for (JsonNode required : schema.get("required")) {
                assertThat(problems).as(tool.name()).contains(required.asText());
            }
        }
    }

    @Test
    void readersAreReadOnlyAndWritersAreIdempotentLocalChanges() {
        for (ToolDescriptor tool : DocumentsPack.builder().root(dir).build().tools()) {
            ToolRisk risk = tool.risk();
            assertThat(risk.openWorld()).as(tool.name()).isFalse();
            assertThat(risk.idempotent()).as(tool.name()).isTrue();
            assertThat(risk.level()).as(tool.name()).isEqualTo(READERS.contains(tool.name())
                    ? ToolRisk.Level.READ_ONLY : ToolRisk.Level.SIDE_EFFECTING);
        }
    }

    @Test
    void pathsOutsideTheRootsAreRefused() throws IOException {
        ToolPack pack = DocumentsPack.builder().root(dir).build();
        PdfToolsTest.pdf(elsewhere.resolve("secret.pdf"), "secret");
        PdfToolsTest.pdf(dir.resolve("mine.pdf"), "mine");
        String outside = elsewhere.resolve("secret.pdf").toString();

        assertThat(fails(pack, "pdf.text", Map.of("path", "../" + elsewhere.getFileName() + "/secret.pdf")))
                .contains("outside the folders the documents tools may read");
        assertThat(fails(pack, "pdf.info", Map.of("path", outside))).contains("outside the folders");
        assertThat(fails(pack, "docx.read", Map.of("path", "../../etc/passwd"))).contains("outside the folders");
        assertThat(fails(pack, "pdf.merge", Map.of("inputs", List.of("mine.pdf", outside), "output", "m.pdf")))
                .contains("outside the folders");
        assertThat(fails(pack, "pdf.split", Map.of("path", "mine.pdf", "fromPage", 1,
                "output", "../escaped.pdf"))).contains("outside the folders the documents tools may change");
        assertThat(fails(pack, "xlsx.write", Map.of("path", elsewhere.resolve("x.xlsx").toString(),
                "rows", List.of()))).contains("outside the folders");
        assertThat(dir.resolveSibling("escaped.pdf")).doesNotExist();
        assertThat(elsewhere.resolve("x.xlsx")).doesNotExist();
    }

    @Test
    void aLinkThatLeadsOutOfARootIsRefused() throws IOException {
        PdfToolsTest.pdf(elsewhere.resolve("secret.pdf"), "secret");
        try {
            Files.createSymbolicLink(dir.resolve("link.pdf"), elsewhere.resolve("secret.pdf"));
        } catch (IOException | UnsupportedOperationException e) {
            Assumptions.abort("this file system cannot make symbolic links: " + e);
        }
        ToolPack pack = DocumentsPack.builder().root(dir).build();

        assertThat(fails(pack, "pdf.text", Map.of("path", "link.pdf"))).contains("outside the folders")
                .doesNotContain("secret\n");
        Files.delete(dir.resolve("link.pdf"));
    }

    @Test
    void aReadOnlyRootCanBeReadButNotWritten() throws IOException {
        Path inbox = elsewhere.resolve("inbox");
        ToolPack pack = DocumentsPack.builder().root(dir).readOnlyRoot(inbox).build();
        PdfToolsTest.pdf(inbox.resolve("in.pdf"), "incoming");

        assertThat(ok(pack, "pdf.text", Map.of("path", inbox.resolve("in.pdf").toString()))).contains("incoming");
        assertThat(fails(pack, "pdf.create", Map.of("path", inbox.resolve("new.pdf").toString(),
                "paragraphs", List.of("x")))).contains("read-only folder");
        assertThat(fails(pack, "pdf.split", Map.of("path", inbox.resolve("in.pdf").toString(), "fromPage", 1,
                "output", inbox.resolve("part.pdf").toString(), "overwrite", true))).contains("read-only folder");
        ok(pack, "pdf.split", Map.of("path", inbox.resolve("in.pdf").toString(), "fromPage", 1, "output", "part.pdf"));
        assertThat(dir.resolve("part.pdf")).exists();
        assertThat(inbox.resolve("new.pdf")).doesNotExist();
    }

    @Test
    void withoutARootEveryPathIsRefusedWithAnErrorThatSaysWhatToConfigure() {
        ToolPack pack = DocumentsPack.builder().build();
        assertThat(fails(pack, "docx.read", Map.of("path", "a.docx")))
                .contains("no folders are configured for the documents tools", "configure a root");
        assertThat(fails(pack, "xlsx.write", Map.of("path", "a.xlsx", "rows", List.of())))
                .contains("no folders are configured");
    }

    @Test
    void theBuilderRefusesLimitsThatMakeNoSense() {
        assertThatThrownBy(() -> DocumentsPack.builder().maxPages(0)).hasMessageContaining("maxPages must be at least 1");
        assertThatThrownBy(() -> DocumentsPack.builder().maxChars(10)).hasMessageContaining("maxChars must be at least 100");
    }

    @Test
    void aZipBombIsRefusedByPoisGuard() throws IOException {
        ToolPack pack = DocumentsPack.builder().root(dir).build();
        ok(pack, "docx.write", Map.of("path", "small.docx", "blocks", List.of(Map.of("text", "hi"))));
        // the same document with its body padded by megabytes of spaces, which compress to almost nothing
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(dir.resolve("small.docx")));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(dir.resolve("bomb.docx")))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                if (entry.getName().equals("word/document.xml")) {
                    out.write(("<!--" + " ".repeat(20_000_000) + "-->").getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }

        ToolResult result = Calls.call(pack, "docx.read", Map.of("path", "bomb.docx"));

        assertThat(result.error()).isTrue();
        assertThat(result.text()).contains("'bomb.docx' is not a readable Word (.docx) file", "Zip bomb");
    }
}
