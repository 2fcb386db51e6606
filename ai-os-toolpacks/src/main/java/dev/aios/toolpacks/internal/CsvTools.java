package dev.aios.toolpacks.internal;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.aios.api.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The code of the CSV tools (Jackson CSV): each public method is the tool of the same name
 * ({@code data.csv_read}...). A table's first row is its header; the delimiter is found by
 * counting {@code , ; tab} in the header unless given.
 */
public final class CsvTools {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private final Roots roots;

    /** @param roots where CSV files may be read */
    public CsvTools(Roots roots) {
        this.roots = roots;
    }

    /** A parsed table. */
    public record Table(List<String> columns, List<Map<String, Object>> rows) {}

    /** @return the table of the file or text the arguments name */
    public Table table(Map<String, Object> args) throws IOException {
        TextFiles.Input in = TextFiles.input(args, roots, "path", "text");
        return parse(in.text(), Args.string(args, "delimiter", null));
    }

    /** @return the table in {@code text}, cells that look like numbers as numbers */
    public static Table parse(String text, @Nullable String delimiter) throws IOException {
        char sep = delimiter == null ? detect(text) : delimiter.equals("\\t") || delimiter.equals("tab") ? '\t'
                : delimiter.charAt(0);
        List<List<String>> raw = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(sep)).readValues(text)) {
            while (it.hasNextValue()) {
                raw.add(it.nextValue());
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the CSV cannot be read: " + e.getMessage());
        }
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("the CSV is empty (it needs a header row)");
        }
        List<String> columns = raw.get(0).stream().map(String::strip).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> cells : raw.subList(1, raw.size())) {
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), i < cells.size() ? value(cells.get(i)) : "");
            }
            rows.add(row);
        }
        return new Table(columns, rows);
    }

    public ToolResult read(Map<String, Object> args) throws IOException {
        Table t = table(args);
        int offset = (int) Math.max(0, Args.integer(args, "offset", 0));
        int limit = (int) Math.clamp(Args.integer(args, "limit", 100), 1, 1000);
        return ToolResult.success(Json.text(page(t.columns(), t.rows(), offset, limit)));
    }

    public ToolResult query(Map<String, Object> args) throws IOException {
        Table t = table(args);
        List<Map<String, Object>> rows = new ArrayList<>(t.rows());
        Object where = args.get("where");
        if (where instanceof List<?> conditions) {
            for (Object c : conditions) {
                if (!(c instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("each 'where' item must be {column, op, value}");
                }
                String column = column(t, String.valueOf(m.get("column")), "where");
                String op = String.valueOf(m.get("op"));
                Object value = m.get("value") instanceof String s ? value(s) : m.get("value");
                rows.removeIf(r -> !test(r.get(column), op, value));
            }
        }
        String sortBy = Args.string(args, "sort_by", null);
        if (sortBy != null) {
            String col = column(t, sortBy, "sort_by");
            Comparator<Map<String, Object>> order = Comparator.comparing(r -> r.get(col), CsvTools::compare);
            rows.sort(Args.bool(args, "descending", false) ? order.reversed() : order);
        }
        List<String> columns = Args.strings(args, "columns");
        if (!columns.isEmpty()) {
            for (String c : columns) {
                column(t, c, "columns");
            }
            rows = rows.stream().map(r -> {
                Map<String, Object> kept = new LinkedHashMap<>();
                columns.forEach(c -> kept.put(c, r.get(c)));
                return kept;
            }).toList();
        }
        int limit = (int) Math.clamp(Args.integer(args, "limit", 100), 1, 1000);
        return ToolResult.success(Json.text(page(columns.isEmpty() ? t.columns() : columns, rows, 0, limit)));
    }

    public ToolResult summary(Map<String, Object> args) throws IOException {
        Table t = table(args);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", t.rows().size());
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String c : t.columns()) {
            columns.put(c, stats(t.rows(), c));
        }
        result.put("columns", columns);
        String groupBy = Args.string(args, "group_by", null);
        if (groupBy != null) {
            String g = column(t, groupBy, "group_by");
            Map<String, List<Map<String, Object>>> groups = new TreeMap<>();
            for (Map<String, Object> r : t.rows()) {
                groups.computeIfAbsent(String.valueOf(r.get(g)), k -> new ArrayList<>()).add(r);
            }
            Map<String, Object> totals = new LinkedHashMap<>();
            groups.entrySet().stream().limit(200).forEach(e -> {
                Map<String, Object> sums = new LinkedHashMap<>();
                sums.put("count", e.getValue().size());
                for (String c : t.columns()) {
                    if (!c.equals(g) && e.getValue().stream().allMatch(r -> r.get(c) instanceof Number)) {
                        sums.put(c, tidy(e.getValue().stream().mapToDouble(r -> ((Number) r.get(c)).doubleValue()).sum()));
                    }
                }
                totals.put(e.getKey(), sums);
            });
            result.put("groups", totals);
            if (groups.size() > 200) {
                result.put("cut", "showed 200 of " + groups.size() + " groups");
            }
        }
        return ToolResult.success(Json.text(result));
    }

    private static Map<String, Object> stats(List<Map<String, Object>> rows, String column) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Object> values = rows.stream().map(r -> r.get(column)).filter(v -> !"".equals(v)).toList();
        s.put("count", values.size());
        if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof Number)) {
            double[] d = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            double sum = 0;
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double x : d) {
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            s.put("sum", tidy(sum));
            s.put("mean", tidy(sum / d.length));
            s.put("min", tidy(min));
            s.put("max", tidy(max));
        } else {
            s.put("distinct", values.stream().distinct().count());
        }
        return s;
    }

    private static Map<String, Object> page(List<String> columns, List<Map<String, Object>> rows, int offset, int limit) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("columns", columns);
        int from = Math.min(offset, rows.size());
        int to = Math.min(rows.size(), from + limit);
        result.put("rows", rows.subList(from, to));
        result.put("total_rows", rows.size());
        if (to - from < rows.size()) {
            result.put("shown", "rows " + (from + 1) + " to " + to + " of " + rows.size() + "; use offset and limit");
        }
        return result;
    }

    private static String column(Table t, String name, String argument) {
        if (!t.columns().contains(name)) {
            throw new IllegalArgumentException("argument '" + argument + "': no column '" + name + "' (the columns are "
                    + t.columns() + ")");
        }
        return name;
    }

    private static boolean test(Object cell, String op, Object value) {
        int c = compare(cell, value);
        return switch (op) {
            case "=", "==" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "contains" -> String.valueOf(cell).contains(String.valueOf(value));
            case "starts_with" -> String.valueOf(cell).startsWith(String.valueOf(value));
            default -> throw new IllegalArgumentException("argument 'where': unknown op '" + op
                    + "' (use = != < <= > >= contains starts_with)");
        };
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static Object value(String cell) {
        String s = cell.strip();
        if (NUMBER.matcher(s).matches()) {
            if (s.matches("-?\\d{1,18}")) {
                return Long.parseLong(s);
            }
            return Double.parseDouble(s);
        }
        return cell;
    }

    private static Object tidy(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) (Math.round(d * 1e6) / 1e6);
    }

    private static char detect(String text) {
        int nl = text.indexOf('\n');
        String header = nl < 0 ? text : text.substring(0, nl);
        char best = ',';
        long most = header.chars().filter(ch -> ch == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long n = header.chars().filter(ch -> ch == c).count();
            if (n > most) {
                most = n;
                best = c;
            }
        }
        return best;
    }
}
