package dev.aios.toolpacks.office;

import static dev.aios.toolpacks.office.Calls.fails;
import static dev.aios.toolpacks.office.Calls.json;
import static dev.aios.toolpacks.office.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.toolpacks.ToolPack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SheetToolsTest {
    @TempDir
    Path dir;

    ToolPack pack;

    @BeforeEach
    void pack() {
        pack = DocumentsPack.builder().root(dir).build();
    }

    @Test
    void writeStoresNumbersAsNumbersAndReadCalculatesFormulas() throws IOException {
        String written = ok(pack, "xlsx.write", Map.of("path", "sales.xlsx", "sheet", "Q1", "header", true,
                "formulas", true, "rows", List.of(
                        List.of("item", "qty", "price"),
                        List.of("tea", 2, 3.5),
                        Arrays.asList("cake", 3, null),
                        List.of("total", "=SUM(B2:B3)", "=B2*C2"))));
        assertThat(written).contains("4 row(s), 11 cell(s)", "sheet 'Q1'", "new workbook sales.xlsx");

        JsonNode read = json(ok(pack, "xlsx.read", Map.of("path", "sales.xlsx")));

        assertThat(read.get("sheets").toString()).isEqualTo("[\"Q1\"]");
        assertThat(read.get("rows").toString())
                .isEqualTo("[[\"item\",\"qty\",\"price\"],[\"tea\",2,3.5],[\"cake\",3],[\"total\",5,7]]");
        try (InputStream in = Files.newInputStream(dir.resolve("sales.xlsx")); Workbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheet("Q1");
            assertThat(sheet.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(3).getCell(1).getCellFormula()).isEqualTo("SUM(B2:B3)");
            assertThat(book.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
        }
    }

    @Test
    void formulaTextIsStoredAsTextUnlessFormulasAreAskedFor() throws IOException {
        ok(pack, "xlsx.write", Map.of("path", "t.xlsx", "rows", List.of(List.of("=1+1", "12"))));
        assertThat(json(ok(pack, "xlsx.read", Map.of("path", "t.xlsx"))).get("rows").toString())
                .isEqualTo("[[\"=1+1\",\"12\"]]");
    }

    @Test
    void writeAddsASheetToAnExistingWorkbookAndReplacesOneOnlyWhenTold() {
        ok(pack, "xlsx.write", Map.of("path", "book.xlsx", "sheet", "A", "rows", List.of(List.of(1))));
        ok(pack, "xlsx.write", Map.of("path", "book.xlsx", "sheet", "B", "rows", List.of(List.of(2))));
        assertThat(fails(pack, "xlsx.write", Map.of("path", "book.xlsx", "sheet", "A", "rows", List.of(List.of(3)))))
                .contains("already has a sheet named 'A'", "replaceSheet");
        ok(pack, "xlsx.write", Map.of("path", "book.xlsx", "sheet", "A", "replaceSheet", true,
                "rows", List.of(List.of(3))));

        JsonNode a = json(ok(pack, "xlsx.read", Map.of("path", "book.xlsx", "sheet", "A")));
        assertThat(a.get("sheets").toString()).isEqualTo("[\"A\",\"B\"]");
        assertThat(a.get("rows").toString()).isEqualTo("[[3]]");
        assertThat(json(ok(pack, "xlsx.read", Map.of("path", "book.xlsx", "sheet", "B"))).get("rows").toString())
                .isEqualTo("[[2]]");
    }

    @Test
    void readGivesDatesBooleansAndGapsFromAWorkbookWrittenByPoi() throws IOException {
        try (Workbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("p.xlsx"))) {
            book.createSheet("Empty");
            Sheet sheet = book.createSheet("Data");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row r0 = sheet.createRow(0);
            r0.createCell(0).setCellValue(LocalDate.of(2024, 2, 29));
            r0.getCell(0).setCellStyle(date);
            r0.createCell(2).setCellValue(true);
            Row r2 = sheet.createRow(2);
            r2.createCell(0).setCellFormula("IF(C1,\"yes\",\"no\")");
            r2.createCell(1).setCellFormula("1/0");
            book.write(out);
        }

        JsonNode read = json(ok(pack, "xlsx.read", Map.of("path", "p.xlsx", "sheet", "Data")));

        assertThat(read.get("rows").toString()).isEqualTo("[[\"2024-02-29\",null,true],[],[\"yes\",\"#DIV/0!\"]]");
        assertThat(read.get("sheets").toString()).isEqualTo("[\"Empty\",\"Data\"]");
    }

    @Test
    void readIsBoundedAndSaysWhereToGoOn() {
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rows.add(List.of("row " + i, i));
        }
        ok(pack, "xlsx.write", Map.of("path", "long.xlsx", "rows", rows));

        JsonNode part = json(ok(pack, "xlsx.read", Map.of("path", "long.xlsx", "fromRow", 11, "rows", 10)));
        assertThat(part.get("rows").size()).isEqualTo(10);
        assertThat(part.get("rows").get(0).get(0).asText()).isEqualTo("row 11");
        assertThat(part.get("lastRow").asInt()).isEqualTo(30);
        assertThat(part.get("cut").asText()).contains("rows 21-30 not shown", "fromRow 21");

        ToolPack small = DocumentsPack.builder().root(dir).maxChars(100).build();
        JsonNode cut = json(ok(small, "xlsx.read", Map.of("path", "long.xlsx")));
        assertThat(cut.get("rows").size()).isBetween(1, 9);
        assertThat(cut.get("cut").asText()).contains("limit of 100 characters");
    }

    @Test
    void anUnknownSheetIsAnErrorThatListsTheSheets() {
        ok(pack, "xlsx.write", Map.of("path", "b.xlsx", "sheet", "Only", "rows", List.of(List.of("x"))));
        assertThat(fails(pack, "xlsx.read", Map.of("path", "b.xlsx", "sheet", "Other")))
                .contains("argument 'sheet'", "no sheet named 'Other'", "[Only]");
        assertThat(fails(pack, "xlsx.write", Map.of("path", "b.xlsx", "sheet", "bad/name", "rows", List.of())))
                .contains("argument 'sheet'");
    }

    @Test
    void readAlsoTakesAnOldXlsWorkbookAndRefusesAnEncryptedOne() throws Exception {
        try (Workbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("old.xls"))) {
            Row row = book.createSheet("Legacy").createRow(0);
            row.createCell(0).setCellValue("n");
            row.createCell(1).setCellFormula("6*7");
            book.write(out);
        }
        assertThat(json(ok(pack, "xlsx.read", Map.of("path", "old.xls"))).get("rows").toString())
                .isEqualTo("[[\"n\",42]]");

        ok(pack, "xlsx.write", Map.of("path", "plain.xlsx", "rows", List.of(List.of("hidden"))));
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("hunter2");
            try (OPCPackage opc = OPCPackage.open(dir.resolve("plain.xlsx").toFile());
                    OutputStream os = encryptor.getDataStream(fs)) {
                opc.save(os);
            }
            try (OutputStream out = Files.newOutputStream(dir.resolve("locked.xlsx"))) {
                fs.writeFilesystem(out);
            }
        }
        assertThat(fails(pack, "xlsx.read", Map.of("path", "locked.xlsx")))
                .contains("'locked.xlsx' is encrypted", "refused").doesNotContain("hunter2");
        assertThat(fails(pack, "xlsx.write", Map.of("path", "locked.xlsx", "sheet", "More", "rows", List.of())))
                .contains("encrypted");
    }
}
