package dev.aios.toolpacks.office.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellValue;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * The spreadsheet tools, on Apache POI: {@code xlsx.read} gives a sheet's cells as rows of JSON
 * values (formulas evaluated; a formula that refers to another workbook keeps its cached value,
 * since no other file is opened); {@code xlsx.write} writes rows to a sheet of a new or existing
 * workbook.
 */
public final class SheetTools {
    private static final String FORMAT = "Excel (.xlsx or .xls)";
    private static final int MAX_ROWS = 1000;
    private static final int MAX_COLUMNS = 200;
    private static final String ROWS = """
            {"type":"array","description":"the rows, top to bottom; each row is an array of cell values (string,\
             number, true/false, or null for an empty cell)","items":{"type":"array",\
            "items":{"type":["string","number","boolean","null"]}}}""";

    private final DocumentAccess docs;

    private SheetTools(DocumentAccess docs) {
        this.docs = docs;
    }

    /** Adds the {@code xlsx.*} tools to {@code pack}. */
    public static void addTo(Pack.Builder pack, DocumentAccess docs) {
        SheetTools sheets = new SheetTools(docs);
        pack.tool("xlsx.read", "Read or open an Excel spreadsheet (.xlsx workbook): one sheet's cells as rows of"
                + " values, with formulas calculated, and the workbook's sheet names. For CSV files, use"
                + " data.csv_read.",
                Schema.object().string("path", DocumentAccess.PATH)
                        .string("sheet", "the sheet's name (default: the first sheet)")
                        .integer("fromRow", "first row to read, 1-based (default 1)")
                        .integer("rows", "how many rows to read (default and most: " + MAX_ROWS + ")")
                        .required("path").json(),
                ToolRisk.READ_ONLY, Pack.Output.OUTSIDE, sheets::read);
        pack.tool("xlsx.write", "Create or write an Excel spreadsheet (.xlsx): rows of values into a new workbook,"
                + " or a new sheet in an existing one. Numbers are stored as numbers.",
                Schema.object().string("path", "the .xlsx file to write, relative to the documents folder")
                        .string("sheet", "the sheet's name (default Sheet1)")
                        .raw("rows", ROWS)
                        .bool("header", "make the first row bold, as column headings (default false)")
                        .bool("formulas", "store text that starts with = as a formula, such as =SUM(A1:A3)"
                                + " (default false: stored as text)")
                        .bool("replaceSheet", "replace the sheet if the workbook has one of that name (default false:"
                                + " an error)")
                        .required("path", "rows").json(),
                DocumentAccess.WRITES, Pack.Output.COMPUTED, sheets::write);
    }

