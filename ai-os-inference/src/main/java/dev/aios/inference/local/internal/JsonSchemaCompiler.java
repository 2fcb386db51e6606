package dev.aios.inference.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the JSON Schema subset that constrained decoding supports into {@link SchemaNode}s:
 * type (a name or an array of names), properties, required, additionalProperties, enum, const,
 * items, minItems, maxItems, minLength, maxLength, anyOf, oneOf (branches that cannot match the
 * same value) and $ref to #/$defs or #/definitions. Annotations (description, title, default,
 * examples, format, ...) are ignored. Any other keyword is an error: a constraint the decoder
 * cannot enforce must never yield output that breaks it.
 *
 * <p>Two choices make the generated values a strict subset of what the schema allows: an object
 * with declared properties gets undeclared ones only when additionalProperties says so, and free
 * strings are at most {@link JsonGrammar#DEFAULT_MAX_STRING} characters unless maxLength says
 * otherwise.
 */
public final class JsonSchemaCompiler {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "examples", "$schema",
            "$id", "$comment", "format", "deprecated", "readOnly", "writeOnly", "$defs", "definitions", "example");
    private static final Set<String> CONSTRAINTS = Set.of("type", "properties", "required", "additionalProperties",
            "enum", "const", "items", "minItems", "maxItems", "minLength", "maxLength", "anyOf", "oneOf", "$ref");
    private static final Map<String, Integer> TYPES = Map.of("object", SchemaNode.OBJECT, "array", SchemaNode.ARRAY,
            "string", SchemaNode.STRING, "number", SchemaNode.NUMBER, "integer", SchemaNode.INTEGER,
            "boolean", SchemaNode.BOOLEAN, "null", SchemaNode.NULL);

    private final JsonNode document;
    private final List<SchemaNode> all = new ArrayList<>();
    private final Map<String, SchemaNode> refs = new HashMap<>();
    private SchemaNode any;

    private JsonSchemaCompiler(JsonNode document) {
        this.document = document;
    }

    /**
     * @return the compiled root of {@code schemaJson}
     * @throws IllegalArgumentException naming the keyword, the place and the problem when the
     *     schema is malformed or uses a keyword outside the supported subset
     */
    public static SchemaNode compile(String schemaJson) {
        if (schemaJson == null || schemaJson.isBlank()) {
            throw new IllegalArgumentException("the JSON schema is empty");
        }
        JsonNode document;
        try {
            document = MAPPER.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JSON schema is not valid JSON: " + e.getOriginalMessage());
        }
        JsonSchemaCompiler c = new JsonSchemaCompiler(document);
        SchemaNode root = c.node(document, "#");
        for (Map.Entry<String, SchemaNode> e : c.refs.entrySet()) {
            SchemaNode target = c.node(c.pointer(e.getKey()), e.getKey());
            e.getValue().ref = target;
        }
        // $refs may point at $refs: compile until every one has a target.
        for (int round = 0; round < 64 && c.refs.values().stream().anyMatch(n -> n.ref == null); round++) {
            for (Map.Entry<String, SchemaNode> e : new ArrayList<>(c.refs.entrySet())) {
                if (e.getValue().ref == null) {
                    e.getValue().ref = c.node(c.pointer(e.getKey()), e.getKey());
                }
            }
        }
        c.computeMinBytes();
        if (root.resolved().minBytes >= Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("the JSON schema admits no finite value (a required property or"
                    + " minItems refers back to itself, or a branch can never be satisfied)");
        }
        return root;
    }

    private JsonNode pointer(String ref) {
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("$ref \"" + ref + "\" points at nothing in the schema");
        }
        return target;
    }

    private SchemaNode anyValue() {
        if (any == null) {
            any = fresh();
            any.types = SchemaNode.ANY;
            any.additional = any;
            any.items = any;
        }
        return any;
    }

    private SchemaNode fresh() {
        SchemaNode n = new SchemaNode();
        all.add(n);
        return n;
    }

    private SchemaNode node(JsonNode s, String where) {
        if (s.isBoolean()) {
            if (!s.booleanValue()) {
                throw new IllegalArgumentException(where + ": the schema false admits no value");
            }
            return anyValue();
        }
        if (!s.isObject()) {
            throw new IllegalArgumentException(where + ": a schema must be an object or a boolean, was " + s);
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!CONSTRAINTS.contains(k) && !ANNOTATIONS.contains(k)) {
                throw new IllegalArgumentException(where + ": the keyword \"" + k + "\" is not supported by"
                        + " constrained decoding (supported: " + String.join(", ", CONSTRAINTS.stream().sorted().toList())
                        + "; annotations such as description are ignored)");
            }
        }
        if (s.has("$ref")) {
            return ref(s, where);
        }
        if (s.has("anyOf") || s.has("oneOf")) {
            return alternatives(s, where);
        }
        SchemaNode n = fresh();
        n.types = types(s, where);
        if (s.has("enum") || s.has("const")) {
            literals(n, s, where);
            return n;
        }
        if ((n.types & SchemaNode.OBJECT) != 0) {
            object(n, s, where);
        }
        if ((n.types & SchemaNode.ARRAY) != 0) {
            n.items = s.has("items") ? node(itemsOf(s, where), where + "/items") : anyValue();
            n.minItems = count(s, "minItems", 0, where);
            n.maxItems = count(s, "maxItems", Integer.MAX_VALUE, where);
            if (n.minItems > n.maxItems) {
                throw new IllegalArgumentException(where + ": minItems " + n.minItems + " > maxItems " + n.maxItems);
            }
        }
        n.minLength = count(s, "minLength", 0, where);
        n.maxLength = count(s, "maxLength", Math.max(JsonGrammar.DEFAULT_MAX_STRING, n.minLength), where);
        if (n.minLength > n.maxLength) {
            throw new IllegalArgumentException(where + ": minLength " + n.minLength + " > maxLength " + n.maxLength);
        }
        return n;
    }

    private static JsonNode itemsOf(JsonNode s, String where) {
        JsonNode items = s.get("items");
        if (items.isArray()) {
            throw new IllegalArgumentException(where + ": \"items\" as an array (tuple validation) is not supported");
        }
        return items;
    }

    private SchemaNode ref(JsonNode s, String where) {
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("$ref") && CONSTRAINTS.contains(k)) {
                throw new IllegalArgumentException(where + ": \"" + k + "\" beside \"$ref\" is not supported");
            }
        }
        JsonNode r = s.get("$ref");
        String ref = r.isTextual() ? r.asText() : "";
        if (!ref.startsWith("#/$defs/") && !ref.startsWith("#/definitions/") && !ref.equals("#")) {
            throw new IllegalArgumentException(where + ": $ref \"" + r.asText() + "\" is not supported; only"
                    + " references into #/$defs or #/definitions of the same schema are");
        }
        return refs.computeIfAbsent(ref, k -> {
            SchemaNode n = fresh();
            n.refName = k;
            return n;
        });
    }

    private SchemaNode alternatives(JsonNode s, String where) {
        String keyword = s.has("anyOf") ? "anyOf" : "oneOf";
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals(keyword) && CONSTRAINTS.contains(k)) {
                throw new IllegalArgumentException(where + ": \"" + k + "\" beside \"" + keyword + "\" is not supported;"
                        + " move it into each branch");
            }
        }
        JsonNode branches = s.get(keyword);
        if (!branches.isArray() || branches.isEmpty()) {
            throw new IllegalArgumentException(where + ": \"" + keyword + "\" must be a non-empty array of schemas");
        }
        SchemaNode n = fresh();
        n.anyOf = new ArrayList<>();
        int i = 0;
        for (JsonNode b : branches) {
            n.anyOf.add(node(b, where + "/" + keyword + "/" + i++));
        }
        if (keyword.equals("oneOf")) {
            for (int a = 0; a < n.anyOf.size(); a++) {
                for (int b = a + 1; b < n.anyOf.size(); b++) {
                    if (overlap(n.anyOf.get(a), n.anyOf.get(b))) {
                        throw new IllegalArgumentException(where + ": oneOf branches " + a + " and " + b + " can match"
                                + " the same kind of value, and the decoder cannot keep a value out of both; use anyOf,"
                                + " or branches of different types");
                    }
                }
            }
        }
        return n;
    }

    /** Whether two oneOf branches may both match one value (judged by JSON type; refs count as overlapping). */
    private static boolean overlap(SchemaNode a, SchemaNode b) {
        if (a.ref != null || a.refName != null || b.refName != null || a.anyOf != null || b.anyOf != null) {
            return true;
        }
        if (a.literals != null && b.literals != null) {
            for (byte[] x : a.literals) {
                for (byte[] y : b.literals) {
                    if (java.util.Arrays.equals(x, y)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return (kinds(a) & kinds(b)) != 0;
    }

    private static int kinds(SchemaNode n) {
        int t = n.types;
        return (t & SchemaNode.INTEGER) != 0 ? (t & ~SchemaNode.INTEGER) | SchemaNode.NUMBER : t;
    }

    private static int types(JsonNode s, String where) {
        JsonNode t = s.get("type");
        if (t == null) {
            return SchemaNode.ANY;
        }
        int mask = 0;
        for (JsonNode name : t.isArray() ? t : List.of(t)) {
            Integer bit = name.isTextual() ? TYPES.get(name.asText()) : null;
            if (bit == null) {
                throw new IllegalArgumentException(where + ": unknown type " + name + "; the types are "
                        + TYPES.keySet().stream().sorted().toList());
            }
            mask |= bit;
        }
        if (mask == 0) {
            throw new IllegalArgumentException(where + ": \"type\" names no type");
        }
        return (mask & SchemaNode.NUMBER) != 0 ? mask & ~SchemaNode.INTEGER : mask;
    }

    private static void literals(SchemaNode n, JsonNode s, String where) {
        List<JsonNode> values = new ArrayList<>();
        if (s.has("const")) {
            values.add(s.get("const"));
        } else if (s.get("enum").isArray()) {
            s.get("enum").forEach(values::add);
        } else {
            throw new IllegalArgumentException(where + ": \"enum\" must be an array");
        }
        List<byte[]> texts = new ArrayList<>();
        for (JsonNode v : values) {
            if (fits(v, n.types)) {
                try {
                    texts.add(MAPPER.writeValueAsString(v).getBytes(StandardCharsets.UTF_8));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(where + ": cannot write the value " + v, e);
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(where + ": no value of \"enum\"/\"const\" has the schema's type");
        }
        n.literals = texts.toArray(byte[][]::new);
    }

    private static boolean fits(JsonNode v, int types) {
        return switch (v.getNodeType()) {
            case OBJECT -> (types & SchemaNode.OBJECT) != 0;
            case ARRAY -> (types & SchemaNode.ARRAY) != 0;
            case STRING -> (types & SchemaNode.STRING) != 0;
            case NUMBER -> (types & SchemaNode.NUMBER) != 0 || (types & SchemaNode.INTEGER) != 0 && v.canConvertToExactIntegral();
            case BOOLEAN -> (types & SchemaNode.BOOLEAN) != 0;
            case NULL -> (types & SchemaNode.NULL) != 0;
            default -> false;
        };
    }

    private void object(SchemaNode n, JsonNode s, String where) {
        Map<String, SchemaNode> props = new LinkedHashMap<>();
        JsonNode p = s.get("properties");
        if (p != null) {
            if (!p.isObject()) {
                throw new IllegalArgumentException(where + ": \"properties\" must be an object");
            }
            for (var e : p.properties()) {
                props.put(e.getKey(), node(e.getValue(), where + "/properties/" + e.getKey()));
            }
        }
        JsonNode a = s.get("additionalProperties");
        if (a == null) {
            n.additional = props.isEmpty() ? anyValue() : null;
        } else if (a.isBoolean()) {
            n.additional = a.booleanValue() ? anyValue() : null;
        } else {
            n.additional = node(a, where + "/additionalProperties");
        }
        JsonNode r = s.get("required");
        List<String> required = new ArrayList<>();
        if (r != null) {
            if (!r.isArray()) {
                throw new IllegalArgumentException(where + ": \"required\" must be an array of property names");
            }
            for (JsonNode name : r) {
                if (!name.isTextual()) {
                    throw new IllegalArgumentException(where + ": \"required\" must hold strings, found " + name);
                }
                if (!props.containsKey(name.asText())) {
                    if (n.additional == null) {
                        throw new IllegalArgumentException(where + ": \"" + name.asText() + "\" is required but not"
                                + " among the properties, and additionalProperties is false");
                    }
                    props.put(name.asText(), n.additional);
                }
                required.add(name.asText());
            }
        }
        if (props.size() > 64) {
            throw new IllegalArgumentException(where + ": more than 64 declared properties (" + props.size()
                    + ") are not supported");
        }
        n.propertyNames = props.keySet().toArray(String[]::new);
        n.propertySchemas = props.values().toArray(SchemaNode[]::new);
        n.quotedNames = new byte[n.propertyNames.length][];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n.propertyNames.length; i++) {
            try {
                n.quotedNames[i] = MAPPER.writeValueAsString(n.propertyNames[i]).getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + ": bad property name", e);
            }
            index.put(n.propertyNames[i], i);
        }
        n.propertyIndex = Map.copyOf(index);
        for (String name : required) {
            n.required |= 1L << index.get(name);
        }
    }

    private static int count(JsonNode s, String keyword, int absent, String where) {
        JsonNode v = s.get(keyword);
        if (v == null) {
            return absent;
        }
        if (!v.canConvertToExactIntegral() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": \"" + keyword + "\" must be a non-negative integer, was " + v);
        }
        return v.asInt();
    }

    /** Fewest bytes per node, by fixpoint iteration (schemas may be recursive through $ref). */
    private void computeMinBytes() {
        for (boolean changed = true; changed; ) {
            changed = false;
            for (SchemaNode n : all) {
                int m = minBytes(n);
                if (m < n.minBytes) {
                    n.minBytes = m;
                    changed = true;
                }
            }
        }
    }

    private static int minBytes(SchemaNode n) {
        int inf = Integer.MAX_VALUE / 4;
        if (n.ref != null) {
            return n.ref.minBytes;
        }
        if (n.anyOf != null) {
            return n.anyOf.stream().mapToInt(a -> a.minBytes).min().orElse(inf);
        }
        if (n.literals != null) {
            int m = inf;
            for (byte[] l : n.literals) {
                m = Math.min(m, l.length);
            }
            return m;
        }
        int m = inf;
        if ((n.types & (SchemaNode.NUMBER | SchemaNode.INTEGER)) != 0) {
            m = 1;
        }
        if ((n.types & SchemaNode.STRING) != 0) {
            m = Math.min(m, 2 + n.minLength);
        }
        if ((n.types & (SchemaNode.BOOLEAN | SchemaNode.NULL)) != 0) {
            m = Math.min(m, 4);
        }
        if ((n.types & SchemaNode.ARRAY) != 0) {
            long a = n.minItems == 0 ? 2 : 2L + (long) n.minItems * n.items.minBytes + n.minItems - 1;
            m = (int) Math.min(m, Math.min(a, inf));
        }
        if ((n.types & SchemaNode.OBJECT) != 0) {
            m = (int) Math.min(m, Math.min(inf, 1L + JsonGrammar.missingBytes(n, 0, true)));
        }
        return m;
    }
}
