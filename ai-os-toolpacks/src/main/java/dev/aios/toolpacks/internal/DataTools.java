package dev.aios.toolpacks.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.aios.api.ToolResult;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPathEvaluationResult;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathNodes;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The code of the JSON, XML and conversion tools: each public method is the tool of the same name
 * ({@code data.json_query}...). XML is parsed with DTDs and external entities off (no XXE).
 */
public final class DataTools {
    private static final int MAX_RESULT = 50_000;
    private static final ObjectMapper JSON = Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final XmlMapper XML = new XmlMapper(new XmlFactory(safeStax()));
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaLoader(l -> l.fetchRemoteResources(false)));
    private final Roots roots;

    /** @param roots where data files may be read and converted files written */
    public DataTools(Roots roots) {
        this.roots = roots;
    }

    public ToolResult jsonQuery(Map<String, Object> args) throws IOException {
        JsonNode root = parseJson(TextFiles.input(args, roots, "path", "text"));
        String query = Args.text(args, "query").strip();
        JsonNode found = query.isEmpty() || query.startsWith("/") ? root.at(JsonPointer.compile(query)) : dotted(root, query);
        if (found.isMissingNode()) {
            throw new IllegalArgumentException("argument 'query': nothing at '" + query + "'");
        }
        return ToolResult.success(ToolHandlers.cut(found.toString(), MAX_RESULT));
    }

    public ToolResult jsonFormat(Map<String, Object> args) throws IOException {
        JsonNode root = parseJson(TextFiles.input(args, roots, "path", "text"));
        boolean minify = "minify".equals(Args.string(args, "style", "pretty"));
        String out = minify ? root.toString() : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        return ToolResult.success(ToolHandlers.cut(out, MAX_RESULT));
    }

    public ToolResult jsonValidate(Map<String, Object> args) throws IOException {
        JsonNode doc = parseJson(TextFiles.input(args, roots, "path", "text"));
        JsonNode schemaNode = parseJson(TextFiles.input(args, roots, "schema_path", "schema"));
        List<Error> errors;
        try {
            errors = SCHEMAS.getSchema(schemaNode.toString(), InputFormat.JSON).validate(doc.toString(), InputFormat.JSON);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the schema cannot be used: " + e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("valid", errors.isEmpty());
        result.put("errors", errors.stream().limit(100).map(e -> {
            String at = e.getInstanceLocation().toString();
            return (at.isEmpty() || at.equals("$") ? "" : at + ": ") + e.getMessage();
        }).toList());
        return ToolResult.success(Json.text(result));
    }

    public ToolResult xmlQuery(Map<String, Object> args) throws IOException {
        TextFiles.Input in = TextFiles.input(args, roots, "path", "text");
        Document doc = parseXml(in.text());
        String xpath = Args.string(args, "xpath");
        XPathEvaluationResult<?> r;
        try {
            XPathFactory f = XPathFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            r = f.newXPath().evaluateExpression(xpath, doc);
        } catch (XPathExpressionException | javax.xml.xpath.XPathFactoryConfigurationException e) {
            throw new IllegalArgumentException("argument 'xpath' is not a valid XPath expression: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        switch (r.type()) {
            case NODESET -> {
                XPathNodes nodes = (XPathNodes) r.value();
                List<String> values = new ArrayList<>();
                for (Node n : nodes) {
                    if (values.size() == 200) {
                        break;
                    }
                    values.add(ToolHandlers.cut(n.getNodeType() == Node.ELEMENT_NODE && n.getChildNodes().getLength() > 1
                            ? serialize(n) : n.getTextContent(), 2000));
                }
                result.put("count", nodes.size());
                result.put("values", values);
            }
            case NODE -> result.put("values", List.of(((Node) r.value()).getTextContent()));
            default -> result.put("value", r.value());
        }
        return ToolResult.success(Json.text(result));
    }

    public ToolResult convert(Map<String, Object> args) throws IOException {
        TextFiles.Input in = TextFiles.input(args, roots, "path", "text");
        String from = Args.string(args, "from", null);
        if (from == null) {
            from = in.file() == null ? null : extension(in.shown());
            if (from == null) {
                throw new IllegalArgumentException("argument 'from' is needed (csv, json, yaml or xml)");
            }
        }
        String to = Args.string(args, "to");
        JsonNode data = switch (from) {
            case "csv" -> {
                CsvTools.Table t = CsvTools.parse(in.text(), null);
                yield Json.MAPPER.valueToTree(t.rows());
            }
            case "json" -> parseJson(in);
            case "yaml", "yml" -> YAML.readTree(in.text());
            case "xml" -> {
                parseXml(in.text()); // refuses DTDs and entities before Jackson reads it
                yield XML.readTree(in.text());
            }
            default -> throw new IllegalArgumentException("argument 'from': '" + from + "' is not csv, json, yaml or xml");
        };
        String out = switch (to) {
            case "json" -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
            case "yaml", "yml" -> YAML.writeValueAsString(data);
            case "xml" -> XML.writerWithDefaultPrettyPrinter().withRootName("data")
                    .writeValueAsString(data.isArray() ? JsonNodeFactory.instance.objectNode().set("item", data) : data);
            case "csv" -> csv(data);
            default -> throw new IllegalArgumentException("argument 'to': '" + to + "' is not csv, json, yaml or xml");
        };
        String output = Args.string(args, "output", null);
        if (output == null) {
            return ToolResult.success(ToolHandlers.cut(out, MAX_RESULT));
        }
        Path file = roots.resolve(output, Roots.Access.WRITE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Args.bool(args, "overwrite", false)) {
            throw new IllegalArgumentException("'" + roots.display(file) + "' already exists; pass overwrite: true");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        return ToolResult.success("wrote " + to + " to '" + roots.display(file) + "' (" + out.length() + " characters)");
    }

    private static String csv(JsonNode data) throws IOException {
        if (!data.isArray()) {
            throw new IllegalArgumentException("only a list of objects converts to CSV, not a " + data.getNodeType());
        }
        Set<String> columns = new LinkedHashSet<>();
        data.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode row : data) {
            if (!row.isObject()) {
                throw new IllegalArgumentException("only a list of objects converts to CSV; an item is a "
                        + row.getNodeType());
            }
            Map<String, String> flat = new LinkedHashMap<>();
            for (String c : columns) {
                JsonNode v = row.get(c);
                flat.put(c, v == null || v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString());
            }
            rows.add(flat);
        }
        return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
    }

    private static JsonNode parseJson(TextFiles.Input in) {
        try {
            return JSON.readTree(in.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("'" + in.shown() + "' is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        }
    }

    private static JsonNode dotted(JsonNode root, String path) {
        List<JsonNode> current = List.of(root);
        boolean many = false;
        for (String token : path.replace("[", ".[").split("\\.")) {
            if (token.isEmpty()) {
                continue;
            }
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if (token.equals("[*]") || token.equals("*")) {
                    n.forEach(next::add);
                    many = true;
                } else if (token.startsWith("[") && token.endsWith("]")) {
                    JsonNode c = n.path(Integer.parseInt(token.substring(1, token.length() - 1).strip()));
                    if (!c.isMissingNode()) {
                        next.add(c);
                    }
                } else if (n.has(token)) {
                    next.add(n.get(token));
                }
            }
            current = next;
        }
        if (many) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            current.forEach(a::add);
            return a;
        }
        return current.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : current.get(0);
    }

    static Document parseXml(String text) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(text)));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(m.contains("DOCTYPE") ? "XML with a DOCTYPE is refused (DTDs and external"
                    + " entities are disabled for safety)" : "the XML cannot be read: " + m);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe: " + e.getMessage(), e);
        }
    }

    private static String serialize(Node n) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(n), new StreamResult(w));
            return w.toString();
        } catch (javax.xml.transform.TransformerException e) {
            return n.getTextContent();
        }
    }

    private static XMLInputFactory safeStax() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
