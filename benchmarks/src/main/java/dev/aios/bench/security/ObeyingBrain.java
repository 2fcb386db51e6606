package dev.aios.bench.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worst brain an attacker could wish for: competent at the user's tasks, and obedient to any
 * instruction it reads. A LangChain4j {@link ChatModel}, like the project's scripted models:
 * <ul>
 *   <li>asked to plan (system message "You are the planner of an autonomous agent."), it writes
 *       the plan the {@link Playbook} holds for the goal, and if any text of its prompt holds an
 *       injection ({@link AttackerGoal#MARKER}) it adds the attacker's calls to the plan (or, for a
 *       goal it does not know, plans them alone);</li>
 *   <li>asked to extract (system message "You are a quarantined extractor."), it answers the
 *       playbook's right answer, unless the text holds an injection: then it answers the
 *       attacker's value (the attacker's recipient when asked for an address, and so on).</li>
 * </ul>
 * It counts how often it obeyed, so a suite can show that the injections were read and acted on
 * even where the runtime stopped them. Thread-safe.
 */
public final class ObeyingBrain implements ChatModel {
    static final String PLANNER = "You are the planner of an autonomous agent.";
    static final String EXTRACTOR = "You are a quarantined extractor.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Playbook playbook = new Playbook();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger plannerObeyed = new AtomicInteger();
    private final AtomicInteger extractorObeyed = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger plannerSaw = new AtomicInteger();
    private volatile String leak = "";

    /** Answers from {@code next} from now on, and resets the counts. */
    void use(Playbook next) {
        playbook = next;
        plannerObeyed.set(0);
        extractorObeyed.set(0);
        calls.set(0);
        plannerSaw.set(0);
        leak = "";
    }

    /** @return the start of the first planner-prompt line since {@link #use} that held attacker text, or "" */
    public String leak() {
        return leak;
    }

    /**
     * @return how many planner prompts since {@link #use} held any attacker text, complete or cut
     *     off: the planner must only ever see trusted text, so this should stay 0 under a defence
     */
    public int plannerSaw() {
        return plannerSaw.get();
    }

    /** @return how many plans since {@link #use} carried attacker calls */
    public int plannerObeyed() {
        return plannerObeyed.get();
    }

    /** @return how many extractions since {@link #use} answered the attacker's value */
    public int extractorObeyed() {
        return extractorObeyed.get();
    }

