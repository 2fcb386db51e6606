package dev.aios.sensors.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.AiOsException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's checkpoint file: per sensor its saved state, and the ids (with a content hash) of
 * every observation already written to memory. Written to a temporary file and moved over the old
 * one, so a crash leaves either the old or the new checkpoint, never half of one.
 *
 * <pre>{"version": 1, "sensors": {"mail": {...}}, "reported": {"mail:abc@x": "hash"}}</pre>
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final ObjectMapper JSON = SensorJson.MAPPER;

    /** What a checkpoint holds. */
    public record Content(Map<String, Map<String, String>> sensors, Map<String, String> reported) {}

    private final Path file;

    /** @param file where the checkpoint lives */
    public CheckpointStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** @return the saved checkpoint; empty when there is none or it is unreadable (then everything is read again) */
    public Content load() {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Content(new HashMap<>(), new HashMap<>());
        } catch (IOException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.warn("checkpoint {} is unreadable ({}); moved to {} and starting afresh: sensors read everything"
                    + " again, and memory keeps one record per id", file, e.toString(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("could not move {} aside: {}", file, moveFailed.toString());
            }
            return new Content(new HashMap<>(), new HashMap<>());
        }
        Map<String, Map<String, String>> sensors = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("sensors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sensor = it.next();
            sensors.put(sensor.getKey(), strings(sensor.getValue()));
        }
        return new Content(sensors, strings(root.path("reported")));
    }

    /** Replaces the checkpoint. */
    public void save(Content content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode sensors = root.putObject("sensors");
        content.sensors().forEach((name, state) -> {
            ObjectNode node = sensors.putObject(name);
            new java.util.TreeMap<>(state).forEach(node::put);
        });
        ObjectNode reported = root.putObject("reported");
        content.reported().forEach(reported::put);
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.write(temp, JSON.writeValueAsBytes(root));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw AiOsException.retriable("cannot write the awareness checkpoint " + file + ": " + e.getMessage()
                    + "; check that its folder is writable and has space", e);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.put(entry.getKey(), entry.getValue().asText());
        }
        return out;
    }
}
