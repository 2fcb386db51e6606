package dev.aios.toolpacks.dev.internal;

import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.internal.Args;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sql pack's tools: query, execute, tables, describe. */
public final class SqlTools {
    private static final Logger LOG = LoggerFactory.getLogger(SqlTools.class);
    private static final String PARAMS = "{\"type\":\"array\",\"description\":\"values for the ? placeholders, in"
            + " order\",\"items\":{\"type\":[\"string\",\"number\",\"boolean\",\"null\"]}}";

    private final Map<String, SqlDatabase> databases;
    private final boolean writes;
    private final int timeoutSeconds;
    private final int maxRows;

    private SqlTools(List<SqlDatabase> databases, boolean writes, Duration timeout, int maxRows) {
        this.databases = new LinkedHashMap<>();
        databases.forEach(d -> this.databases.put(d.name(), d));
        this.writes = writes;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        this.maxRows = maxRows;
    }

    /** @return the sql pack over {@code databases} */
    public static ToolPack pack(List<SqlDatabase> databases, boolean writes, Duration timeout, int maxRows) {
        SqlTools t = new SqlTools(databases, writes, timeout, maxRows);
        boolean open = databases.stream().anyMatch(SqlDatabase::remote);
        ToolRisk read = new ToolRisk(Level.READ_ONLY, open, true);
        String db = "which database: " + (databases.isEmpty() ? "none is configured"
                : String.join(", ", t.databases.keySet())) + (databases.size() == 1 ? " (the default)" : "");
        return Pack.named("sql").examples(SqlTools.class)
                .tool("sql.query", "Ask a database with a SELECT query to look up or read data, returning the rows"
                        + " as JSON (at most " + maxRows + "). It cannot change data; changes go through"
                        + " sql.execute.", Schema.object().string("sql", "the SELECT statement; use ? for"
                                + " values").raw("params", PARAMS).string("database", db).required("sql").json(),
                        read, Output.OUTSIDE, t::query)
                .tool("sql.execute", "Change a database with one INSERT, UPDATE, DELETE or DDL statement (such as"
                        + " CREATE TABLE), returning the number of rows affected"
                        + (writes ? "." : "; the host has not enabled writes, so it is refused."),
                        Schema.object().string("sql", "the statement; use ? for values").raw("params", PARAMS)
                                .string("database", db).required("sql").json(),
                        new ToolRisk(Level.DESTRUCTIVE, open, false), Output.OUTSIDE, t::execute)
                .tool("sql.tables", "List the tables and views in a database, with their schema.",
                        Schema.object().string("schema", "only this schema").string("database", db).json(),
                        read, Output.OUTSIDE, t::tables)
                .tool("sql.describe", "Describe a database table's structure: its columns with name, type, whether"
                        + " it may be null, default, and primary or foreign key.",
                        Schema.object().string("table", "the table or view")
                                .string("schema", "its schema, when the name is in several")
                                .string("database", db).required("table").json(),
                        read, Output.OUTSIDE, t::describe)
                .build();
    }

    private SqlDatabase database(Map<String, Object> args) {
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("no database is configured for the sql tools (the host adds one with"
                    + " SqlPack.builder().database(name, jdbcUrl, user, password))");
        }
        String name = Args.string(args, "database", null);
        if (name == null) {
            if (databases.size() > 1) {
                throw new IllegalArgumentException("argument 'database' is needed: one of " + databases.keySet());
            }
            return databases.values().iterator().next();
        }
        SqlDatabase db = databases.get(name);
        if (db == null) {
            throw new IllegalArgumentException("argument 'database': no database named '" + name + "'; there are "
                    + databases.keySet());
        }
        return db;
    }

    private ToolResult query(Map<String, Object> args) throws SQLException {
        SqlDatabase db = database(args);
        // one reading statement only: H2 ignores setReadOnly, and both drivers run every statement of
        // "SELECT 1; DROP TABLE t", where no rollback undoes DDL or a COMMIT
        String sql = SqlQueryCheck.single(Args.string(args, "sql"));
        LOG.debug("sql.query on {}", db.name());
        try (Connection c = db.connect()) {
            // the database enforces read-only where it can (PostgreSQL: a read-only transaction); whatever a
            // query changed anyway (H2: FINAL TABLE (UPDATE ...)) is rolled back
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setMaxRows(maxRows + 1);
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    return ToolResult.success(Json.text(SqlRows.read(rs, maxRows)));
                }
            } catch (SQLException e) {
                throw refused(db, e, true);
            } finally {
                c.rollback();
            }
        }
    }

    private ToolResult execute(Map<String, Object> args) throws SQLException {
        if (!writes) {
            throw new IllegalArgumentException("writes are not enabled for the sql tools, so sql.execute is refused"
                    + " (the host enables it with SqlPack.builder().allowWrites()); sql.query reads");
        }
        SqlDatabase db = database(args);
        String sql = Args.string(args, "sql");
        LOG.debug("sql.execute on {}", db.name());
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setQueryTimeout(timeoutSeconds);
                bind(ps, args);
                if (ps.execute()) {
                    c.rollback();
                    throw new IllegalArgumentException("the statement returned rows; run queries with sql.query");
                }
                long count = ps.getLargeUpdateCount();
                c.commit();
                return ToolResult.success("done on " + db.name() + "; " + Math.max(0, count) + " rows affected");
            } catch (SQLException e) {
                c.rollback();
                throw refused(db, e, false);
            }
        }
    }

    private ToolResult tables(Map<String, Object> args) throws SQLException {
        SqlDatabase db = database(args);
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(null,
                Args.string(args, "schema", null), "%", null)) {
            List<Map<String, Object>> out = new ArrayList<>();
            int more = 0;
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                String type = rs.getString("TABLE_TYPE");
                String kind = type == null ? "" : type.toUpperCase(Locale.ROOT);
                if (!(kind.contains("TABLE") || kind.contains("VIEW")) || kind.contains("SYSTEM")
                        || SqlRows.SYSTEM_SCHEMAS.contains(schema == null ? "" : schema.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                if (out.size() == SqlRows.MAX_LIST) {
                    more++;
                    continue;
                }
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("schema", schema);
                one.put("name", rs.getString("TABLE_NAME"));
                one.put("type", kind.toLowerCase(Locale.ROOT));
                out.add(one);
            }
            return ToolResult.success(Json.text(out) + (more > 0 ? "\n[cut: " + more + " more tables]" : ""));
        } catch (SQLException e) {
            throw refused(db, e, false);
        }
    }

    private ToolResult describe(Map<String, Object> args) throws SQLException {
        SqlDatabase db = database(args);
        try (Connection c = db.connect()) {
            return ToolResult.success(SqlRows.describe(c.getMetaData(), Args.string(args, "table"),
                    Args.string(args, "schema", null)));
        } catch (SQLException e) {
            throw refused(db, e, false);
        }
    }

    private static void bind(PreparedStatement ps, Map<String, Object> args) throws SQLException {
        Object value = args.get("params");
        if (value instanceof List<?> params) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
        }
    }

    /** @return the database's refusal as a clear, scrubbed error */
    private static IllegalArgumentException refused(SqlDatabase db, SQLException e, boolean query) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (query && (e.getErrorCode() == 90002 || state.equals("25006") || state.equals("90002"))) {
            return new IllegalArgumentException("sql.query only reads; database '" + db.name() + "' refused the"
                    + " statement as a change (" + db.scrub(e.getMessage()) + "). Changes go through sql.execute");
        }
        return new IllegalArgumentException("database '" + db.name() + "' refused the statement: "
                + db.scrub(e.getMessage()));
    }
}
