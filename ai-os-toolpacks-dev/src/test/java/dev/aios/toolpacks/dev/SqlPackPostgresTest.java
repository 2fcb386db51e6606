package dev.aios.toolpacks.dev;

import static dev.aios.toolpacks.dev.Calls.fails;
import static dev.aios.toolpacks.dev.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aios.toolpacks.ToolPack;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sql pack on a real PostgreSQL server, found the way ai-os-journal-postgres's tests find one:
 * {@code AIOS_TEST_PG_URL} or {@code AIOS_TEST_POSTGRES_URL} (what {@code .ci/postgres-start} sets),
 * or {@code -Daios.test.postgres.url}: a JDBC URL with the user (and password, if any) in it.
 */
class SqlPackPostgresTest {
    static final String HOW = "PostgreSQL was not available (AIOS_TEST_PG_URL, AIOS_TEST_POSTGRES_URL and"
            + " -Daios.test.postgres.url are unset): the sql pack's PostgreSQL test skips. Start a throwaway server with"
            + " eval \"$(.ci/postgres-start)\", or point AIOS_TEST_PG_URL at a database you may write to";

    static String url() {
        String url = System.getProperty("aios.test.postgres.url");
        for (String name : List.of("AIOS_TEST_PG_URL", "AIOS_TEST_POSTGRES_URL")) {
            if (url == null || url.isBlank()) {
                url = System.getenv(name);
            }
        }
        assumeTrue(url != null && !url.isBlank(), HOW);
        return url;
    }

    @Test
    void queriesDescribesAndRefusesWritesInReadOnlyMode() throws Exception {
        String url = url();
        String schema = "t_sqlpack_" + UUID.randomUUID().toString().substring(0, 8);
        SqlPackTest.jdbc(url, "CREATE SCHEMA " + schema);
        try {
            ToolPack writer = SqlPack.builder().database("pg", url, null, null).allowWrites().build();
            ToolPack reader = SqlPack.builder().database("pg", url, null, null).build();
            ok(writer, "sql.execute", Map.of("sql", "CREATE TABLE " + schema + ".item (id int PRIMARY KEY,"
                    + " label text NOT NULL)"));
            assertThat(ok(writer, "sql.execute", Map.of("sql", "INSERT INTO " + schema + ".item VALUES (?, ?), (?, ?)",
                    "params", List.of(1, "one", 2, "two")))).contains("2 rows affected");
            assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT label FROM " + schema + ".item WHERE id = ?",
                    "params", List.of(2)))).contains("[[\"two\"]]");
            assertThat(ok(reader, "sql.tables", Map.of("schema", schema))).contains("\"name\":\"item\"");
            assertThat(ok(reader, "sql.describe", Map.of("table", "item", "schema", schema)))
                    .contains("\"name\":\"id\"").contains("\"key\":\"primary\"");
            assertThat(fails(reader, "sql.query", Map.of("sql", "UPDATE " + schema + ".item SET label = 'x'"
                    + " RETURNING id"))).contains("sql.query only reads");
            assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT count(*) FROM " + schema + ".item"
                    + " WHERE label = 'x'"))).contains("[[0]]");
        } finally {
            SqlPackTest.jdbc(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
