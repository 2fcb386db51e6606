package dev.aios.toolpacks;

import static dev.aios.toolpacks.CoreCalls.fails;
import static dev.aios.toolpacks.CoreCalls.json;
import static dev.aios.toolpacks.CoreCalls.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataPackTest {
    static final String SALES = "region;product;amount\nnorth;apple;10\nsouth;pear;5.5\nnorth;pear;4\n";

    @TempDir
    Path dir;

    ToolPack data;

    @BeforeEach
    void setUp() throws Exception {
        data = DataPack.builder().root(dir).build();
        Files.writeString(dir.resolve("sales.csv"), SALES);
    }

    @Test
    void csvReadDetectsTheDelimiter() {
        JsonNode t = json(ok(data, "data.csv_read", "path", "sales.csv"));
        assertThat(t.path("columns").toString()).isEqualTo("[\"region\",\"product\",\"amount\"]");
        assertThat(t.path("total_rows").asInt()).isEqualTo(3);
        assertThat(t.path("rows").get(1).path("amount").asDouble()).isEqualTo(5.5);
    }

    @Test
    void csvQueryFiltersSortsAndChoosesColumns() {
        JsonNode t = json(ok(data, "data.csv_query", "path", "sales.csv",
                "where", List.of(Map.of("column", "region", "op", "=", "value", "north")),
                "columns", List.of("product", "amount"), "sort_by", "amount"));
        assertThat(t.path("rows").toString()).isEqualTo("[{\"product\":\"pear\",\"amount\":4},{\"product\":\"apple\",\"amount\":10}]");
        assertThat(fails(data, "data.csv_query", "path", "sales.csv", "sort_by", "price")).contains("no column 'price'");
    }

    @Test
    void csvSummaryWithGroups() {
        JsonNode s = json(ok(data, "data.csv_summary", "text", SALES.replace(';', ','), "group_by", "region"));
        assertThat(s.path("columns").path("amount").path("sum").asDouble()).isEqualTo(19.5);
        assertThat(s.path("columns").path("amount").path("max").asInt()).isEqualTo(10);
        assertThat(s.path("groups").path("north").path("amount").asInt()).isEqualTo(14);
        assertThat(s.path("groups").path("north").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void jsonQueryByPointerAndDottedPath() {
        String doc = "{\"items\":[{\"name\":\"a\"},{\"name\":\"b\"}]}";
        assertThat(ok(data, "data.json_query", "text", doc, "query", "/items/1/name")).isEqualTo("\"b\"");
        assertThat(ok(data, "data.json_query", "text", doc, "query", "items[0].name")).isEqualTo("\"a\"");
        assertThat(ok(data, "data.json_query", "text", doc, "query", "items[*].name")).isEqualTo("[\"a\",\"b\"]");
        assertThat(fails(data, "data.json_query", "text", doc, "query", "nope")).contains("nothing at 'nope'");
    }

    @Test
    void jsonFormatReportsSyntaxErrorsWithLineAndColumn() {
        assertThat(ok(data, "data.json_format", "text", "{\"a\":1}", "style", "pretty")).contains("\"a\" : 1");
        assertThat(ok(data, "data.json_format", "text", "{ \"a\" : [ 1, 2 ] }", "style", "minify")).isEqualTo("{\"a\":[1,2]}");
        assertThat(fails(data, "data.json_format", "text", "{\"a\":1,\n \"b\": }")).contains("line 2, column");
    }

    @Test
    void jsonValidateListsViolations() {
        String schema = "{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\",\"minimum\":0}},\"required\":[\"age\"]}";
        assertThat(json(ok(data, "data.json_validate", "text", "{\"age\":3}", "schema", schema)).path("valid").asBoolean())
                .isTrue();
        JsonNode bad = json(ok(data, "data.json_validate", "text", "{\"age\":-1}", "schema", schema));
        assertThat(bad.path("valid").asBoolean()).isFalse();
        assertThat(bad.path("errors").get(0).asText()).contains("age");
    }

    @Test
    void xmlQueryWithXPath() throws Exception {
        Files.writeString(dir.resolve("books.xml"), "<lib><book><title>A</title></book><book><title>B</title></book></lib>");
        JsonNode r = json(ok(data, "data.xml_query", "path", "books.xml", "xpath", "//book/title"));
        assertThat(r.path("values").toString()).isEqualTo("[\"A\",\"B\"]");
        assertThat(json(ok(data, "data.xml_query", "path", "books.xml", "xpath", "count(//book)")).path("value").asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void xmlExternalEntitiesAreRefused() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + dir.resolve("secret.txt")
                + "\">]><r>&x;</r>";
        assertThat(fails(data, "data.xml_query", "text", xxe, "xpath", "/r")).contains("DOCTYPE").doesNotContain("TOPSECRET");
        assertThat(fails(data, "data.convert", "text", xxe, "from", "xml", "to", "json")).doesNotContain("TOPSECRET");
    }

    @Test
    void convertsBetweenFormats() throws Exception {
        String json = ok(data, "data.convert", "path", "sales.csv", "to", "json");
        assertThat(json(json).get(0).path("region").asText()).isEqualTo("north");
        String yaml = ok(data, "data.convert", "text", json, "from", "json", "to", "yaml");
        assertThat(yaml).contains("region: \"north\"").contains("amount: 10");
        String csv = ok(data, "data.convert", "text", yaml, "from", "yaml", "to", "csv");
        assertThat(csv.lines().toList()).containsExactly("region,product,amount", "north,apple,10", "south,pear,5.5",
                "north,pear,4");
        ok(data, "data.convert", "text", "{\"a\":{\"b\":\"c\"}}", "from", "json", "to", "xml", "output", "out/a.xml");
        assertThat(Files.readString(dir.resolve("out/a.xml"))).contains("<b>c</b>");
        assertThat(fails(data, "data.convert", "text", "{}", "from", "json", "to", "json", "output", "../x.json"))
                .contains("outside");
    }
}
