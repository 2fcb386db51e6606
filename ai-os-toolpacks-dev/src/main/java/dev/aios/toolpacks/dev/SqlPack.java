package dev.aios.toolpacks.dev;

import dev.aios.toolpacks.ToolPack;
import dev.aios.toolpacks.dev.internal.SqlDatabase;
import dev.aios.toolpacks.dev.internal.SqlTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sql} pack: sql.query, sql.execute, sql.tables and sql.describe on databases the host
 * names, over JDBC (the H2 and PostgreSQL drivers come with this module; any other driver on the
 * class path works too). Read-only by default: sql.query runs in a read-only transaction that is
 * always rolled back, so even a query with side effects changes nothing, and sql.execute is
 * refused until {@link Builder#allowWrites()}. Passwords never appear in results, errors or logs.
 * With no database configured, every call is refused.
 *
 * <p>sql.query also refuses text that is not a single statement starting with SELECT, WITH,
 * VALUES, TABLE, SHOW or EXPLAIN (H2 ignores the read-only flag, and a second statement such as
 * {@code COMMIT} or {@code DROP TABLE} could not be rolled back). These checks narrow what a query
 * can do, but the real guarantee is a database user that can only read: a read-only role in
 * PostgreSQL, or for H2 a user with only SELECT rights or {@code ;ACCESS_MODE_DATA=r} in the URL.
 *
 * <p>For an agent you do not fully trust, also give it a database user with only the rights it
 * needs: an H2 administrator, for one, can read and write files through SQL functions.
 * {@snippet :
 * ToolPack sql = SqlPack.builder()
 *         .database("shop", "jdbc:postgresql://localhost/shop", "reader", System.getenv("SHOP_DB_PASSWORD"))
 *         .queryTimeout(Duration.ofSeconds(10))
 *         .maxRows(200)
 *         .build();
 * }
 */
public final class SqlPack {
    private SqlPack() {}

    /** @return a builder with no database, read-only, a 30 s query timeout and 500 rows at most */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures an sql pack. */
    public static final class Builder {
        private final List<SqlDatabase> databases = new ArrayList<>();
        private boolean writes;
        private Duration timeout = Duration.ofSeconds(30);
        private int maxRows = 500;

        private Builder() {}

        /**
         * Adds a database the tools may use; the first one added is the default when only one is.
         *
         * @param name what tools call it (letters, digits, {@code _ . -})
         * @param jdbcUrl its JDBC URL, such as {@code jdbc:h2:/data/app} or {@code jdbc:postgresql://host/db}
         * @param user the user, or null when the URL carries it
         * @param password the password, or null; kept out of every result, error and log
         */
        public Builder database(String name, String jdbcUrl, @Nullable String user, @Nullable String password) {
            SqlDatabase db = new SqlDatabase(name, jdbcUrl, user, password);
            if (databases.stream().anyMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("a database named '" + name + "' was already added");
            }
            databases.add(db);
            return this;
        }

        /** Enables sql.execute (INSERT, UPDATE, DELETE, DDL); off by default. */
        public Builder allowWrites() {
            this.writes = true;
            return this;
        }

        /** Sets how long one statement may run (default 30 s, whole seconds, at least 1). */
        public Builder queryTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "query timeout");
            if (timeout.toSeconds() < 1) {
                throw new IllegalArgumentException("the sql pack's query timeout must be at least 1 second, not "
                        + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** Sets how many rows sql.query returns at most (default 500); the result says when it cut. */
        public Builder maxRows(int maxRows) {
            if (maxRows < 1 || maxRows > 100_000) {
                throw new IllegalArgumentException("the sql pack's maxRows must be between 1 and 100000, not "
                        + maxRows);
            }
            this.maxRows = maxRows;
            return this;
        }

        /** @return the pack */
        public ToolPack build() {
            return SqlTools.pack(databases, writes, timeout, maxRows);
        }
    }
}
