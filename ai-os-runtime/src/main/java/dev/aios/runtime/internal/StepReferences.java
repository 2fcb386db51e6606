package dev.aios.runtime.internal;

import dev.aios.api.Plan;
import dev.aios.api.Provenance;
import dev.aios.api.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fills {@code {{stepId}}} references (in tool arguments, sub-goal texts and a plan's answer) with
 * the result text of the step named, and {@code ${key}} references with the goal's context value
 * under that key (found in the same map under {@code "${key}"}, see {@link #withContext}); and works out the label of what was filled: the plan's own
 * text carries the plan's label, each filled reference the label of the result it quotes. A
 * reference to a step without a result stays as written, so the mistake shows in the tool's input
 * instead of vanishing.
 */
final class StepReferences {
    /** A {@code {{stepId}}} reference, as {@link Plan} validates them; compiled once, used per step. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([^{}]+)}}|\\$\\{([^{}]+)}");

    private StepReferences() {}

    /**
     * @return a new mutable map holding each context value of {@code goal} under {@code "${key}"},
     *     labelled as the goal says; step results are added to it by id
     */
    static Map<String, ToolResult> withContext(dev.aios.api.Goal goal) {
        Map<String, ToolResult> out = new java.util.concurrent.ConcurrentHashMap<>();
        goal.context().forEach((k, v) -> out.put("${" + k + "}",
                new ToolResult(v, false, goal.contextLabel(k))));
        return out;
    }

    private static @Nullable ToolResult lookup(Matcher m, Map<String, ToolResult> results) {
        return m.group(1) != null ? results.get(m.group(1).trim()) : results.get("${" + m.group(2).trim() + "}");
    }

    /**
     * @param value a string, or a map or list holding strings at any depth; other values are kept
     * @param results the result of each finished step, by step id
     * @return a copy of {@code value} with every reference replaced
     */
    static @Nullable Object fill(@Nullable Object value, Map<String, ToolResult> results) {
        if (value instanceof String s) {
            if (!s.contains("{{") && !s.contains("${")) {
                return s;
            }
            Matcher m = REFERENCE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                ToolResult result = lookup(m, results);
                m.appendReplacement(out, Matcher.quoteReplacement(result != null ? result.text() : m.group()));
            }
            m.appendTail(out);
            return out.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), fill(v, results)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(fill(v, results)));
            return copy;
        }
        return value;
    }

    /** @return {@code text} with every reference replaced */
    static String fill(String text, Map<String, ToolResult> results) {
        return (String) fill((Object) text, results);
    }

    /**
     * @param text a string as the plan wrote it, before filling
     * @param literal the label of the plan's own text
     * @return the label of {@code text} once filled: the labels of the results it quotes, joined
     *     with {@code literal} unless the text is nothing but one reference
     */
    static Provenance label(String text, Map<String, ToolResult> results, Provenance literal) {
        if (!text.contains("{{") && !text.contains("${")) {
            return literal;
        }
        Matcher m = REFERENCE.matcher(text);
        Provenance out = null;
        int quoted = 0;
        boolean onlyReference = false;
        while (m.find()) {
            ToolResult result = lookup(m, results);
            if (result != null) {
                out = out == null ? result.provenance() : out.join(result.provenance());
                quoted++;
                onlyReference = m.start() == 0 && m.end() == text.length();
            }
        }
        if (out == null) {
            return literal;
        }
        return quoted == 1 && onlyReference ? out : out.join(literal);
    }

    /**
     * @param arguments a call's arguments as the plan wrote them
     * @return the label of each value once filled, by path ({@code to}, {@code message.to},
     *     {@code cc[0]}); every string, number and boolean has an entry
     */
    static Map<String, Provenance> flows(Map<String, Object> arguments, Map<String, ToolResult> results,
            Provenance literal) {
        Map<String, Provenance> out = new LinkedHashMap<>();
        arguments.forEach((k, v) -> collect(k, v, results, literal, out));
        return out;
    }

    private static void collect(String path, @Nullable Object value, Map<String, ToolResult> results,
            Provenance literal, Map<String, Provenance> out) {
        if (value instanceof String s) {
            out.put(path, label(s, results, literal));
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.put(path, literal);
            }
            map.forEach((k, v) -> collect(path + "." + k, v, results, literal, out));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.put(path, literal);
            }
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), results, literal, out);
            }
        } else {
            out.put(path, literal);
        }
    }
}
