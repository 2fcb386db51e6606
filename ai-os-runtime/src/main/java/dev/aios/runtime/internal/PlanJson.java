package dev.aios.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.Expectation;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a plan that brains write, and its strict reader. A reply is read whole or
 * rejected with a message that says what to fix: a half-read plan never reaches execution.
 */
final class PlanJson {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** What brains are told about the format. */
    static final String FORMAT = """
            Reply with one JSON object and nothing else:
            {"steps": [
               {"id": "s1", "description": "why this step", "tool": "<tool name>", "arguments": {...},
                "dependsOn": [], "expect": {"contains": "text the result must contain"}},
               {"id": "s2", "description": "...", "subgoal": "a smaller goal, planned separately", "dependsOn": ["s1"]}
             ],
             "answer": "the final answer; {{s1}} stands for the result of step s1",
             "rationale": "why this plan"}
            Rules: each step has exactly one of "tool" or "subgoal"; use only the tools listed, with the
            arguments their schema requires; steps that do not depend on each other run in parallel; an
            argument may use {{id}} for the result of a step it depends on; "expect", "answer",
            "description" and "rationale" are optional.""";

    /** The fields a plan object may have, in the order {@link #FORMAT} gives them. */
    static final List<String> PLAN_FIELDS = List.of("steps", "answer", "rationale");

    /** The fields a step may have, in the order {@link #FORMAT} gives them. */
    static final List<String> STEP_FIELDS =
            List.of("id", "description", "tool", "arguments", "subgoal", "dependsOn", "expect");

    /** The fields a step's {@code expect} object may have. */
    static final List<String> EXPECT_FIELDS = List.of("contains", "matches", "description");

    private PlanJson() {}

    /**
     * The JSON Schema of {@link #FORMAT}, for brains that can hold their answer to one (a local
     * model decodes under it, so its plan always parses): a step is a tool call, with the tool one
     * of {@code toolNames} when there are any, or a sub-goal, never both. Built from
     * {@link #PLAN_FIELDS}, {@link #STEP_FIELDS} and {@link #EXPECT_FIELDS}, so it cannot drift from
     * what {@link #parse} reads. It is stricter than the reader in two ways a writer never minds:
     * {@code expect} is an object (the reader also takes a string), and ids are not blank.
     */
    static String schema(List<String> toolNames) {
        ObjectNode text = RuntimeJson.MAPPER.createObjectNode().put("type", "string");
        ObjectNode expect = RuntimeJson.MAPPER.createObjectNode().put("type", "object");
        ObjectNode expectFields = expect.putObject("properties");
        EXPECT_FIELDS.forEach(f -> expectFields.set(f, text));
        expect.put("additionalProperties", false);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("id", RuntimeJson.MAPPER.createObjectNode().put("type", "string").put("minLength", 1));
        fields.put("description", text);
        ObjectNode tool = RuntimeJson.MAPPER.createObjectNode();
        if (toolNames.isEmpty()) {
            tool.put("type", "string").put("minLength", 1);
        } else {
            toolNames.stream().distinct().forEach(tool.putArray("enum")::add);
        }
        fields.put("tool", tool);
        fields.put("arguments", RuntimeJson.MAPPER.createObjectNode().put("type", "object"));
        fields.put("subgoal", RuntimeJson.MAPPER.createObjectNode().put("type", "string").put("minLength", 1));
        ObjectNode ids = RuntimeJson.MAPPER.createObjectNode().put("type", "array");
        ids.set("items", text);
        fields.put("dependsOn", ids);
        fields.put("expect", expect);
        if (!fields.keySet().equals(new java.util.HashSet<>(STEP_FIELDS))) {
            throw new IllegalStateException("the plan schema's step fields " + fields.keySet() + " differ from "
                    + STEP_FIELDS);
        }
        ObjectNode step = RuntimeJson.MAPPER.createObjectNode();
        ArrayNode kinds = step.putArray("anyOf");
        for (String action : List.of("tool", "subgoal")) {
            ObjectNode kind = kinds.addObject().put("type", "object");
            ObjectNode properties = kind.putObject("properties");
            for (String f : STEP_FIELDS) {
                boolean other = action.equals("tool") ? f.equals("subgoal") : f.equals("tool") || f.equals("arguments");
                if (!other) {
                    properties.set(f, fields.get(f));
                }
            }
            kind.putArray("required").add("id").add(action);
            kind.put("additionalProperties", false);
        }
        ObjectNode root = RuntimeJson.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = root.putObject("properties");
        for (String f : PLAN_FIELDS) {
            if (f.equals("steps")) {
                ObjectNode steps = properties.putObject("steps").put("type", "array")
                        .put("minItems", 1);
                steps.set("items", step);
            } else {
                properties.set(f, text);
            }
        }
        root.putArray("required").add("steps");
        root.put("additionalProperties", false);
        return root.toString();
    }

