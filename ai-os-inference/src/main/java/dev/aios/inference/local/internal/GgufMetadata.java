package dev.aios.inference.local.internal;

import dev.aios.inference.local.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The key-value metadata of a GGUF file with typed access whose errors name the file, the key
 * and what was found. Values are as {@link GgufFile} reads them: {@code Long}, {@code Double},
 * {@code Boolean}, {@code String} or a {@code List} of these.
 */
record GgufMetadata(Path file, Map<String, Object> values) {

    @Nullable Object get(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    private ModelFormatException missing(String key, String why) {
        return new ModelFormatException("GGUF file " + file + " has no metadata key '" + key + "'; " + why);
    }

    private ModelFormatException wrongType(String key, Object value, String expected) {
        String shown = String.valueOf(value);
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new ModelFormatException("GGUF file " + file + " has metadata key '" + key + "' = " + shown
                + ", expected " + expected);
    }

    String requireString(String key, String why) {
        Object v = values.get(key);
        if (v == null) {
            throw missing(key, why);
        }
        if (!(v instanceof String s)) {
            throw wrongType(key, v, "a string");
        }
        return s;
    }

    @Nullable String optionalString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrongType(key, v, "a string");
        }
        return s;
    }

    long requireLong(String key, String why) {
        if (!values.containsKey(key)) {
            throw missing(key, why);
        }
        return optionalLong(key, 0);
    }

    long optionalLong(String key, long absent) {
        Object v = values.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Long l)) {
            throw wrongType(key, v, "an integer");
        }
        return l;
    }

    /** An integer that must fit a positive Java int, as model dimensions do. */
    int requirePositiveInt(String key, String why) {
        long v = requireLong(key, why);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw wrongType(key, v, "a positive integer up to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    @Nullable Integer optionalTokenId(String key) {
        if (!values.containsKey(key)) {
            return null;
        }
        long v = optionalLong(key, 0);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw wrongType(key, v, "a token id");
        }
        return (int) v;
    }

    double requireDouble(String key, String why) {
        if (!values.containsKey(key)) {
            throw missing(key, why);
        }
        return optionalDouble(key, 0);
    }

    double optionalDouble(String key, double absent) {
        Object v = values.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw wrongType(key, v, "a number");
    }

    boolean optionalBoolean(String key, boolean absent) {
        Object v = values.get(key);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(key, v, "true or false");
        }
        return b;
    }

    /** @return the array under {@code key}, each element checked to be {@code type}; null when absent */
    <T> @Nullable List<T> optionalList(String key, Class<T> type) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, v, "an array of " + type.getSimpleName());
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object e : list) {
            if (!type.isInstance(e)) {
                throw wrongType(key, e, "an array of " + type.getSimpleName() + " (element is " + e + ")");
            }
            out.add(type.cast(e));
        }
        return out;
    }
}
