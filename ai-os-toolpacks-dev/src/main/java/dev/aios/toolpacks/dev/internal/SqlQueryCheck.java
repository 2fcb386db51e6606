package dev.aios.toolpacks.dev.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Checks that the text sql.query gets is one reading statement before it reaches the driver: H2
 * ignores {@code Connection.setReadOnly} and, like the PostgreSQL driver, runs every statement of
 * {@code "SELECT 1; DROP TABLE t"}, and no rollback undoes a DDL statement or a {@code COMMIT}.
 *
 * <p>A small tokenizer skips string literals ({@code '...'}, {@code $$...$$}, {@code $tag$...$tag$}),
 * quoted identifiers ({@code "..."}) and comments ({@code --}, {@code /* *}{@code /}) so that a
 * {@code ;} inside them is allowed; anything the databases could read differently (a nested block
 * comment, {@code //}, backticks, a backslash before a quote, a {@code ;} inside a comment) is refused
 * rather than guessed. The statement must start with SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN;
 * one trailing {@code ;} is allowed and dropped.
 */
final class SqlQueryCheck {
    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN");

    private SqlQueryCheck() {}

    /** @return {@code sql} without its trailing {@code ;}, or throws when it is not one reading statement */
    static String single(String sql) {
        int n = sql.length();
        int end = -1; // index of the statement-ending ';'
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (c == '\'') {
                i = quoted(sql, i, '\'');
            } else if (c == '"') {
                i = quoted(sql, i, '"');
            } else if (c == '-' && next == '-') {
                int nl = lineEnd(sql, i);
                noSemicolon(sql, i, nl);
                i = nl;
            } else if (c == '/' && next == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw refuse("it has an unclosed /* comment");
                }
                if (sql.indexOf("/*", i + 2) >= 0 && sql.indexOf("/*", i + 2) < close) {
                    throw refuse("it has a nested /* comment, which databases read differently");
                }
                noSemicolon(sql, i, close);
                i = close + 2;
            } else if (c == '/' && next == '/') {
                throw refuse("it has '//', a comment in H2 but not elsewhere");
            } else if (c == '`') {
                throw refuse("it has backticks; quote identifiers with double quotes");
            } else if (c == '$' && (i == 0 || !identifierPart(sql.charAt(i - 1))) && dollarTag(sql, i) > 0) {
                int tagEnd = dollarTag(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                if (close < 0) {
                    throw refuse("it has an unclosed " + tag + " string");
                }
                if (tag.length() > 2) {
                    noSemicolon(sql, tagEnd, close); // $tag$ is PostgreSQL only: other databases would split there
                }
                i = close + tag.length();
            } else if (c == ';') {
                if (end >= 0) {
                    throw refuse("it has more than one statement");
                }
                end = i;
                i++;
            } else {
                if (end >= 0 && !Character.isWhitespace(c)) {
                    throw refuse("it has more than one statement");
                }
                i++;
            }
        }
        String statement = end >= 0 ? sql.substring(0, end) : sql;
        String first = firstWord(statement);
        if (!READING.contains(first)) {
            throw refuse("it does not start with " + String.join(", ", READING.stream().sorted().toList())
                    + (first.isEmpty() ? "" : " but with " + first));
        }
        return statement;
    }

    /** @return the index after the literal or identifier opened by {@code quote} at {@code start} */
    private static int quoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                throw refuse("it has \\' in a string, which databases read differently; double the quote: ''");
            }
            i++;
        }
        throw refuse("it has an unclosed " + quote + " quote");
    }

    /** @return the index after {@code $tag$} starting at {@code i}, or -1 when none starts there */
    private static int dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int lineEnd(String sql, int i) {
        int j = i;
        while (j < sql.length() && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private static void noSemicolon(String sql, int from, int to) {
        if (sql.substring(from, to).indexOf(';') >= 0) {
            throw refuse("it has a ';' inside a comment");
        }
    }

    /** @return the first word after leading whitespace, comments and opening parentheses, upper case */
    private static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                i = lineEnd(sql, i);
            } else if (sql.startsWith("/*", i)) {
                i = sql.indexOf("*/", i + 2) + 2; // closed: checked by single()
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    private static IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("sql.query only reads: it runs one statement starting"
                + " with SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN, and refused this one: " + why + ". Changes go through sql.execute");
    }
}
