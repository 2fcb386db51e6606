package dev.aios.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree that remembers where each key and value was written. Jackson's own
 * tree ({@code JsonNode}) forgets locations, and every configuration error must name its line and
 * column, so the tree is built here from the streaming parser's tokens.
 */
sealed interface ConfigNode {
    /** @return where the value starts */
    Where at();

    /** @return what the value is, for "expected a list, found a text" */
    String kind();

    /** A position in the file. */
    record Where(int line, int column) {}

    /** A mapping; keys keep the order they were written in. */
    record Mapping(Where at, Map<String, ConfigNode> values, Map<String, Where> keys) implements ConfigNode {
        public Mapping {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        @Override
        public String kind() {
            return "a section of keys";
        }
    }

    /** A list. */
    record Sequence(Where at, List<ConfigNode> items) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: text, number, boolean or null ({@code text} null). */
    record Scalar(Where at, JsonToken token, @Nullable String text) implements ConfigNode {
        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NULL -> "nothing";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                default -> "a text";
            };
        }
    }

    /**
     * Parses {@code yaml}; an empty document gives an empty mapping.
     *
     * @throws AiosConfigException for YAML that does not parse, or a key written twice
     */
    static ConfigNode parse(String yaml, Path file) {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Mapping(new Where(1, 1), Map.of(), Map.of());
            }
            return read(p, first, file, "");
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new AiosConfigException("", file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AiosConfigException("", file, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ConfigNode read(JsonParser p, JsonToken token, Path file, String path) throws IOException {
        Where at = where(p);
        switch (token) {
            case START_OBJECT -> {
                Map<String, ConfigNode> values = new LinkedHashMap<>();
                Map<String, Where> keys = new LinkedHashMap<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    String key = p.currentName();
                    Where keyAt = where(p);
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (keys.containsKey(key)) {
                        throw new AiosConfigException(child, file, keyAt.line(), keyAt.column(), "written twice (first on line "
                                + keys.get(key).line() + "); keep one", null);
                    }
                    keys.put(key, keyAt);
                    values.put(key, read(p, p.nextToken(), file, child));
                }
                return new Mapping(at, values, keys);
            }
            case START_ARRAY -> {
                List<ConfigNode> items = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    items.add(read(p, t, file, path + "[" + items.size() + "]"));
                }
                return new Sequence(at, items);
            }
            case VALUE_NULL -> {
                return new Scalar(at, token, null);
            }
            default -> {
                return new Scalar(at, token, p.getText());
            }
        }
    }

    private static Where where(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return new Where(l.getLineNr(), l.getColumnNr());
    }
}
