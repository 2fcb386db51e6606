package dev.aios.runtime.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.Budget;
import dev.aios.api.GateDecision;
import dev.aios.api.Goal;
import dev.aios.api.Lesson;
import dev.aios.api.Plan;
import dev.aios.api.PlanStep;
import dev.aios.api.Provenance;
import dev.aios.api.Reflection;
import dev.aios.api.StepRecord;
import dev.aios.api.ToolResult;
import dev.aios.api.Usage;
import dev.aios.api.Verification;
import dev.aios.api.spi.JournalException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies of the runtime's journal entries: goals, plans, reflections, step records,
 * spend. Every body carries {@code "v": 1}, so that a later runtime can read (or refuse, with a
 * message) what an older one wrote. Labels travel as {@link Provenance#toMetadata()} maps.
 */
final class JournalCodec {
    static final int VERSION = 1;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {};

    private JournalCodec() {}

    static ObjectNode object() {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("v", VERSION);
        return node;
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = RuntimeJson.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new JournalException("a journal entry's body is not a JSON object", false, null);
            }
            int v = node.path("v").asInt(-1);
            if (v != VERSION) {
                throw new JournalException("a journal entry has format version " + v + "; this runtime reads version "
                        + VERSION + " (was the journal written by another AI-OS version?)", false, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new JournalException("a journal entry's body is not valid JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    // ---- labels, usage, budget ------------------------------------------------------------

    static ObjectNode label(Provenance label) {
        return RuntimeJson.MAPPER.valueToTree(label.toMetadata());
    }

    static Provenance label(JsonNode node) {
        return Provenance.fromMetadata(RuntimeJson.MAPPER.convertValue(node, STRINGS));
    }

    static ObjectNode usage(Usage usage) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("calls", usage.modelCalls());
        node.put("in", usage.inputTokens());
        node.put("out", usage.outputTokens());
        node.put("cost", usage.cost().toPlainString());
        return node;
    }

    static Usage usage(JsonNode node) {
        return new Usage(node.path("calls").asLong(), node.path("in").asLong(), node.path("out").asLong(),
                new BigDecimal(node.path("cost").asText("0")));
    }

    static ObjectNode budget(Budget budget) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("steps", budget.maxSteps());
        node.put("tokens", budget.maxTokens());
        node.put("cost", budget.maxCost().toPlainString());
        node.put("wall", budget.maxWallTime().toString());
        return node;
    }

    static Budget budget(JsonNode node) {
        return new Budget(node.path("steps").asInt(), node.path("tokens").asLong(),
                new BigDecimal(node.path("cost").asText()), Duration.parse(node.path("wall").asText()));
    }

    // ---- goal ------------------------------------------------------------------------------

    static ObjectNode goal(Goal goal) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("id", goal.id());
        node.put("text", goal.text());
        node.set("context", RuntimeJson.MAPPER.valueToTree(goal.context()));
        ObjectNode labels = node.putObject("labels");
        goal.contextLabels().forEach((k, v) -> labels.set(k, label(v)));
        node.set("budget", budget(goal.budget()));
        goal.tags().forEach(node.putArray("tags")::add);
        return node;
    }

    static Goal goal(JsonNode node) {
        Map<String, String> context = RuntimeJson.MAPPER.convertValue(node.path("context"), STRINGS);
        Map<String, Provenance> labels = new LinkedHashMap<>();
        node.path("labels").properties().forEach(e -> labels.put(e.getKey(), label(e.getValue())));
        Set<String> tags = new LinkedHashSet<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        return new Goal(node.path("id").asText(), node.path("text").asText(), context, budget(node.path("budget")), tags,
                labels);
    }

    // ---- plans and reflections -------------------------------------------------------------

    static ObjectNode plan(Plan plan) {
        try {
            return (ObjectNode) RuntimeJson.MAPPER.readTree(PlanJson.write(plan));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan the runtime wrote is not JSON", e);
        }
    }

    static Plan plan(JsonNode node) {
        return PlanJson.restore(node.toString());
    }

    static ObjectNode reflection(Reflection reflection) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("decision", reflection.decision().name());
        node.put("diagnosis", reflection.diagnosis());
        var lessons = node.putArray("lessons");
        for (Lesson lesson : reflection.lessons()) {
            ObjectNode l = lessons.addObject();
            l.put("text", lesson.text());
            lesson.tags().forEach(l.putArray("tags")::add);
        }
        return node;
    }

    static Reflection reflection(JsonNode node) {
        List<Lesson> lessons = new ArrayList<>();
        for (JsonNode l : node.path("lessons")) {
            Set<String> tags = new LinkedHashSet<>();
            l.path("tags").forEach(t -> tags.add(t.asText()));
            lessons.add(new Lesson(l.path("text").asText(), tags));
        }
        return new Reflection(node.path("diagnosis").asText(), Reflection.Decision.valueOf(node.path("decision").asText()),
                lessons);
    }

    // ---- step records ----------------------------------------------------------------------

    static ObjectNode result(ToolResult result) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("text", result.text());
        node.put("error", result.error());
        node.set("label", label(result.provenance()));
        return node;
    }

    static ToolResult result(JsonNode node) {
        return new ToolResult(node.path("text").asText(), node.path("error").asBoolean(), label(node.path("label")));
    }

    static ObjectNode record(StepRecord r) {
        ObjectNode node = RuntimeJson.MAPPER.createObjectNode();
        node.put("status", r.status().name());
        node.put("attempts", r.attempts());
        if (r.gate() != null) {
            node.put("verdict", r.gate().verdict().name());
            node.put("gateReason", r.gate().reason());
        }
        if (r.result() != null) {
            node.set("result", result(r.result()));
        }
        if (r.verification() != null) {
            node.put("passed", r.verification().passed());
            node.put("verifyReason", r.verification().reason());
        }
        node.put("detail", r.detail());
        return node;
    }

    /** @return the record of {@code step} that {@code node} describes */
    static StepRecord record(PlanStep step, JsonNode node) {
        GateDecision gate = node.has("verdict")
                ? new GateDecision(GateDecision.Verdict.valueOf(node.path("verdict").asText()), node.path("gateReason").asText())
                : null;
        ToolResult result = node.has("result") ? result(node.path("result")) : null;
        Verification verification = node.has("passed")
                ? new Verification(node.path("passed").asBoolean(), node.path("verifyReason").asText())
                : null;
        return new StepRecord(step, StepRecord.Status.valueOf(node.path("status").asText()), node.path("attempts").asInt(),
                gate, result, verification, node.path("detail").asText());
    }

    static Map<String, Object> arguments(JsonNode node) {
        return RuntimeJson.MAPPER.convertValue(node, MAP);
    }

    static @Nullable String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
