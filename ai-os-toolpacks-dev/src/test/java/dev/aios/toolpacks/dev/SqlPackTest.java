package dev.aios.toolpacks.dev;

import static dev.aios.toolpacks.dev.Calls.fails;
import static dev.aios.toolpacks.dev.Calls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.ToolPack;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlPackTest {
    static final String PASSWORD = "pa55-Very-Secret";

    @TempDir
    Path dir;

    String url;
    ToolPack writer;
    ToolPack reader;

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:h2:" + dir.resolve("shop").toAbsolutePath();
        writer = SqlPack.builder().database("shop", url, "sa", PASSWORD).allowWrites().build();
        reader = SqlPack.builder().database("shop", url, "sa", PASSWORD).maxRows(2).build();
        ok(writer, "sql.execute", Map.of("sql", "CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
                + " city VARCHAR(40))"));
        ok(writer, "sql.execute", Map.of("sql", "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT"
                + " REFERENCES customer(id), total DECIMAL(10,2))"));
        ok(writer, "sql.execute", Map.of("sql", "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100"));
    }

    @Test
    void executeInsertsWithParametersAndQueryReadsRows() {
        for (Object[] row : List.of(new Object[] {1, "Ada", "London"}, new Object[] {2, "Grace", "New York"},
                new Object[] {3, "Linus", null})) {
            assertThat(ok(writer, "sql.execute", Map.of("sql", "INSERT INTO customer VALUES (?, ?, ?)",
                    "params", Arrays.asList(row)))).contains("1 rows affected");
        }
        assertThat(ok(writer, "sql.execute", Map.of("sql", "UPDATE customer SET city = 'Paris' WHERE id > 1")))
                .contains("2 rows affected");
        String rows = ok(writer, "sql.query", Map.of("sql", "SELECT id, name, city FROM customer WHERE id < ?"
                + " ORDER BY id", "params", List.of(3)));
        assertThat(rows).isEqualTo("{\"columns\":[\"ID\",\"NAME\",\"CITY\"],\"rows\":[[1,\"Ada\",\"London\"],"
                + "[2,\"Grace\",\"Paris\"]],\"rowCount\":2}");
    }

    @Test
    void queryResultsAreBoundedAndSaySo() {
        ok(writer, "sql.execute", Map.of("sql", "INSERT INTO customer SELECT x, 'c' || x, NULL FROM SYSTEM_RANGE(1, 5)"));
        String rows = ok(reader, "sql.query", Map.of("sql", "SELECT id FROM customer ORDER BY id"));
        assertThat(rows).contains("[[1],[2]]").contains("\"rowCount\":2").contains("showing the first 2 rows");
    }

    @Test
    void readOnlyPackRefusesChangesThroughQueryAndExecute() {
        ok(writer, "sql.execute", Map.of("sql", "INSERT INTO customer VALUES (1, 'Ada', 'London')"));
        assertThat(fails(reader, "sql.query", Map.of("sql", "UPDATE customer SET city = 'Rome'")))
                .contains("sql.query only reads");
        assertThat(fails(reader, "sql.execute", Map.of("sql", "DELETE FROM customer")))
                .contains("writes are not enabled").contains("allowWrites()");
        // a query that changes data on the way is rolled back
        ok(reader, "sql.query", Map.of("sql", "SELECT * FROM FINAL TABLE (UPDATE customer SET city = 'Rome')"));
        assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT city FROM customer"))).contains("London")
                .doesNotContain("Rome");
    }

    @Test
    void queryRefusesMoreThanOneStatementSoNothingChanges() {
        ok(writer, "sql.execute", Map.of("sql", "INSERT INTO customer VALUES (1, 'Ada', 'London')"));
        for (String attack : List.of("SELECT 1; DELETE FROM customer; COMMIT", "SELECT 1; DROP TABLE orders",
                "SELECT 1; DROP VIEW big_orders;", "SELECT 'a;b'; DELETE FROM customer",
                "SELECT 1 /* x */ ; -- y\nDROP TABLE orders", "COMMIT; DELETE FROM customer; SELECT 1",
                "DELETE FROM customer", "/* SELECT */ DROP TABLE orders", "SELECT \"a;\"\"\" ; DROP TABLE orders",
                "SELECT 1 /* ; */", "SELECT 1 /* /* */ ' */ ; DROP TABLE orders; -- '",
                "SELECT 'x\\'; DROP TABLE orders; --'", "SELECT 1 // '\n'; DROP TABLE orders; --'")) {
            for (ToolPack pack : List.of(reader, writer)) {
                assertThat(fails(pack, "sql.query", Map.of("sql", attack))).as(attack)
                        .contains("sql.query only reads");
            }
        }
        assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT name FROM customer"))).contains("Ada");
        assertThat(ok(reader, "sql.tables", Map.of())).contains("ORDERS").contains("BIG_ORDERS");
    }

    @Test
    void queryAllowsSemicolonsInLiteralsCommentsFirstAndOneTrailingSemicolon() {
        ok(writer, "sql.execute", Map.of("sql", "INSERT INTO customer VALUES (1, 'Ada; Lovelace', 'it''s;')"));
        assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT name, city FROM customer WHERE name = 'Ada; Lovelace'"
                + " AND city = 'it''s;';"))).contains("Ada; Lovelace").contains("it's;");
        assertThat(ok(reader, "sql.query", Map.of("sql", "-- who\n/* the customers */ SELECT name AS \"a;b\""
                + " FROM customer ;  \n"))).contains("a;b").contains("Ada; Lovelace");
        assertThat(ok(reader, "sql.query", Map.of("sql", "SELECT $$x;y$$ AS v"))).contains("x;y");
        assertThat(ok(reader, "sql.query", Map.of("sql", "WITH c AS (SELECT id FROM customer) SELECT * FROM c")))
                .contains("[[1]]");
        assertThat(ok(reader, "sql.query", Map.of("sql", "VALUES (1)"))).contains("[[1]]");
        assertThat(ok(reader, "sql.query", Map.of("sql", "(SELECT 2)"))).contains("[[2]]");
    }

    @Test
    void tablesListsTablesAndViews() {
        String tables = ok(reader, "sql.tables", Map.of());
        assertThat(tables).contains("{\"schema\":\"PUBLIC\",\"name\":\"CUSTOMER\",\"type\":\"base table\"}")
                .contains("\"name\":\"ORDERS\"").contains("\"name\":\"BIG_ORDERS\",\"type\":\"view\"")
                .doesNotContain("INFORMATION_SCHEMA");
    }

    @Test
    void describeGivesColumnsTypesNullabilityAndKeys() {
        String orders = ok(reader, "sql.describe", Map.of("table", "orders"));
        assertThat(orders).contains("\"table\":\"ORDERS\"")
                .contains("{\"name\":\"ID\",\"type\":\"INTEGER\",\"nullable\":false,\"key\":\"primary\"}")
                .contains("\"key\":\"foreign -> CUSTOMER(ID)\"")
                .contains("\"name\":\"TOTAL\",\"type\":\"DECIMAL(10)\",\"nullable\":true");
        assertThat(ok(reader, "sql.describe", Map.of("table", "CUSTOMER"))).contains("\"type\":\"CHARACTER VARYING(40)\"");
        assertThat(fails(reader, "sql.describe", Map.of("table", "nope"))).contains("no table or view named 'nope'");
    }

    @Test
    void passwordsNeverAppearInErrors() {
        String badPassword = "Wr0ng-Secret-Value";
        ToolPack wrong = SqlPack.builder().database("shop", url, "sa", badPassword).build();
        String error = fails(wrong, "sql.query", Map.of("sql", "SELECT 1"));
        assertThat(error).contains("cannot connect to database 'shop'").doesNotContain(badPassword);
        String syntax = fails(writer, "sql.query", Map.of("sql", "SELECT '" + PASSWORD + "' FROM nowhere"));
        assertThat(syntax).contains("refused the statement").doesNotContain(PASSWORD);
        assertThat(writer.toString() + writer.tools()).doesNotContain(PASSWORD);
    }

    @Test
    void withoutDatabasesOrWithAnUnknownNameCallsAreRefused() {
        assertThat(fails(SqlPack.builder().build(), "sql.tables", Map.of()))
                .contains("no database is configured");
        assertThat(fails(reader, "sql.tables", Map.of("database", "other"))).contains("no database named 'other'");
    }

    @Test
    void risksAreTrue() {
        assertThat(reader.find("sql.query").orElseThrow().risk()).isEqualTo(ToolRisk.READ_ONLY);
        assertThat(reader.find("sql.execute").orElseThrow().risk().level()).isEqualTo(ToolRisk.Level.DESTRUCTIVE);
        ToolPack remote = SqlPack.builder().database("r", "jdbc:postgresql://db.example.com/x", null, null).build();
        assertThat(remote.find("sql.query").orElseThrow().risk().openWorld()).isTrue();
        ToolPack local = SqlPack.builder().database("l", "jdbc:postgresql://localhost:5432/x", null, null).build();
        assertThat(local.find("sql.query").orElseThrow().risk().openWorld()).isFalse();
    }

    static void jdbc(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
