package dev.aios.journal.postgres;

import dev.aios.api.spi.JournalException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's plumbing: its connections (a few idle ones kept for reuse, no pool library), its
 * table names, and how an {@link SQLException} becomes a {@link JournalException}.
 */
final class Sql {
    private static final Logger log = LoggerFactory.getLogger(Sql.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");
    private static final int MAX_IDLE = 8;

    final DataSource dataSource;
    /** Where the journal is, for messages: a JDBC URL without credentials. */
    final String where;
    final String runs;
    final String entries;
    final @Nullable String schema;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Sql(DataSource dataSource, String where, @Nullable String schema, String tablePrefix) {
        this.dataSource = dataSource;
        this.where = where;
        this.schema = schema;
        String qualifier = schema == null ? "" : schema + ".";
        this.runs = qualifier + tablePrefix + "runs";
        this.entries = qualifier + tablePrefix + "entries";
    }

    /** @return {@code name}, if it is a plain SQL identifier (nothing to quote, nothing to inject) */
    static String identifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain SQL identifier (letters, digits, _; at most "
                    + "41 characters, not starting with a digit), was '" + name + "'");
        }
        return name;
    }

    /**
     * @return a JDBC URL without its parameters (which may hold the password) and without a user and
     *     password before the host: what messages and logs may show
     */
    static String scrub(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return "a PostgreSQL data source";
        }
        int query = url.indexOf('?');
        String s = query < 0 ? url : url.substring(0, query);
        return s.replaceAll("//[^/@]*@", "//***@");
    }

    /** @return an open connection, idle or new, not in auto-commit */
    Connection borrow() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new SQLException("the journal is closed", "08003");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            quietlyClose(c);
            throw e;
        }
        return c;
    }

    /** Gives back a connection whose transaction ended (committed or rolled back). */
    void release(Connection c) {
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(c);
                return;
            }
        }
        quietlyClose(c);
    }

    /** Closes a connection whose transaction failed: it may be broken, so it is not reused. */
    void discard(@Nullable Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed()) {
                c.rollback();
            }
        } catch (SQLException e) {
            log.debug("rollback failed on a discarded connection to {}: {}", where, e.getMessage());
        }
        quietlyClose(c);
    }

    /** Closes every idle connection; later borrows fail. */
    void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Sql::quietlyClose);
            idle.clear();
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a connection failed: {}", e.getMessage());
        }
    }

    /**
     * @param operation what was being done, as "append to run X", "claim run X"
     * @return a JournalException naming the operation, the journal and the SQLState; retriable when
     *     the failure is the connection's, the server's resources or a transaction conflict
     */
    JournalException failure(String operation, SQLException e) {
        String state = e.getSQLState() == null ? "none" : e.getSQLState();
        boolean retriable = retriable(state);
        String message = "PostgreSQL journal at " + where + ": could not " + operation + ": " + e.getMessage()
                + " (SQLState " + state + ")"
                + (retriable ? "; the database may be unreachable or busy: try again once it is back"
                        : "; check the database and the journal's tables");
        return new JournalException(message, retriable, e);
    }

    static boolean retriable(String state) {
        return state.startsWith("08") // connection exceptions
                || state.startsWith("40") // serialization failure, deadlock
                || state.startsWith("53") // insufficient resources
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // shutdown, cannot connect now
                || state.equals("57014"); // statement timeout / cancel
    }
}
