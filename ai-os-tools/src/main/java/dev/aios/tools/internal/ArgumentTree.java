package dev.aios.tools.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A call's arguments (maps, lists, strings, numbers, booleans and nulls, as JSON parsers and
 * callers build them) as the JSON tree the schema validator reads, built directly: the same
 * tree the validator would get from the arguments written as JSON and parsed again, without the
 * text in between.
 */
final class ArgumentTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper than any real argument; past it the caller falls back to JSON text, which has its own limits. */
    private static final int MAX_DEPTH = 200;

    private ArgumentTree() {}

    /**
     * @return the tree, or null if some value is of a type this does not map (a record, an array,
     *     a date): the caller then writes the arguments as JSON, which knows every type Jackson does
     */
    static @Nullable JsonNode of(Map<String, Object> arguments) {
        return node(arguments, 0);
    }

    private static @Nullable JsonNode node(@Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            return null;
        }
        return switch (value) {
            case null -> NODES.nullNode();
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            // NaN and infinities are not JSON: left to the text path, which reports them
            case Double d -> Double.isFinite(d) ? NODES.numberNode(d) : null;
            case Float f -> Float.isFinite(f) ? NODES.numberNode(f) : null;
            case Short s -> NODES.numberNode(s);
            case Byte b -> NODES.numberNode(b);
            case BigInteger b -> NODES.numberNode(b);
            case BigDecimal b -> NODES.numberNode(b);
            case Map<?, ?> map -> object(map, depth);
            case List<?> list -> array(list, depth);
            default -> null;
        };
    }

    private static @Nullable JsonNode object(Map<?, ?> map, int depth) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                return null;
            }
            JsonNode child = node(entry.getValue(), depth + 1);
            if (child == null) {
                return null;
            }
            object.set(key, child);
        }
        return object;
    }

    private static @Nullable JsonNode array(List<?> list, int depth) {
        ArrayNode array = NODES.arrayNode(list.size());
        for (Object element : list) {
            JsonNode child = node(element, depth + 1);
            if (child == null) {
                return null;
            }
            array.add(child);
        }
        return array;
    }
}
