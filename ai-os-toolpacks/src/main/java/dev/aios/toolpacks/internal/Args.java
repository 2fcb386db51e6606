package dev.aios.toolpacks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a tool call's arguments (already checked against the tool's schema, so a wrong
 * type here means the schema was too loose). Each failure is an {@link IllegalArgumentException}
 * that names the argument.
 */
public final class Args {
    private Args() {}

    /** @return the string argument {@code name}; it must be present and not blank */
    public static String string(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("argument '" + name + "' must be a non-empty string");
        }
        return s;
    }

    /** @return the string argument {@code name}, possibly empty; it must be present */
    public static String text(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("argument '" + name + "' must be a string");
        }
        return s;
    }

    /** @return the string argument {@code name}, or {@code fallback} when it is absent */
    public static @Nullable String string(Map<String, Object> args, String name, @Nullable String fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("argument '" + name + "' must be a string");
        }
        return s;
    }

    /** @return the whole-number argument {@code name}, or {@code fallback} when absent */
    public static long integer(Map<String, Object> args, String name, long fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException("argument '" + name + "' must be a whole number");
    }

    /** @return the number argument {@code name}; it must be present */
    public static double number(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("argument '" + name + "' must be a number");
    }

    /** @return the boolean argument {@code name}, or {@code fallback} when absent */
    public static boolean bool(Map<String, Object> args, String name, boolean fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("argument '" + name + "' must be true or false");
    }

    /** @return the array-of-strings argument {@code name}; empty when absent */
    public static List<String> strings(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("argument '" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new IllegalArgumentException("argument '" + name + "' must hold strings only");
            }
            out.add(s);
        }
        return out;
    }

    /** @return the object argument {@code name}; empty when absent */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("argument '" + name + "' must be an object");
        }
        return (Map<String, Object>) map;
    }
}
