package dev.aios.toolpacks.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes a tool's input schema (a JSON Schema object) without hand-written JSON text:
 * {@snippet :
 * String schema = Schema.object()
 *         .string("path", "the file, relative to a root")
 *         .integer("limit", "how many lines at most")
 *         .required("path")
 *         .json();
 * }
 * Unknown properties are refused ({@code additionalProperties: false}), so a misspelt argument is
 * an error that names it rather than silently ignored.
 */
public final class Schema {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectNode root = NODES.objectNode();
    private final ObjectNode properties;
    private final ArrayNode required;

    private Schema() {
        root.put("type", "object");
        properties = root.putObject("properties");
        required = NODES.arrayNode();
        root.put("additionalProperties", false);
    }

    /** @return a schema of an arguments object with no properties yet */
    public static Schema object() {
        return new Schema();
    }

    /** Adds a string property. */
    public Schema string(String name, String description) {
        return property(name, "string", description);
    }

    /** Adds a string property that must be one of {@code values}. */
    public Schema choice(String name, String description, List<String> values) {
        ObjectNode p = property(name, "string", description).properties.withObject("/" + name);
        ArrayNode e = p.putArray("enum");
        values.forEach(e::add);
        return this;
    }

    /** Adds a whole-number property. */
    public Schema integer(String name, String description) {
        return property(name, "integer", description);
    }

    /** Adds a number property. */
    public Schema number(String name, String description) {
        return property(name, "number", description);
    }

    /** Adds a boolean property. */
    public Schema bool(String name, String description) {
        return property(name, "boolean", description);
    }

    /** Adds an array-of-strings property. */
    public Schema strings(String name, String description) {
        property(name, "array", description).properties.withObject("/" + name).putObject("items").put("type", "string");
        return this;
    }

    /** Adds an array-of-numbers property. */
    public Schema numbers(String name, String description) {
        property(name, "array", description).properties.withObject("/" + name).putObject("items").put("type", "number");
        return this;
    }

    /** Adds an object property with any keys. */
    public Schema map(String name, String description) {
        return property(name, "object", description);
    }

    /** Adds a property with a schema of its own (JSON text), for shapes the other methods do not cover. */
    public Schema raw(String name, String schemaJson) {
        try {
            properties.set(name, Json.MAPPER.readTree(schemaJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the schema of property " + name + " is not JSON: " + e.getOriginalMessage());
        }
        return this;
    }

    /** Marks properties as required. */
    public Schema required(String... names) {
        for (String name : names) {
            if (!properties.has(name)) {
                throw new IllegalArgumentException("required property " + name + " was not declared");
            }
            required.add(name);
        }
        return this;
    }

    /** @return the schema as JSON text */
    public String json() {
        ObjectNode copy = root.deepCopy();
        if (!required.isEmpty()) {
            copy.set("required", required.deepCopy());
        }
        return copy.toString();
    }

    private Schema property(String name, String type, String description) {
        ObjectNode p = properties.putObject(name);
        p.put("type", type);
        p.put("description", description);
        return this;
    }
}
