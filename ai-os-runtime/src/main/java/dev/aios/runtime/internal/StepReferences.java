package dev.aios.runtime.internal;

import dev.aios.api.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Fills {@code {{stepId}}} references (in tool arguments, sub-goal texts and a plan's answer) with
 * the result text of the step named. A reference to a step without a result stays as written, so
 * the mistake shows in the tool's input instead of vanishing.
 */
final class StepReferences {
    /** A {@code {{stepId}}} reference, as {@link Plan} validates them; compiled once, used per step. */
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([^{}]+)}}");

    private StepReferences() {}

    /**
     * @param value a string, or a map or list holding strings at any depth; other values are kept
     * @param results the result text of each finished step, by step id
     * @return a copy of {@code value} with every reference replaced
     */
    static @Nullable Object fill(@Nullable Object value, Map<String, String> results) {
        if (value instanceof String s) {
            if (!s.contains("{{")) {
                return s;
            }
            Matcher m = REFERENCE.matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String result = results.get(m.group(1).trim());
                m.appendReplacement(out, Matcher.quoteReplacement(result != null ? result : m.group()));
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
    static String fill(String text, Map<String, String> results) {
        return (String) fill((Object) text, results);
    }
}
