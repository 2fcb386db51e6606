package dev.aios.sensors.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.AiOsException;
import dev.aios.sensors.TrackerItem;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The tracker's file: {@code {"items": [{"id", "title", "description", "status", "project",
 * "labels", "created", "updated", "version"}], "appliedKeys": [{"key", "answer"}]}}. Written to a
 * temporary file and moved over the old one, so a reader (the tracker sensor, another process)
 * never sees half a file, and a change and the idempotency key that made it land together or not
 * at all.
 */
public final class TrackerFile {
    private static final ObjectMapper JSON = SensorJson.MAPPER;

    private TrackerFile() {}

    /**
     * What the file holds.
     *
     * @param items the items, in filing order (a mutable copy)
     * @param appliedKeys the idempotency keys of the changes applied, oldest first, each with the
     *     answer its call got (a mutable copy)
     */
    public record Contents(List<TrackerItem> items, LinkedHashMap<String, String> appliedKeys) {}

    /** @return the items, or none when the file does not exist */
    public static List<TrackerItem> read(Path file) throws IOException, MalformedTrackerException {
        return readContents(file).items();
    }

    /** @return the items and applied keys, or none when the file does not exist */
    public static Contents readContents(Path file) throws IOException, MalformedTrackerException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(new ArrayList<>(), new LinkedHashMap<>());
        }
        return parseContents(bytes);
    }

    static List<TrackerItem> parse(byte[] bytes) throws MalformedTrackerException {
        return parseContents(bytes).items();
    }

    private static Contents parseContents(byte[] bytes) throws MalformedTrackerException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedTrackerException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedTrackerException(e.toString());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Contents(new ArrayList<>(), new LinkedHashMap<>());
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new MalformedTrackerException("expected an object with an \"items\" array");
        }
        List<TrackerItem> out = new ArrayList<>();
        int index = 0;
        for (JsonNode item : items) {
            index++;
            try {
                List<String> labels = new ArrayList<>();
                item.path("labels").forEach(l -> labels.add(l.asText()));
                Instant created = Instant.parse(item.path("created").asText());
                out.add(new TrackerItem(item.path("id").asText(""), item.path("title").asText(""),
                        item.path("description").asText(""), item.path("status").asText("open"),
                        item.path("project").asText(""), labels, created,
                        item.hasNonNull("updated") ? Instant.parse(item.path("updated").asText()) : created,
                        item.path("version").asInt(1)));
            } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                throw new MalformedTrackerException("item " + index + " is invalid: " + e.getMessage());
            }
        }
        LinkedHashMap<String, String> applied = new LinkedHashMap<>();
        JsonNode keys = root.path("appliedKeys");
        if (!keys.isMissingNode() && !keys.isArray()) {
            throw new MalformedTrackerException("\"appliedKeys\" must be an array");
        }
        for (JsonNode key : keys) {
            if (!key.path("key").isTextual() || !key.path("answer").isTextual()) {
                throw new MalformedTrackerException("each of \"appliedKeys\" needs a \"key\" and an \"answer\" (strings)");
            }
            applied.put(key.path("key").asText(), key.path("answer").asText());
        }
        return new Contents(out, applied);
    }

    /**
     * Replaces the file's content with {@code contents} in one atomic move (where the file system
     * allows), so the items and the keys of the changes in them are never seen apart.
     */
    public static void write(Path file, Contents contents) {
        List<TrackerItem> items = contents.items();
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("items");
        for (TrackerItem item : items) {
            ObjectNode node = array.addObject();
            node.put("id", item.id());
            node.put("title", item.title());
            node.put("description", item.description());
            node.put("status", item.status());
            node.put("project", item.project());
            ArrayNode labels = node.putArray("labels");
            item.labels().forEach(labels::add);
            node.put("created", item.created().toString());
            node.put("updated", item.updated().toString());
            node.put("version", item.version());
        }
        if (!contents.appliedKeys().isEmpty()) {
            ArrayNode keys = root.putArray("appliedKeys");
            contents.appliedKeys().forEach((key, answer) -> keys.addObject().put("key", key).put("answer", answer));
        }
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw AiOsException.retriable("cannot write the tracker file " + absolute + ": " + e.getMessage()
                    + "; check that its folder is writable", e);
        }
    }

    /** The tracker file exists but cannot be understood. */
    public static final class MalformedTrackerException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedTrackerException(String message) {
            super(message);
        }
    }
}
