package dev.aios.toolpacks.office;

import static dev.aios.toolpacks.office.Calls.fails;
import static dev.aios.toolpacks.office.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.toolpacks.ToolPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordToolsTest {
    @TempDir
    Path dir;

    ToolPack pack;

    @BeforeEach
    void pack() {
        pack = DocumentsPack.builder().root(dir).build();
    }

    @Test
    void writeMakesHeadingsParagraphsAndBulletsThatReadGivesBack() throws IOException {
        String written = ok(pack, "docx.write", Map.of("path", "plan.docx", "title", "Project plan",
                "blocks", List.of(
                        Map.of("heading", "Goals"),
                        Map.of("text", "We ship in May.\nThen we rest."),
                        Map.of("bullets", List.of("faster builds", "fewer bugs")),
                        Map.of("heading", "Risks", "level", 2),
                        Map.of("text", "None known."))));
        assertThat(written).contains("plan.docx", "a title", "2 heading(s)", "2 paragraph(s)", "1 bullet list(s)");

        String text = ok(pack, "docx.read", Map.of("path", "plan.docx"));

        assertThat(text).contains("# Project plan\n", "# Goals\n", "We ship in May.\nThen we rest.",
                "- faster builds\n- fewer bugs\n", "## Risks\n", "None known.");
        try (InputStream in = Files.newInputStream(dir.resolve("plan.docx")); XWPFDocument doc = new XWPFDocument(in)) {
            // real Word styles and a real list, not just bold text
            assertThat(doc.getStyles().getStyle("Heading2").getName()).isEqualTo("heading 2");
            assertThat(doc.getParagraphs().get(1).getStyleID()).isEqualTo("Heading1");
            assertThat(doc.getParagraphs().get(3).getNumFmt()).isEqualTo("bullet");
        }
    }

    @Test
    void readGivesTablesAsRowsFromADocumentWrittenByPoi() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(dir.resolve("t.docx"))) {
            XWPFParagraph p = doc.createParagraph();
            p.createRun().setText("Prices below.");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("item");
            table.getRow(0).getCell(1).setText("price");
            table.getRow(1).getCell(0).setText("tea");
            table.getRow(1).getCell(1).setText("3.50");
            doc.write(out);
        }

        assertThat(ok(pack, "docx.read", Map.of("path", "t.docx")))
                .isEqualTo("Prices below.\n| item | price |\n| tea | 3.50 |\n\n");
    }

    @Test
    void readIsCutAtTheCharacterLimit() {
        List<Object> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            blocks.add(Map.of("text", "paragraph " + i + " " + "words ".repeat(10)));
        }
        ok(pack, "docx.write", Map.of("path", "long.docx", "blocks", blocks));
        ToolPack small = DocumentsPack.builder().root(dir).maxChars(300).build();

        String text = ok(small, "docx.read", Map.of("path", "long.docx"));

        assertThat(text).contains("paragraph 0", "[cut: the limit of 300 characters was reached")
                .contains("more paragraphs or tables not shown").doesNotContain("paragraph 49");
    }

    @Test
    void writeWantsExactlyOneKindOfContentPerBlock() {
        assertThat(fails(pack, "docx.write", Map.of("path", "x.docx",
                "blocks", List.of(Map.of("text", "a"), Map.of("heading", "h", "text", "b")))))
                .contains("'blocks' item 1", "exactly one of heading, text or bullets");
        assertThat(fails(pack, "docx.write", Map.of("path", "x.docx",
                "blocks", List.of(Map.of("heading", "h", "level", 7)))))
                .contains("invalid arguments", "level");
        assertThat(fails(pack, "docx.write", Map.of("path", "x.txt", "blocks", List.of())))
                .contains("'path' must name a .docx file");
        assertThat(dir.resolve("x.docx")).doesNotExist();
    }

    @Test
    void encryptedAndOldBinaryDocumentsAreRefused() throws Exception {
        ok(pack, "docx.write", Map.of("path", "plain.docx", "blocks", List.of(Map.of("text", "hidden"))));
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("hunter2");
            try (OPCPackage opc = OPCPackage.open(dir.resolve("plain.docx").toFile());
                    OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("locked.docx"))) {
                fs.writeFilesystem(out);
            }
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(dir.resolve("old.docx"))) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "WordDocument");
            fs.writeFilesystem(out);
        }

        assertThat(fails(pack, "docx.read", Map.of("path", "locked.docx")))
                .contains("'locked.docx' is encrypted", "refused").doesNotContain("hunter2");
        assertThat(fails(pack, "docx.read", Map.of("path", "old.docx"))).contains("old binary Office file");
        Files.writeString(dir.resolve("text.docx"), "plain text");
        assertThat(fails(pack, "docx.read", Map.of("path", "text.docx"))).contains("is not a Word (.docx) file");
    }
}