    private ToolResult read(Map<String, Object> args) throws IOException {
        Path file = docs.existing(args, "path");
        String shown = docs.show(file);
        int fromRow = DocumentAccess.atLeast(args, "fromRow", 1, 1);
        int count = Math.min(DocumentAccess.atLeast(args, "rows", 1, MAX_ROWS), MAX_ROWS);
        try (Workbook book = open(file, shown)) {
            Sheet sheet = sheet(book, Args.string(args, "sheet", null), shown);
            FormulaEvaluator evaluator = book.getCreationHelper().createFormulaEvaluator();
            evaluator.setIgnoreMissingWorkbooks(true);
            int lastRow = sheet.getLastRowNum() + 1;
            int toRow = Math.min(lastRow, fromRow + count - 1);
            List<List<@Nullable Object>> rows = new ArrayList<>();
            int size = 0;
            int widest = 0;
            String cut = null;
            for (int r = fromRow; r <= toRow; r++) {
                List<@Nullable Object> cells = cells(sheet.getRow(r - 1), evaluator);
                widest = Math.max(widest, cells.size());
                size += Json.text(cells).length() + 1;
                if (size > docs.maxChars()) {
                    cut = "the limit of " + docs.maxChars() + " characters was reached; rows " + r + "-" + lastRow
                            + " not shown; call again with fromRow " + r;
                    break;
                }
                rows.add(cells);
            }
            if (cut == null && toRow < lastRow) {
                cut = "rows " + (toRow + 1) + "-" + lastRow + " not shown; call again with fromRow " + (toRow + 1);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("path", shown);
            result.put("sheets", names(book));
            result.put("sheet", sheet.getSheetName());
            result.put("lastRow", lastRow);
            result.put("fromRow", fromRow);
            result.put("rows", rows);
            if (widest >= MAX_COLUMNS) {
                result.put("columnsCut", "only the first " + MAX_COLUMNS + " columns are shown");
            }
            if (cut != null) {
                result.put("cut", cut);
            }
            return ToolResult.success(Json.text(result));
        }
    }

    private static Workbook open(Path file, String shown) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return WorkbookFactory.create(in);
        } catch (IOException | RuntimeException e) {
            throw OfficeFiles.unreadable(shown, FORMAT, e);
        }
    }

    private static Sheet sheet(Workbook book, @Nullable String name, String shown) {
        if (book.getNumberOfSheets() == 0) {
            throw new IllegalArgumentException("'" + shown + "' has no sheets");
        }
        if (name == null) {
            return book.getSheetAt(0);
        }
        Sheet sheet = book.getSheet(name);
        if (sheet == null) {
            throw new IllegalArgumentException("argument 'sheet': '" + shown + "' has no sheet named '" + name
                    + "'; its sheets are " + names(book));
        }
        return sheet;
    }

    private static List<String> names(Workbook book) {
        List<String> names = new ArrayList<>();
        book.sheetIterator().forEachRemaining(s -> names.add(s.getSheetName()));
        return names;
    }

    /** @return the row's values from column A, empty cells as null, without trailing empty cells */
    private static List<@Nullable Object> cells(@Nullable Row row, FormulaEvaluator evaluator) {
        List<@Nullable Object> cells = new ArrayList<>();
        if (row == null || row.getLastCellNum() < 0) {
            return cells;
        }
        int last = Math.min(row.getLastCellNum(), MAX_COLUMNS);
        for (int c = 0; c < last; c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? null : value(cell, evaluator));
        }
        while (!cells.isEmpty() && cells.getLast() == null) {
            cells.removeLast();
        }
        return cells;
    }

    private static @Nullable Object value(Cell cell, FormulaEvaluator evaluator) {
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            try {
                CellValue value = evaluator.evaluate(cell);
                return switch (value.getCellType()) {
                    case NUMERIC -> number(cell, value.getNumberValue());
                    case STRING -> value.getStringValue();
                    case BOOLEAN -> value.getBooleanValue();
                    case ERROR -> FormulaError.forInt(value.getErrorValue()).getString();
                    default -> null;
                };
            } catch (RuntimeException e) {
                // a function POI does not know, or a broken reference: the value Excel saved last
                type = cell.getCachedFormulaResultType();
            }
        }
        return switch (type) {
            case NUMERIC -> number(cell, cell.getNumericCellValue());
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }

    /** A whole number as a whole number, a date-formatted one as an ISO date (and time, when it has one). */
    private static Object number(Cell cell, double value) {
        CellStyle style = cell.getCellStyle();
        if (style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString())
                && DateUtil.isValidExcelDate(value)) {
            LocalDateTime date = DateUtil.getLocalDateTime(value);
            return date.toLocalTime().toSecondOfDay() == 0 ? date.toLocalDate().toString() : date.toString();
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value;
        }
        return value;
    }

    private ToolResult write(Map<String, Object> args) throws IOException {
        Path file = docs.writable(args, "path", ".xlsx");
        String shown = docs.show(file);
        String name = Args.string(args, "sheet", "Sheet1");
        boolean formulas = Args.bool(args, "formulas", false);
        boolean exists = Files.exists(file);
        try (Workbook book = exists ? open(file, shown) : new XSSFWorkbook()) {
            if (!(book instanceof XSSFWorkbook)) {
                throw new IllegalArgumentException("'" + shown + "' is not an .xlsx workbook");
            }
            int index = book.getSheetIndex(name);
            if (index >= 0) {
                if (!Args.bool(args, "replaceSheet", false)) {
                    throw new IllegalArgumentException("'" + shown + "' already has a sheet named '" + name
                            + "'; pass replaceSheet: true to replace it, or give another sheet name");
                }
                book.removeSheetAt(index);
            }
            Sheet sheet;
            try {
                sheet = book.createSheet(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument 'sheet': " + e.getMessage());
            }
            if (index >= 0) {
                book.setSheetOrder(name, index);
            }
            List<?> rows = (List<?>) args.get("rows");
            CellStyle bold = Args.bool(args, "header", false) ? boldStyle(book) : null;
            int cells = 0;
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<?> values = (List<?>) rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Object value = values.get(c);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    set(cell, value, formulas, r, c);
                    if (bold != null && r == 0) {
                        cell.setCellStyle(bold);
                    }
                    cells++;
                }
            }
            DocumentAccess.write(file, book::write);
            return ToolResult.success("wrote " + rows.size() + " row(s), " + cells + " cell(s) to sheet '" + name
                    + "' of " + (exists ? "" : "the new workbook ") + shown);
        }
    }

    private static void set(Cell cell, Object value, boolean formulas, int r, int c) {
        switch (value) {
            case Number n -> cell.setCellValue(n.doubleValue());
            case Boolean b -> cell.setCellValue(b);
            case String s when formulas && s.startsWith("=") && s.length() > 1 -> {
                try {
                    cell.setCellFormula(s.substring(1));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("argument 'rows': row " + (r + 1) + ", column " + (c + 1)
                            + " holds the formula " + s + ", which is not valid (" + e.getMessage() + ")");
                }
            }
            default -> cell.setCellValue(OfficeFiles.xmlSafe(value.toString()));
        }
    }

    private static CellStyle boldStyle(Workbook book) {
        Font font = book.createFont();
        font.setBold(true);
        CellStyle style = book.createCellStyle();
        style.setFont(font);
        return style;
    }
}
