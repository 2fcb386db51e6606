package dev.aios.sensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolRegistry;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.api.text.Words;
import dev.aios.sensors.internal.SensorJson;
import dev.aios.sensors.internal.TrackerFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A small task tracker kept in one JSON file, offered to agents as tools:
 * <ul>
 *   <li>{@code tracker.list} (read-only): items, optionally filtered by {@code status} and {@code project}</li>
 *   <li>{@code tracker.search} (read-only): items ranked by how well they match {@code query}</li>
 *   <li>{@code tracker.create} (side-effecting): files a new item from {@code title} and optional
 *       {@code description}, {@code project}, {@code labels}</li>
 *   <li>{@code tracker.update} (side-effecting): changes {@code status}, {@code title},
 *       {@code description}, {@code project} or {@code labels} of the item {@code id}</li>
 * </ul>
 * The file is read on every call, so edits by hand or by another process are seen, and replaced
 * atomically on every change, so a {@link TrackerSensor} watching it reports each change. A file
 * that cannot be parsed is never overwritten: calls fail with a message naming it.
 *
 * <p>{@code tracker.create} and {@code tracker.update} honour {@linkplain ToolCall#idempotencyKey()
 * idempotency keys}: the key of a call is written into the tracker file in the same atomic
 * replacement as its change, with the answer the call got, so a call with a key already there
 * (in this process or an earlier one) changes nothing and gets that answer again. The file keeps
 * the last {@value #KEPT_KEYS} keys.
 *
 * <pre>{@code
 * TaskTracker tracker = TaskTracker.open(Path.of("tracker.json"));
 * TrackerItem bug = tracker.create("Crash on empty inbox", "seen in #dev", "mailer", List.of("bug"));
 * }</pre>
 */
public final class TaskTracker implements ToolRegistry {
    /** The statuses an item may have; new items are {@code open}. */
    public static final Set<String> STATUSES = Set.of("open", "in-progress", "blocked", "done", "cancelled");

    /** How many idempotency keys the file keeps, newest last; older ones are dropped. */
    public static final int KEPT_KEYS = 1000;

    private static final ObjectMapper JSON = SensorJson.MAPPER;
    private static final String ITEM_ID_PREFIX = "T-";
    private static final List<ToolDescriptor> TOOLS = List.of(
            new ToolDescriptor("tracker.list", "List the tasks in the local tracker, optionally only those with a "
                    + "given status (open, in-progress, blocked, done, cancelled) or project.",
                    schema("{\"status\":{\"type\":\"string\"},\"project\":{\"type\":\"string\"}}", ""),
                    ToolRisk.READ_ONLY),
            new ToolDescriptor("tracker.search", "Search the tasks in the local tracker by words in their title, "
                    + "description, project and labels.",
                    schema("{\"query\":{\"type\":\"string\"},\"k\":{\"type\":\"integer\",\"minimum\":1}}", "\"query\""),
                    ToolRisk.READ_ONLY),
            new ToolDescriptor("tracker.create", "File a new task (a bug, a request, a to-do) in the local tracker.",
                    schema("{\"title\":{\"type\":\"string\"},\"description\":{\"type\":\"string\"},"
                            + "\"project\":{\"type\":\"string\"},\"labels\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}",
                            "\"title\""),
                    ToolRisk.SIDE_EFFECTING.withIdempotencyKey()),
            new ToolDescriptor("tracker.update", "Change the status, title, description, project or labels of a task "
                    + "in the local tracker.",
                    schema("{\"id\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",\"enum\":[\"open\",\"in-progress\","
                            + "\"blocked\",\"done\",\"cancelled\"]},\"title\":{\"type\":\"string\"},"
                            + "\"description\":{\"type\":\"string\"},\"project\":{\"type\":\"string\"},"
                            + "\"labels\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}", "\"id\""),
                    ToolRisk.SIDE_EFFECTING.withIdempotencyKey()));

    private final Path file;
    private final Clock clock;

    private TaskTracker(Path file, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /**
     * @param file the tracker's JSON file; created at the first change if it does not exist
     * @return a tracker over that file
     */
    public static TaskTracker open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * @param file the tracker's JSON file; created at the first change if it does not exist
     * @param clock stamps created and updated times (tests pass a fixed one)
     * @return a tracker over that file
     */
    public static TaskTracker open(Path file, Clock clock) {
        return new TaskTracker(Objects.requireNonNull(file, "tracker file"), Objects.requireNonNull(clock, "clock"));
    }

    /** @return the tracker's file */
    public Path file() {
        return file;
    }

    /** @return every item, in filing order */
    public synchronized List<TrackerItem> items() {
        return List.copyOf(contents().items());
    }

    private TrackerFile.Contents contents() {
        try {
            return TrackerFile.readContents(file);
        } catch (IOException e) {
            throw AiOsException.retriable("cannot read the tracker file " + file + ": " + e.getMessage(), e);
        } catch (TrackerFile.MalformedTrackerException e) {
            throw AiOsException.permanent("the tracker file " + file + " is malformed (" + e.getMessage()
                    + "); fix it or move it away: it is left untouched", e);
        }
    }

    /** @return the item with {@code id}, if any */
    public Optional<TrackerItem> item(String id) {
        return items().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * @return at most {@code k} items sharing words with {@code query}, best first
     */
    public List<TrackerItem> searchItems(String query, int k) {
        if (k < 1) {
            throw AiOsException.permanent("k must be >= 1, was " + k);
        }
        Set<String> words = words(query);
        record Scored(TrackerItem item, long score) {}
        return items().stream()
                .map(i -> new Scored(i, words(i.id() + " " + i.title() + " " + i.description() + " " + i.project()
                        + " " + String.join(" ", i.labels())).stream().filter(words::contains).count()))
                .filter(s -> s.score() > 0)
                .sorted(Comparator.comparingLong(Scored::score).reversed())
                .limit(k)
                .map(Scored::item)
                .toList();
    }

    /**
     * Files a new open item.
     *
     * @return the item as stored
     */
    public synchronized TrackerItem create(String title, String description, String project, List<String> labels) {
        TrackerFile.Contents contents = contents();
        TrackerItem item = create(contents.items(), title, description, project, labels);
        TrackerFile.write(file, contents);
        return item;
    }

    /** Adds the item to {@code items}; writes nothing. */
    private TrackerItem create(List<TrackerItem> items, String title, String description, String project,
            List<String> labels) {
        if (title == null || title.isBlank()) {
            throw AiOsException.permanent("a tracker item needs a non-blank title");
        }
        int next = items.stream().mapToInt(i -> number(i.id())).max().orElse(0) + 1;
        Instant now = clock.instant();
        TrackerItem item = new TrackerItem(ITEM_ID_PREFIX + next, title.strip(), nullToEmpty(description).strip(),
                "open", nullToEmpty(project).strip(), labels == null ? List.of() : labels, now, now, 1);
        items.add(item);
        return item;
    }

    /**
     * Changes an item. Keys of {@code changes}: {@code status}, {@code title}, {@code description},
     * {@code project} (strings) and {@code labels} (a list of strings).
     *
     * @return the item as stored, its version one higher
     * @throws AiOsException if there is no such item, or a key or value is invalid
     */
    public synchronized TrackerItem update(String id, Map<String, ?> changes) {
        TrackerFile.Contents contents = contents();
        TrackerItem changed = update(contents.items(), id, changes);
        TrackerFile.write(file, contents);
        return changed;
    }

    /** Changes the item in {@code items}; writes nothing. */
    private TrackerItem update(List<TrackerItem> items, String id, Map<String, ?> changes) {
        Set<String> unknown = new TreeSet<>(changes.keySet());
        unknown.removeAll(Set.of("status", "title", "description", "project", "labels"));
        if (!unknown.isEmpty()) {
            throw AiOsException.permanent("cannot change " + unknown + " of a tracker item; changeable: "
                    + "status, title, description, project, labels");
        }
        for (int i = 0; i < items.size(); i++) {
            TrackerItem old = items.get(i);
            if (!old.id().equals(id)) {
                continue;
            }
            String status = text(changes, "status", old.status());
            if (!STATUSES.contains(status)) {
                throw AiOsException.permanent("status '" + status + "' is not one of " + new TreeSet<>(STATUSES));
            }
            String title = text(changes, "title", old.title());
            if (title.isBlank()) {
                throw AiOsException.permanent("the title of tracker item " + id + " cannot become blank");
            }
            TrackerItem changed = new TrackerItem(id, title, text(changes, "description", old.description()), status,
                    text(changes, "project", old.project()), labels(changes, old.labels()), old.created(),
                    clock.instant(), old.version() + 1);
            items.set(i, changed);
            return changed;
        }
        throw AiOsException.permanent("no tracker item '" + id + "' in " + file + "; tracker.list shows the ids");
    }

    @Override
    public List<ToolDescriptor> tools() {
        return TOOLS;
    }

    @Override
    public ToolResult call(ToolCall call) {
        Map<String, Object> args = call.arguments();
        try {
            return switch (call.tool()) {
                case "tracker.list" -> {
                    allowOnly(args, "status", "project");
                    String status = text(args, "status", null);
                    String project = text(args, "project", null);
                    yield ToolResult.success(toJson(items().stream()
                            .filter(i -> status == null || i.status().equals(status))
                            .filter(i -> project == null || i.project().equalsIgnoreCase(project))
                            .toList()));
                }
                case "tracker.search" -> {
                    allowOnly(args, "query", "k");
                    String query = text(args, "query", null);
                    if (query == null || query.isBlank()) {
                        yield ToolResult.failure("tracker.search needs a non-blank 'query'");
                    }
                    Object k = args.getOrDefault("k", 10);
                    if (!(k instanceof Number n) || n.intValue() < 1) {
                        yield ToolResult.failure("tracker.search: 'k' must be a number >= 1, was " + k);
                    }
                    yield ToolResult.success(toJson(searchItems(query, n.intValue())));
                }
                case "tracker.create" -> {
                    allowOnly(args, "title", "description", "project", "labels");
                    String title = text(args, "title", null);
                    if (title == null || title.isBlank()) {
                        yield ToolResult.failure("tracker.create needs a non-blank 'title'");
                    }
                    String description = text(args, "description", "");
                    String project = text(args, "project", "");
                    List<String> labels = labels(args, List.of());
                    yield once(call, items -> toJson(List.of(create(items, title, description, project, labels))));
                }
                case "tracker.update" -> {
                    allowOnly(args, "id", "status", "title", "description", "project", "labels");
                    String id = text(args, "id", null);
                    if (id == null || id.isBlank()) {
                        yield ToolResult.failure("tracker.update needs the 'id' of the item to change");
                    }
                    Map<String, Object> changes = new LinkedHashMap<>(args);
                    changes.remove("id");
                    yield once(call, items -> toJson(List.of(update(items, id, changes))));
                }
                default -> throw AiOsException.permanent("no tool '" + call.tool() + "' in the tracker; available: "
                        + TOOLS.stream().map(ToolDescriptor::name).toList());
            };
        } catch (AiOsException e) {
            if (find(call.tool()).isEmpty()) {
                throw e;
            }
            // A bad argument or a missing item is the tool's answer, for the agent to read and fix.
            return ToolResult.failure(e.getMessage());
        }
    }

    /**
     * Applies a change and writes it, with the call's idempotency key and answer, in one atomic
     * replacement of the file; a call whose key is there already changes nothing and gets the
     * answer recorded with it.
     *
     * @param change changes the items in place and returns the answer
     */
    private synchronized ToolResult once(ToolCall call, Function<List<TrackerItem>, String> change) {
        TrackerFile.Contents contents = contents();
        String key = call.idempotencyKey();
        if (key != null && contents.appliedKeys().containsKey(key)) {
            return ToolResult.success(contents.appliedKeys().get(key));
        }
        String answer = change.apply(contents.items());
        if (key != null) {
            LinkedHashMap<String, String> keys = contents.appliedKeys();
            keys.put(key, answer);
            while (keys.size() > KEPT_KEYS) {
                keys.remove(keys.keySet().iterator().next());
            }
        }
        TrackerFile.write(file, contents);
        return ToolResult.success(answer);
    }

    private static void allowOnly(Map<String, Object> args, String... known) {
        Set<String> unknown = new TreeSet<>(args.keySet());
        Arrays.asList(known).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw AiOsException.permanent("unknown arguments " + unknown + "; known: " + Arrays.toString(known));
        }
    }

    private static String text(Map<String, ?> args, String key, String fallback) {
        Object value = args.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw AiOsException.permanent("'" + key + "' must be a string, was " + value);
        }
        return s;
    }

    private static List<String> labels(Map<String, ?> args, List<String> fallback) {
        Object value = args.get("labels");
        if (value == null) {
            return fallback;
        }
        if (value instanceof String s) {
            return Arrays.stream(s.split(",")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        throw AiOsException.permanent("'labels' must be a list of strings, was " + value);
    }

    private static String toJson(List<TrackerItem> items) {
        ArrayNode array = JSON.createArrayNode();
        for (TrackerItem item : items) {
            ObjectNode node = array.addObject();
            node.put("id", item.id());
            node.put("title", item.title());
            node.put("status", item.status());
            node.put("project", item.project());
            ArrayNode labels = node.putArray("labels");
            item.labels().forEach(labels::add);
            node.put("description", item.description());
            node.put("updated", item.updated().toString());
            node.put("version", item.version());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tracker items as JSON", e);
        }
    }

    private static int number(String id) {
        try {
            return id.startsWith(ITEM_ID_PREFIX) ? Integer.parseInt(id.substring(ITEM_ID_PREFIX.length())) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Set<String> words(String text) {
        return Words.distinct(text, 2);
    }

    private static String schema(String properties, String required) {
        return "{\"type\":\"object\",\"properties\":" + properties + (required.isEmpty() ? "" : ",\"required\":[" + required + "]")
                + ",\"additionalProperties\":false}";
    }
}
