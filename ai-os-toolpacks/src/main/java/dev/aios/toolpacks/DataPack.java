package dev.aios.toolpacks;

import dev.aios.api.ToolRisk;
import dev.aios.toolpacks.internal.CsvTools;
import dev.aios.toolpacks.internal.DataTools;
import dev.aios.toolpacks.internal.Pack;
import dev.aios.toolpacks.internal.Pack.Output;
import dev.aios.toolpacks.internal.Roots;
import dev.aios.toolpacks.internal.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The {@code data} pack: read, filter and summarise CSV; query, format and validate JSON; query
 * XML with XPath (DTDs and external entities disabled); convert between CSV, JSON, YAML and XML
 * (Jackson). Each tool takes its input inline ({@code text}) or as a file inside the roots
 * ({@code path}); with no root only inline text works.
 * {@snippet :
 * ToolPack data = DataPack.builder().readOnlyRoot(Path.of("datasets")).root(Path.of("out")).build();
 * }
 * Tools: {@code data.csv_read, data.csv_query, data.csv_summary, data.json_query,
 * data.json_format, data.json_validate, data.xml_query, data.convert}.
 */
public final class DataPack {
    private DataPack() {}

    /** @return a builder with no folders (inline text only until a root is added) */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures the folders of a data pack. */
    public static final class Builder {
        private final Roots.Builder roots = Roots.builder("data tools");

        private Builder() {}

        /** Adds a folder whose files the tools may read, and where data.convert may write (created when missing). */
        public Builder root(Path folder) {
            roots.add(Objects.requireNonNull(folder, "root"), true);
            return this;
        }

        /** Adds a folder whose files the tools may read only. */
        public Builder readOnlyRoot(Path folder) {
            roots.add(Objects.requireNonNull(folder, "readOnlyRoot"), false);
            return this;
        }

        /** @return the pack */
        public ToolPack build() {
            Roots r = roots.build();
            CsvTools csv = new CsvTools(r);
            DataTools data = new DataTools(r);
            String path = "a file inside the roots";
            String delimiter = "the cell separator: , ; or tab (default: detected from the header)";
            String where = """
                    {"type":"array","description":"conditions every row must meet","items":{"type":"object",\
                    "properties":{"column":{"type":"string"},"op":{"type":"string","enum":["=","!=","<","<=",">",">=",\
                    "contains","starts_with"]},"value":{"type":["string","number","boolean"]}},\
                    "required":["column","op","value"],"additionalProperties":false}}""";
            return Pack.named("data").examples(DataPack.class)
                    .tool("data.csv_read", "Read or open a CSV file or text (a table whose first row is the header)"
                            + " as JSON rows, a page at a time. To filter or sort rows use data.csv_query; Excel"
                            + " files need xlsx.read.",
                            Schema.object().string("path", path).string("text", "the CSV text itself")
                                    .string("delimiter", delimiter).integer("offset", "rows to skip (default 0)")
                                    .integer("limit", "rows to return (default 100)").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, csv::read)
                    .tool("data.csv_query", "Filter, sort and select rows of a CSV table: keep the rows meeting"
                            + " conditions on columns (equals, greater than, contains...), choose columns, order by"
                            + " one column and limit the count.",
                            Schema.object().string("path", path).string("text", "the CSV text itself")
                                    .string("delimiter", delimiter).raw("where", where)
                                    .strings("columns", "the columns to keep (default all)")
                                    .string("sort_by", "a column to sort by").bool("descending", "sort high to low")
                                    .integer("limit", "rows to return (default 100)").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, csv::query)
                    .tool("data.csv_summary", "Summarise a CSV table: each column's count, sum, average (mean),"
                            + " minimum and maximum, optionally with totals per value of a group-by column.",
                            Schema.object().string("path", path).string("text", "the CSV text itself")
                                    .string("delimiter", delimiter).string("group_by", "a column to group rows by")
                                    .json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, csv::summary)
                    .tool("data.json_query", "Extract or pick out part of a JSON document by a path, a JSON Pointer"
                            + " such as /items/0/name or a dotted path such as items[*].name.",
                            Schema.object().string("path", path).string("text", "the JSON text itself")
                                    .string("query", "a JSON Pointer or dotted path; empty for the whole document")
                                    .required("query").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, data::jsonQuery)
                    .tool("data.json_format", "Pretty-print (indent) or minify JSON, which also checks that it is"
                            + " valid JSON and reports any error with its line and column. To check against a JSON"
                            + " Schema, use data.json_validate.",
                            Schema.object().string("path", path).string("text", "the JSON text itself")
                                    .choice("style", "pretty (default) or minify", List.of("pretty", "minify")).json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, data::jsonFormat)
                    .tool("data.json_validate", "Validate a JSON document against a JSON Schema and list everything"
                            + " that does not fit. For a plain syntax check or pretty-printing, use"
                            + " data.json_format.",
                            Schema.object().string("path", "the document, as " + path).string("text",
                                    "the document as text").string("schema_path", "the schema, as " + path)
                                    .string("schema", "the schema as text").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, data::jsonValidate)
                    .tool("data.xml_query", "Extract values from an XML document with an XPath expression, such as"
                            + " //book/title or count(//book). Documents with a DOCTYPE are refused.",
                            Schema.object().string("path", path).string("text", "the XML text itself")
                                    .string("xpath", "the XPath expression, e.g. //book/title or count(//book)")
                                    .required("xpath").json(),
                            ToolRisk.READ_ONLY, Output.OUTSIDE, data::xmlQuery)
                    .tool("data.convert", "Convert data from one format to another among CSV, JSON, YAML and XML"
                            + " (for example CSV to JSON); returns the text, or saves it to an 'output' file inside"
                            + " a writable folder.",
                            Schema.object().string("path", path).string("text", "the data as text")
                                    .choice("from", "the input format (default: from the file extension)",
                                            List.of("csv", "json", "yaml", "xml"))
                                    .choice("to", "the output format", List.of("csv", "json", "yaml", "xml"))
                                    .string("output", "a file to write instead of returning the text")
                                    .bool("overwrite", "replace 'output' if it exists (default false)")
                                    .required("to").json(),
                            new ToolRisk(ToolRisk.Level.SIDE_EFFECTING, false, false), Output.OUTSIDE, data::convert)
                    .build();
        }
    }
}
