package dev.aios.sensors.internal;

import dev.aios.api.Observation;
import dev.aios.sensors.TrackerItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The task tracker's file as a sensor sees it: each item at each version is one event
 * ({@code tracker:T-3:v2}), so creating and updating a task both land in episodic memory and an
 * unchanged item is reported once.
 */
public final class TrackerFormat implements FileFormat {
    private final String fileName;

    /** @param fileName the tracker file's name in the watched folder */
    public TrackerFormat(String fileName) {
        this.fileName = fileName;
    }

    @Override
    public String describe() {
        return "tracker file";
    }

    @Override
    public boolean accepts(Path relative) {
        return relative.getNameCount() == 1 && relative.getFileName().toString().equals(fileName);
    }

    @Override
    public boolean descend(Path relative) {
        return relative.toString().isEmpty();
    }

    @Override
    public String read(Path file, @Nullable String previous, Consumer<Observation> sink) throws Exception {
        for (TrackerItem item : TrackerFile.parse(Files.readAllBytes(file))) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("item", item.id());
            attributes.put("title", item.title());
            attributes.put("status", item.status());
            if (!item.project().isEmpty()) {
                attributes.put("project", item.project());
            }
            if (!item.labels().isEmpty()) {
                attributes.put("labels", String.join(", ", item.labels()));
            }
            attributes.put("version", String.valueOf(item.version()));
            attributes.put("change", item.version() <= 1 ? "created" : "updated");
            attributes.put("file", file.toString());
            StringBuilder text = new StringBuilder(item.id()).append(" [").append(item.status()).append("] ")
                    .append(item.title());
            if (!item.project().isEmpty()) {
                text.append(" (").append(item.project()).append(')');
            }
            if (!item.description().isBlank()) {
                text.append('\n').append(item.description().strip());
            }
            sink.accept(new Observation("tracker:" + item.id() + ":v" + item.version(), "tracker", "task",
                    text.toString(), item.updated(), attributes));
        }
        return "";
    }
}
