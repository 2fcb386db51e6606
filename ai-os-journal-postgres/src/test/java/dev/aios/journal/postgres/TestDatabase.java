package dev.aios.journal.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the tests run against: {@code AIOS_TEST_POSTGRES_URL} (or the system
 * property {@code aios.test.postgres.url}), a JDBC URL with the user (and password, if any) in it.
 * Without one, the tests that need it skip. Each test class works in a schema of its own, dropped
 * afterwards, so classes never see each other's tables.
 */
final class TestDatabase {
    static final String HOW = "PostgreSQL was not available (AIOS_TEST_POSTGRES_URL and -Daios.test.postgres.url are "
            + "unset): its journal tests skip. Start a throwaway server with eval \"$(.ci/postgres-start)\" "
            + "(stop it with .ci/postgres-stop), or point AIOS_TEST_POSTGRES_URL at a database you may write to";

    private TestDatabase() {}

    /** @return the URL, or null when none is set */
    static String urlOrNull() {
        String url = System.getProperty("aios.test.postgres.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("AIOS_TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? null : url;
    }

    /** @return the URL; skips the test (a JUnit assumption) when none is set */
    static String url() {
        String url = urlOrNull();
        assumeTrue(url != null, HOW);
        return url;
    }

    /** @return a new schema's name for {@code owner}'s tests, skipping without a server */
    static String newSchema(Class<?> owner) {
        String schema = "t_" + owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
                + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute(url(), "CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops a schema made by {@link #newSchema}, and everything in it. */
    static void dropSchema(String schema) {
        if (schema != null && urlOrNull() != null) {
            execute(urlOrNull(), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static void execute(String url, String statement) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + Sql.scrub(url) + " failed: " + statement + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return a journal on the test server in {@code schema}, tables {@code prefix}* */
    static PostgresRunJournal.Builder journal(String schema, String prefix) {
        return PostgresRunJournal.builder(url(), null, null).schema(schema).tablePrefix(prefix);
    }
}