    /**
     * Reads a plan from a brain's reply.
     *
     * @throws IllegalArgumentException naming what is wrong, for the repair prompt
     */
    static Plan parse(String reply, ToolRegistry tools) {
        return read(reply, tools);
    }

    /**
     * Reads a plan this runtime wrote ({@link #write}) back from a run's journal. The tools are
     * not checked: a tool gone since the plan was made is a step failure when it runs, not a
     * reason to refuse the record of what was planned.
     *
     * @throws IllegalArgumentException if the text is not such a plan
     */
    static Plan restore(String written) {
        return read(written, null);
    }

    private static Plan read(String reply, @Nullable ToolRegistry tools) {
        JsonNode root = readObject(reply);
        rejectUnknownFields(root, PLAN_FIELDS, "the plan");
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new IllegalArgumentException("the plan needs a non-empty \"steps\" array");
        }
        List<PlanStep> steps = new ArrayList<>();
        int index = 0;
        for (JsonNode node : stepsNode) {
            index++;
            steps.add(step(node, index, tools));
        }
        String answer = optionalText(root, "answer", "the plan");
        String rationale = optionalText(root, "rationale", "the plan");
        return new Plan(steps, answer, rationale == null ? "" : rationale);
    }

    /** @return {@code plan} in the format {@link #parse} reads */
    static String write(Plan plan) {
        com.fasterxml.jackson.databind.node.ObjectNode root = RuntimeJson.MAPPER.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode steps = root.putArray("steps");
        for (PlanStep step : plan.steps()) {
            com.fasterxml.jackson.databind.node.ObjectNode node = steps.addObject();
            node.put("id", step.id());
            if (!step.description().isEmpty()) {
                node.put("description", step.description());
            }
            switch (step.action()) {
                case PlanStep.CallTool call -> {
                    node.put("tool", call.tool());
                    node.set("arguments", RuntimeJson.MAPPER.valueToTree(call.arguments()));
                }
                case PlanStep.SubGoal sub -> node.put("subgoal", sub.goal());
            }
            if (!step.dependsOn().isEmpty()) {
                step.dependsOn().forEach(node.putArray("dependsOn")::add);
            }
            Expectation e = step.expectation();
            if (e.hasRules() || !e.description().isEmpty()) {
                com.fasterxml.jackson.databind.node.ObjectNode expect = node.putObject("expect");
                if (!e.description().isEmpty()) {
                    expect.put("description", e.description());
                }
                if (e.contains() != null) {
                    expect.put("contains", e.contains());
                }
                if (e.matches() != null) {
                    expect.put("matches", e.matches());
                }
            }
        }
        if (plan.answer() != null) {
            root.put("answer", plan.answer());
        }
        if (!plan.rationale().isEmpty()) {
            root.put("rationale", plan.rationale());
        }
        return root.toString();
    }

    private static JsonNode readObject(String reply) {
        String text = reply == null ? "" : reply.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0) {
            throw new IllegalArgumentException("the reply holds no JSON object");
        }
        if (end < start) {
            throw new IllegalArgumentException("the reply's JSON object is never closed (cut off?)");
        }
        try {
            JsonNode root = RuntimeJson.MAPPER.readTree(text.substring(start, end + 1));
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("the reply's JSON is not an object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the reply is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static PlanStep step(JsonNode node, int index, @Nullable ToolRegistry tools) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("step #" + index + " is not an object");
        }
        String id = optionalText(node, "id", "step #" + index);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("step #" + index + " has no \"id\"");
        }
        String where = "step " + id;
        rejectUnknownFields(node, STEP_FIELDS, where);
        String tool = optionalText(node, "tool", where);
        String subgoal = optionalText(node, "subgoal", where);
        if ((tool == null) == (subgoal == null)) {
            throw new IllegalArgumentException(where + " must have exactly one of \"tool\" or \"subgoal\"");
        }
        String description = optionalText(node, "description", where);
        List<String> dependsOn = new ArrayList<>();
        JsonNode deps = node.get("dependsOn");
        if (deps != null && !deps.isNull()) {
            if (!deps.isArray()) {
                throw new IllegalArgumentException(where + ": \"dependsOn\" must be an array of step ids");
            }
            for (JsonNode dep : deps) {
                if (!dep.isTextual()) {
                    throw new IllegalArgumentException(where + ": \"dependsOn\" must hold step ids as strings");
                }
                dependsOn.add(dep.asText());
            }
        }
        Expectation expectation = expectation(node.get("expect"), where);
        PlanStep.Action action;
        if (tool != null && tools == null) {
            action = new PlanStep.CallTool(tool, arguments(node.get("arguments"), where));
        } else if (tool != null) {
            Optional<ToolDescriptor> descriptor = tools.find(tool);
            if (descriptor.isEmpty()) {
                List<String> names = tools.tools().stream().map(ToolDescriptor::name).limit(30).toList();
                throw new IllegalArgumentException(where + " uses the tool \"" + tool + "\", which does not exist; "
                        + "tools: " + names);
            }
            Map<String, Object> arguments = arguments(node.get("arguments"), where);
            checkRequired(descriptor.get(), arguments, where);
            action = new PlanStep.CallTool(tool, arguments);
        } else {
            if (subgoal.isBlank()) {
                throw new IllegalArgumentException(where + ": \"subgoal\" is empty");
            }
            action = new PlanStep.SubGoal(subgoal);
        }
        try {
            return new PlanStep(id, description == null ? "" : description, action, dependsOn, expectation);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /**
     * An unknown field is a mistake, never extra detail: a misspelt {@code "args"} would otherwise
     * be dropped and the tool run with no arguments. The message names the closest known field,
     * or lists them all, so the repair prompt can fix it in one go.
     */
    private static void rejectUnknownFields(JsonNode node, List<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' in " + where + NearestName.to(name, known)
                        .map(nearest -> "; did you mean '" + nearest + "'?")
                        .orElse("; the fields allowed there are " + String.join(", ", known)));
            }
        }
    }

    private static Map<String, Object> arguments(@Nullable JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": \"arguments\" must be a JSON object");
        }
        return RuntimeJson.MAPPER.convertValue(node, MAP);
    }

    private static void checkRequired(ToolDescriptor tool, Map<String, Object> arguments, String where) {
        JsonNode schema;
        try {
            schema = RuntimeJson.MAPPER.readTree(tool.inputSchema());
        } catch (JsonProcessingException e) {
            return; // a registry problem, not the plan's: the tool call will report it
        }
        JsonNode required = schema == null ? null : schema.get("required");
        if (required == null || !required.isArray()) {
            return;
        }
        for (Iterator<JsonNode> it = required.elements(); it.hasNext(); ) {
            String name = it.next().asText();
            if (!arguments.containsKey(name)) {
                throw new IllegalArgumentException(where + ": the tool " + tool.name() + " needs the argument \""
                        + name + "\"; its schema is " + tool.inputSchema());
            }
        }
    }

    private static Expectation expectation(@Nullable JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Expectation.none();
        }
        if (node.isTextual()) {
            return new Expectation(node.asText(), null, null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": \"expect\" must be an object or a string");
        }
        rejectUnknownFields(node, EXPECT_FIELDS, where + " expect");
        String contains = optionalText(node, "contains", where + " expect");
        String matches = optionalText(node, "matches", where + " expect");
        String description = optionalText(node, "description", where + " expect");
        try {
            return new Expectation(description == null ? "" : description,
                    contains == null || contains.isEmpty() ? null : contains,
                    matches == null || matches.isEmpty() ? null : matches);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static @Nullable String optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + field + "\" must be a string");
        }
        return value.asText();
    }
}
