package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aios.api.AgentEvent;
import dev.aios.api.Goal;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import dev.aios.api.MemoryRecord;
import dev.aios.api.RunOutcome;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolResult;
import dev.aios.api.text.Words;
import dev.aios.runtime.Agent;
import dev.aios.tools.InProcessToolRegistry;
import dev.aios.sensors.TaskTracker;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The briefing's bug section: a chat thread that reports a bug is matched to a tracker project and
 * filed there once, through an {@link Agent} run whose {@code tracker.create} call passes the gate.
 */
final class BugSection {
    private static final Pattern BUG_WORDS = Pattern.compile(
            "\\b(crash(es|ed)?|exception|bug|broken|fails?|error)\\b", Pattern.CASE_INSENSITIVE);

    private final Agent agent;
    private final InProcessToolRegistry tools;
    private final TaskTracker tracker;
    private final List<AgentEvent> events;
    private final PrintStream log;

    /** @param events the agent's events, as its listener collects them (cleared before the run) */
    BugSection(Agent agent, InProcessToolRegistry tools, TaskTracker tracker, List<AgentEvent> events, PrintStream log) {
        this.agent = agent;
        this.tools = tools;
        this.tracker = tracker;
        this.events = events;
        this.log = log;
    }

    /** What became of the bug: the item filed now, or the one found already filed, and the gate's word. */
    record BugOutcome(String filed, String existing, String gate) {}

    /**
     * Writes the section: finds the first chat thread that reports a bug and files it in the
     * tracker project it reads like, unless an earlier run filed it already.
     *
     * @param chat the chat messages as the awareness daemon stored them
     */
    BugOutcome write(BriefingDocument doc, List<MemoryRecord> chat) {
        doc.heading("Bug reported in chat");
        Map<String, List<MemoryRecord>> threads = new TreeMap<>();
        for (MemoryRecord r : chat) {
            threads.computeIfAbsent(r.metadata().getOrDefault("thread", r.id()), t -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<MemoryRecord>> t : threads.entrySet()) {
            List<MemoryRecord> messages = t.getValue().stream().sorted(Comparator.comparing(MemoryRecord::at)).toList();
            if (messages.size() < 2 || !BUG_WORDS.matcher(messages.get(0).text()).find()) {
                continue;
            }
            String threadId = t.getKey();
            String channel = messages.get(0).metadata().getOrDefault("channel", "");
            String marker = "chat thread " + threadId;
            String project = project(channel, messages);
            String title = title(said(messages.get(0)));
            StringBuilder description = new StringBuilder("Reported in #" + channel + " (" + marker + "):\n");
            messages.forEach(m -> description.append("- ").append(m.metadata().getOrDefault("user", "?")).append(": ")
                    .append(said(m)).append('\n'));
            doc.item("Thread in #" + channel + ": " + title, "matched to tracker project " + project);
            // Check the tracker first: a second run must not file it twice.
            String ts = threadId.substring(threadId.indexOf(':') + 1).replaceAll("\\..*", "");
            ToolResult found = tools.call(new ToolCall(UUID.randomUUID().toString(), "tracker.search",
                    Map.of("query", ts)));
            String existing = existing(found.text(), marker);
            if (!existing.isEmpty()) {
                doc.item("Already in the tracker as " + existing + "; not filed again.");
                log.printf("[bug]     already filed as %s%n", existing);
                return new BugOutcome("", existing, "");
            }
            events.clear();
            // The project is one of the user's own tracker projects; the thread's words are a stranger's.
            Provenance fromChat = Provenance.untrusted(Source.sensor("chat"), Source.memory(messages.get(0).id()));
            RunOutcome outcome = agent.run(Goal.builder("File the bug from a chat thread in tracker project " + project)
                    .context("thread", threadId, fromChat).context("project", project)
                    .context("title", title, fromChat)
                    .context("description", description.toString().strip(), fromChat).build());
            String gate = events.stream().filter(e -> e.type() == AgentEvent.Type.STEP_ALLOWED
                            || e.type() == AgentEvent.Type.STEP_DENIED || e.type() == AgentEvent.Type.APPROVAL_REQUESTED)
                    .map(e -> e.type().name() + ": " + e.message()).findFirst().orElse("");
            String item = outcome.succeeded() ? existing(outcome.answer(), marker) : "";
            doc.item(outcome.succeeded() ? "Filed as " + item + " in " + project : "Not filed: " + outcome.detail(),
                    "gate: " + gate + (outcome.usage().modelCalls() == 0 ? "; plan from a learned skill" : "; plan by the brain"));
            log.printf("[bug]     %s (%s)%n", outcome.succeeded() ? "filed as " + item : "not filed", gate);
            return new BugOutcome(item, "", gate);
        }
        doc.paragraph("No bug reported in chat.");
        return new BugOutcome("", "", "");
    }

    /** The project whose name and items read most like the thread; the channel's name counts too. */
    private String project(String channel, List<MemoryRecord> messages) {
        Map<String, StringBuilder> projects = new TreeMap<>();
        tracker.items().forEach(i -> {
            if (!i.project().isBlank()) {
                projects.computeIfAbsent(i.project(), p -> new StringBuilder(p.replace('-', ' '))).append(". ").append(i.title());
            }
        });
        float[] thread = Embeddings.normalised(messages.stream().map(MemoryRecord::text).collect(Collectors.joining("\n")));
        Set<String> channelWords = Words.distinct(channel, 1);
        String best = "";
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, StringBuilder> p : projects.entrySet()) {
            double score = Embeddings.cosine(thread, Embeddings.normalised(p.getValue().toString()));
            for (String w : Words.of(p.getKey())) {
                score += channelWords.contains(w) ? 0.2 : 0;
            }
            if (score > bestScore) {
                bestScore = score;
                best = p.getKey();
            }
        }
        return best;
    }

    /** A chat message's words, without the channel and speaker the chat sensor puts in front. */
    private static String said(MemoryRecord chat) {
        String user = chat.metadata().getOrDefault("user", "");
        String text = chat.text().strip().replaceFirst("^#\\S+\\s+", "");
        return !user.isEmpty() && text.startsWith(user + ":") ? text.substring(user.length() + 1).strip() : text;
    }

    private static String title(String text) {
        String first = text.strip().replaceFirst("(?i)^(heads up|fyi|psa)\\s*[:,-]\\s*", "");
        int end = first.length();
        for (String stop : List.of(". ", "? ", "! ", "\n")) {
            int i = first.indexOf(stop);
            end = i > 0 ? Math.min(end, i) : end;
        }
        String t = first.substring(0, end).strip();
        t = t.length() > 100 ? t.substring(0, 99) + "…" : t;
        return t.isEmpty() ? "Bug reported in chat" : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static String existing(String json, String marker) {
        try {
            JsonNode root = BriefingJson.MAPPER.readTree(json.substring(Math.max(0, json.indexOf('['))));
            for (JsonNode item : root) {
                if (item.path("description").asText().contains(marker)) {
                    return item.path("id").asText();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