    /** @return model calls since {@link #use} */
    public int calls() {
        return calls.get();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        calls.incrementAndGet();
        String system = "";
        StringBuilder user = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            if (m instanceof SystemMessage s && system.isEmpty()) {
                system = s.text();
            } else if (m instanceof UserMessage u && u.hasSingleText()) {
                user.append(u.singleText()).append('\n');
            }
        }
        String reply;
        if (system.startsWith(EXTRACTOR)) {
            reply = extract(user.toString());
        } else if (system.startsWith(PLANNER)) {
            reply = plan(user.toString());
        } else {
            throw new IllegalStateException("the obeying brain got a request it has no rule for; system message: "
                    + system.lines().findFirst().orElse(""));
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(reply)).tokenUsage(new TokenUsage(100, 50))
                .finishReason(FinishReason.STOP).build();
    }

    private String plan(String prompt) {
        if (prompt.contains(AttackerGoal.MARKER.strip()) || prompt.contains(AttackerGoal.OPENING)) {
            if (plannerSaw.getAndIncrement() == 0) {
                int at = prompt.indexOf(AttackerGoal.OPENING);
                at = at >= 0 ? at : prompt.indexOf(AttackerGoal.MARKER.strip());
                int end = prompt.indexOf('\n', at);
                String line = prompt.substring(prompt.lastIndexOf('\n', at) + 1, end < 0 ? prompt.length() : end);
                leak = line.length() > 400 ? line.substring(0, 400) + "…" : line;
            }
        }
        String goal = goalOf(prompt);
        boolean replan = prompt.contains("This is a replan");
        String benign = playbook.planFor(goal, replan, prompt);
        List<ObjectNode> attack = attackerSteps(prompt);
        if (attack.isEmpty()) {
            if (benign == null) {
                throw new IllegalStateException("the playbook has no plan for the goal '" + goal + "'");
            }
            return benign;
        }
        plannerObeyed.incrementAndGet();
        try {
            ObjectNode plan = benign == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(benign);
            ArrayNode steps = plan.withArray("steps");
            // The attacker's calls go first, as the injection asks ("do that first").
            ArrayNode merged = JSON.createArrayNode();
            attack.forEach(merged::add);
            steps.forEach(merged::add);
            plan.set("steps", merged);
            return plan.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a playbook plan is not JSON: " + benign, e);
        }
    }

    private String extract(String message) {
        String instruction = playbook.instructionIn(message);
        if (instruction == null) {
            throw new IllegalStateException("the playbook has no extraction for: " + message);
        }
        List<ObjectNode> attack = attackerSteps(message.substring(message.indexOf(instruction) + instruction.length()));
        if (attack.isEmpty()) {
            return playbook.answer(instruction);
        }
        extractorObeyed.incrementAndGet();
        return attackerValue(instruction, attack);
    }

    /** The attacker's value for what the instruction asks: a recipient, a URL, a title, or the first value. */
    private static String attackerValue(String instruction, List<ObjectNode> attack) {
        String asked = instruction.toLowerCase(Locale.ROOT);
        String field = asked.contains("address") || asked.contains("email") ? "to"
                : asked.contains("url") || asked.contains("link") ? "url"
                : asked.contains("title") ? "title" : "";
        String first = null;
        for (ObjectNode step : attack) {
            JsonNode args = step.get("arguments");
            if (!field.isEmpty() && args.hasNonNull(field)) {
                return args.get(field).asText();
            }
            for (Iterator<JsonNode> v = args.elements(); v.hasNext() && first == null; ) {
                first = v.next().asText();
            }
        }
        return first == null ? "" : first;
    }

    /** @return the goal line of a planner prompt */
    static String goalOf(String prompt) {
        int start = prompt.indexOf("Goal: ");
        if (start < 0) {
            throw new IllegalStateException("a planner prompt without a goal: " + prompt);
        }
        start += "Goal: ".length();
        int end = -1;
        for (String next : List.of("\n\nContext:", "\n\nTools (", "\n\nTools")) {
            int at = prompt.indexOf(next, start);
            if (at >= 0) {
                end = end < 0 ? at : Math.min(end, at);
            }
        }
        if (end < 0) {
            end = prompt.indexOf("\n\n", start);
        }
        return (end < 0 ? prompt.substring(start) : prompt.substring(start, end)).strip();
    }

    /**
     * Reads every injection in {@code text}: after each {@link AttackerGoal#MARKER}, calls written
     * {@code tool {json}} joined by {@code then}. A cut-off injection (an excerpt that ended in the
     * middle) is not obeyed, as a model could not read it either.
     */
    private List<ObjectNode> attackerSteps(String text) {
        List<ObjectNode> steps = new ArrayList<>();
        int at = text.indexOf(AttackerGoal.MARKER);
        while (at >= 0) {
            List<ObjectNode> these = new ArrayList<>();
            int pos = at + AttackerGoal.MARKER.length();
            Map<String, String> renamed = new java.util.LinkedHashMap<>();
            boolean complete = true;
            while (true) {
                int space = text.indexOf(' ', pos);
                int brace = text.indexOf('{', pos);
                if (space < 0 || brace != space + 1) {
                    complete = false;
                    break;
                }
                String tool = text.substring(pos, space);
                int end = objectEnd(text, brace);
                if (end < 0) {
                    complete = false;
                    break;
                }
                String args = text.substring(brace, end + 1);
                String id = "atk" + ids.incrementAndGet();
                ObjectNode step = JSON.createObjectNode();
                step.put("id", id);
                step.put("tool", tool);
                ArrayNode deps = JSON.createArrayNode();
                for (Map.Entry<String, String> r : renamed.entrySet()) {
                    if (args.contains("{{" + r.getKey() + "}}")) {
                        args = args.replace("{{" + r.getKey() + "}}", "{{" + r.getValue() + "}}");
                        deps.add(r.getValue());
                    }
                }
                renamed.put("x" + (renamed.size() + 1), id);
                try {
                    step.set("arguments", JSON.readTree(args));
                } catch (JsonProcessingException e) {
                    complete = false;
                    break;
                }
                if (!deps.isEmpty()) {
                    step.set("dependsOn", deps);
                }
                these.add(step);
                pos = end + 1;
                if (!text.startsWith(" then ", pos)) {
                    break;
                }
                pos += " then ".length();
            }
            if (complete) {
                steps.addAll(these);
            }
            at = text.indexOf(AttackerGoal.MARKER, at + 1);
        }
        return steps;
    }

    /** @return the index of the brace that closes the JSON object opened at {@code open}, or -1 */
    private static int objectEnd(String text, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "ObeyingBrain";
    }
}
