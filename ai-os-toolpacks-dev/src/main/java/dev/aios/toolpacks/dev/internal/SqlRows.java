package dev.aios.toolpacks.dev.internal;

import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.ToolHandlers;
import java.math.BigDecimal;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Turns result sets and table metadata into compact, bounded JSON-ready values. */
final class SqlRows {
    static final int MAX_LIST = 500;
    static final int MAX_CELL = 2_000;
    static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "pg_toast");

    private SqlRows() {}

    /** @return {columns, rows, rowCount[, cut]} with at most {@code maxRows} rows */
    static Map<String, Object> read(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<List<@Nullable Object>> rows = new ArrayList<>();
        boolean more = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                more = true;
                break;
            }
            List<@Nullable Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs.getObject(i)));
            }
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("columns", columns);
        out.put("rows", rows);
        out.put("rowCount", rows.size());
        if (more) {
            out.put("cut", "showing the first " + maxRows + " rows; more matched (narrow the query, or page with"
                    + " LIMIT/OFFSET)");
        }
        return out;
    }

    private static @Nullable Object value(@Nullable Object v) throws SQLException {
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case BigDecimal d -> d;
            case Double d when d.isNaN() || d.isInfinite() -> d.toString();
            case Float f when f.isNaN() || f.isInfinite() -> f.toString();
            case Number num -> num;
            case String s -> ToolHandlers.cut(s, MAX_CELL);
            case byte[] bytes -> "<binary, " + bytes.length + " bytes>";
            case Blob blob -> "<binary, " + blob.length() + " bytes>";
            case Clob clob -> ToolHandlers.cut(clob.getSubString(1, (int) Math.min(clob.length(), MAX_CELL + 1)), MAX_CELL);
            default -> ToolHandlers.cut(v.toString(), MAX_CELL);
        };
    }

    /** @return the columns of {@code table} as JSON, or an error naming what was looked for */
    static String describe(DatabaseMetaData md, String table, @Nullable String schema) throws SQLException {
        String name = null;
        String foundSchema = null;
        for (String candidate : new LinkedHashSet<>(List.of(table, table.toUpperCase(java.util.Locale.ROOT),
                table.toLowerCase(java.util.Locale.ROOT)))) {
            Set<String> schemas = new LinkedHashSet<>();
            try (ResultSet rs = md.getTables(null, schema, escape(md, candidate), null)) {
                while (rs.next()) {
                    String s = rs.getString("TABLE_SCHEM");
                    if (!SYSTEM_SCHEMAS.contains(s == null ? "" : s.toLowerCase(java.util.Locale.ROOT))) {
                        schemas.add(s);
                    }
                }
            }
            if (schemas.size() > 1) {
                throw new IllegalArgumentException("table '" + table + "' is in several schemas " + schemas
                        + "; give 'schema'");
            }
            if (schemas.size() == 1) {
                name = candidate;
                foundSchema = schemas.iterator().next();
                break;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("argument 'table': no table or view named '" + table + "'"
                    + (schema == null ? "" : " in schema '" + schema + "'") + " (sql.tables lists them)");
        }
        Set<String> primary = new LinkedHashSet<>();
        try (ResultSet rs = md.getPrimaryKeys(null, foundSchema, name)) {
            while (rs.next()) {
                primary.add(rs.getString("COLUMN_NAME"));
            }
        }
        Map<String, String> foreign = new HashMap<>();
        try (ResultSet rs = md.getImportedKeys(null, foundSchema, name)) {
            while (rs.next()) {
                foreign.put(rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME") + "("
                        + rs.getString("PKCOLUMN_NAME") + ")");
            }
        }
        List<Map<String, Object>> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, foundSchema, escape(md, name), null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", column);
                String type = rs.getString("TYPE_NAME");
                int size = rs.getInt("COLUMN_SIZE");
                boolean sized = type != null && type.toUpperCase(java.util.Locale.ROOT).matches(".*(CHAR|DECIMAL|NUMERIC).*");
                one.put("type", sized && size > 0 ? type + "(" + size + ")" : type);
                one.put("nullable", rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls);
                String def = rs.getString("COLUMN_DEF");
                if (def != null) {
                    one.put("default", def);
                }
                if (primary.contains(column)) {
                    one.put("key", "primary");
                } else if (foreign.containsKey(column)) {
                    one.put("key", "foreign -> " + foreign.get(column));
                }
                columns.add(one);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", foundSchema);
        out.put("table", name);
        out.put("columns", columns);
        return Json.text(out);
    }

    private static String escape(DatabaseMetaData md, String name) throws SQLException {
        String esc = md.getSearchStringEscape();
        return esc == null || esc.isEmpty() ? name : name.replace(esc, esc + esc).replace("_", esc + "_")
                .replace("%", esc + "%");
    }
}
