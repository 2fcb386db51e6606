package dev.aios.toolpacks.dev.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.ToolRisk;
import dev.aios.api.ToolRisk.Level;
import dev.aios.toolpacks.internal.Json;
import dev.aios.toolpacks.internal.ToolHandlers;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OpenAPI 3 document (JSON or YAML) into the operations that become tools. A document that
 * refers to another file or URL ({@code $ref} not starting with {@code #}) is refused: the pack
 * never fetches anything at build time, and the host inlines what it trusts.
 */
final class OpenApiImport {
    private static final int MAX_DEPTH = 12;

    private OpenApiImport() {}

    /** One parameter of an operation: where it goes, under which name. */
    record Param(String argument, String name, String in, boolean required) {}

    /** One operation, ready to become a tool. */
    record Op(String tool, String method, String path, @Nullable String server, String description, String schema,
            List<Param> params, @Nullable String bodyArgument, ToolRisk risk) {}

    /** @return the operations of {@code spec}, tools named {@code prefix.<operationId>} */
    static List<Op> read(String prefix, String spec, Set<String> packHeaders) {
        refuseExternalRefs(spec);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setValidateExternalRefs(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(spec, null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getPaths() == null) {
            List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
            throw new IllegalArgumentException("the spec is not an OpenAPI 3 document with paths"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages.stream().limit(5).toList())));
        }
        List<Op> ops = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            PathItem item = path.getValue();
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.readOperationsMap().entrySet()) {
                ops.add(op(prefix, api, path.getKey(), item, e.getKey().name(), e.getValue(), names, packHeaders));
            }
        }
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("the spec has no operations");
        }
        return ops;
    }

    private static Op op(String prefix, OpenAPI api, String path, PathItem item, String method, Operation op,
            Set<String> names, Set<String> packHeaders) {
        String base = op.getOperationId() != null && !op.getOperationId().isBlank() ? op.getOperationId()
                : method.toLowerCase(Locale.ROOT) + "_" + path;
        String name = prefix + "." + base.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_{2,}", "_").replaceAll("^_+|_+$", "");
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "_" + i;
        }
        ObjectNode properties = Json.MAPPER.createObjectNode();
        ArrayNode required = Json.MAPPER.createArrayNode();
        List<Param> params = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (op.getParameters() != null) {
            all.addAll(op.getParameters());
        }
        for (Parameter p : all) {
            String in = p.getIn() == null ? "query" : p.getIn();
            if (!Set.of("path", "query", "header").contains(in)
                    || in.equals("header") && packHeaders.contains(p.getName().toLowerCase(Locale.ROOT))) {
                continue; // cookies are not sent; headers the pack sets itself (auth) are not the model's to give
            }
            params.removeIf(q -> q.name().equals(p.getName()) && q.in().equals(in)); // operation overrides path item
            String argument = params.stream().anyMatch(q -> q.argument().equals(p.getName()))
                    ? in + "_" + p.getName() : p.getName();
            boolean req = in.equals("path") || Boolean.TRUE.equals(p.getRequired());
            ObjectNode schema = schema(p.getSchema(), 0);
            if (p.getDescription() != null) {
                schema.put("description", ToolHandlers.cut(p.getDescription(), 300));
            }
            if (!schema.has("description")) {
                schema.put("description", in + " parameter " + p.getName());
            }
            properties.set(argument, schema);
            params.add(new Param(argument, p.getName(), in, req));
        }
        params.stream().filter(Param::required).forEach(p -> required.add(p.argument()));
        String bodyArgument = null;
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
            MediaType json = op.getRequestBody().getContent().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("json"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (json != null) {
                bodyArgument = properties.has("body") ? "request_body" : "body";
                ObjectNode schema = schema(json.getSchema(), 0);
                schema.put("description", "the JSON request body" + (op.getRequestBody().getDescription() == null
                        ? "" : ": " + ToolHandlers.cut(op.getRequestBody().getDescription(), 300)));
                properties.set(bodyArgument, schema);
                if (Boolean.TRUE.equals(op.getRequestBody().getRequired())) {
                    required.add(bodyArgument);
                }
            }
        }
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("type", "object");
        input.set("properties", properties);
        input.put("additionalProperties", false);
        if (!required.isEmpty()) {
            input.set("required", required);
        }
        String summary = op.getSummary() != null ? op.getSummary() : op.getDescription() != null ? op.getDescription() : "";
        String description = (summary.isBlank() ? "Calls" : ToolHandlers.cut(summary.strip(), 300)) + " (" + method + " "
                + path + ")";
        return new Op(unique, method, path, server(op.getServers(), item.getServers(), api.getServers()), description,
                input.toString(), List.copyOf(params), bodyArgument, risk(method));
    }

    private static @Nullable String server(@Nullable List<Server> op, @Nullable List<Server> item,
            @Nullable List<Server> api) {
        List<Server> servers = op != null && !op.isEmpty() ? op : item != null && !item.isEmpty() ? item : api;
        if (servers == null || servers.isEmpty() || servers.get(0).getUrl() == null) {
            return null;
        }
        Server s = servers.get(0);
        String url = s.getUrl();
        if (s.getVariables() != null) {
            for (var v : s.getVariables().entrySet()) {
                if (v.getValue().getDefault() != null) {
                    url = url.replace("{" + v.getKey() + "}", v.getValue().getDefault());
                }
            }
        }
        return url;
    }

    static ToolRisk risk(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> new ToolRisk(Level.READ_ONLY, true, true);
            case "PUT" -> new ToolRisk(Level.SIDE_EFFECTING, true, true);
            case "DELETE" -> new ToolRisk(Level.DESTRUCTIVE, true, true);
            default -> new ToolRisk(Level.SIDE_EFFECTING, true, false); // POST, PATCH
        };
    }

    /** @return a JSON Schema for the model, from an OpenAPI schema: types, properties, items, enums; lenient otherwise */
    private static ObjectNode schema(io.swagger.v3.oas.models.media.@Nullable Schema<?> s, int depth) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (s == null || depth > MAX_DEPTH) {
            return n;
        }
        String type = s.getType();
        if (type == null && s.getTypes() != null) {
            type = s.getTypes().stream().filter(t -> !t.equals("null")).findFirst().orElse(null);
        }
        if (type != null) {
            if (Boolean.TRUE.equals(s.getNullable()) || s.getTypes() != null && s.getTypes().contains("null")) {
                n.putArray("type").add(type).add("null");
            } else {
                n.put("type", type);
            }
        }
        if (s.getDescription() != null) {
            n.put("description", ToolHandlers.cut(s.getDescription(), 300));
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty()) {
            n.set("enum", Json.MAPPER.valueToTree(s.getEnum()));
        }
        if (s.getItems() != null) {
            n.set("items", schema(s.getItems(), depth + 1));
        }
        if (s.getProperties() != null) {
            ObjectNode props = n.putObject("properties");
            s.getProperties().forEach((k, v) -> props.set(k, schema(v, depth + 1)));
            if (s.getRequired() != null && !s.getRequired().isEmpty()) {
                ArrayNode req = n.putArray("required");
                s.getRequired().forEach(req::add);
            }
        }
        return n;
    }

    private static void refuseExternalRefs(String spec) {
        JsonNode tree;
        try {
            tree = io.swagger.v3.core.util.Yaml.mapper().readTree(spec);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the spec is neither JSON nor YAML: " + e.getOriginalMessage());
        }
        check(tree);
    }

    private static void check(@Nullable JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref") && e.getValue().isTextual() && !e.getValue().asText().startsWith("#")) {
                    throw new IllegalArgumentException("the spec refers to an external document ($ref: "
                            + ToolHandlers.cut(e.getValue().asText(), 120) + "); the pack fetches nothing, so inline it");
                }
                check(e.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiImport::check);
        }
    }
}
