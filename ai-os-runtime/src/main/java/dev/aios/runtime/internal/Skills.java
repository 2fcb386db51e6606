package dev.aios.runtime.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.aios.api.Goal;
import dev.aios.api.text.Words;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a plan becomes a skill and back. A skill's parameters are the goal's context values: in the
 * stored goal and plan each value is replaced by {@code ${key}}, and filled again from the next
 * goal's context. Goals match a skill by the overlap of their parameterised words.
 */
final class Skills {
    /** Metadata {@code kind} of skill records in memory. */
    static final String KIND = "skill";
    static final String META_TEMPLATE = "goalTemplate";
    static final String META_PLAN = "plan";


    /** A parameter in a template: {@code ${key}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^{}]*}");

    private Skills() {}

    /** @return the goal's text with each context value replaced by {@code ${key}}, longest values first */
    static String template(Goal goal) {
        return parameterise(goal.text(), goal.context());
    }

    /** @return a stable id for the skill of goals with this template */
    static String id(String template) {
        return "skill:" + UUID.nameUUIDFromBytes(normalise(template).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the plan JSON with context values replaced by {@code ${key}} in every string */
    static String parameterisePlan(String planJson, Map<String, String> context) {
        return mapStrings(planJson, s -> parameterise(s, context));
    }

    /**
     * @return the plan JSON with {@code ${key}} filled from the goal's trusted context values
     * @throws IllegalArgumentException if the plan needs a parameter the context lacks
     */
    static String fill(String planJson, Goal goal) {
        return mapStrings(planJson, s -> {
            String out = s;
            for (Map.Entry<String, String> e : goal.context().entrySet()) {
                if (goal.contextLabel(e.getKey()).isTrusted()) {
                    out = out.replace("${" + e.getKey() + "}", e.getValue());
                } // a stranger's value stays ${key}: the step fills it, and the gate sees its label
            }
            Matcher left = PLACEHOLDER.matcher(out);
            while (left.find()) {
                String key = left.group().substring(2, left.group().length() - 1);
                if (!goal.context().containsKey(key)) {
                    throw new IllegalArgumentException("the skill needs the parameter " + left.group()
                            + ", which the goal's context lacks");
                }
            }
            return out;
        });
    }

    /** @return the Jaccard overlap of the two templates' words, from 0 to 1 */
    static double similarity(String a, String b) {
        Set<String> x = words(a);
        Set<String> y = words(b);
        if (x.isEmpty() && y.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    /**
     * Whether reusing the skill would copy words of its own goal that the new goal lacks: a plan
     * that wrote "send the draft q3-report.eml" literally (no context parameter) must not send
     * q3-report.eml for "send the draft q4-report.eml", however close the two goals are.
     *
     * @param skillTemplate the skill's goal template
     * @param template the new goal's template
     * @param planJson the skill's plan
     */
    static boolean copiesWordsTheGoalLacks(String skillTemplate, String template, String planJson) {
        Set<String> lost = words(skillTemplate);
        lost.removeAll(words(template));
        lost.removeIf(w -> w.startsWith("${"));
        if (lost.isEmpty()) {
            return false;
        }
        Set<String> planWords = new HashSet<>();
        mapStrings(planJson, s -> {
            planWords.addAll(words(s));
            return s;
        });
        lost.retainAll(planWords);
        return !lost.isEmpty();
    }

    private static String parameterise(String text, Map<String, String> context) {
        String out = text;
        List<Map.Entry<String, String>> byLength = context.entrySet().stream()
                .filter(e -> e.getValue().length() >= 2)
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed())
                .toList();
        for (Map.Entry<String, String> e : byLength) {
            out = out.replace(e.getValue(), "${" + e.getKey() + "}");
        }
        return out;
    }

    private static String normalise(String template) {
        return String.join(" ", new java.util.TreeSet<>(words(template)));
    }

    /**
     * The words of a template: {@link Words}' rule for the text, while each {@code ${key}}
     * placeholder stays one word of its own, so that a parameter never matches the literal word
     * it is named after ({@code ${city}} is not {@code city}).
     */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            words.addAll(Words.of(text.subSequence(from, placeholder.start())));
            words.add(placeholder.group().toLowerCase(Locale.ROOT));
            from = placeholder.end();
        }
        words.addAll(Words.of(text.subSequence(from, text.length())));
        return words;
    }

    private static String mapStrings(String json, UnaryOperator<String> f) {
        try {
            return map(RuntimeJson.MAPPER.readTree(json), f).toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a stored skill is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode map(JsonNode node, UnaryOperator<String> f) {
        if (node.isTextual()) {
            return TextNode.valueOf(f.apply(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = RuntimeJson.MAPPER.createObjectNode();
            object.properties().forEach(e -> copy.set(e.getKey(), map(e.getValue(), f)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = RuntimeJson.MAPPER.createArrayNode();
            array.forEach(v -> copy.add(map(v, f)));
            return copy;
        }
        return node;
    }
}
