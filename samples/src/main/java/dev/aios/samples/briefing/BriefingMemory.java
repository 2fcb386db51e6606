package dev.aios.samples.briefing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import dev.aios.runtime.InProcessMemory;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the briefing's memory is created: the one place to change to plug in another store.
 *
 * <p>Until the persistent Lucene memory (ai-os-memory) is installed, the briefing uses the
 * runtime's {@link InProcessMemory} with a snapshot file ({@code state/memory.json}) loaded at
 * open and rewritten at each lasting write (a few hundred small records: cheap), so that a
 * second run in a new process sees what the first stored (the mail the awareness daemon's
 * checkpoint says it already read, the skills the agent learned).
 */
public final class BriefingMemory {
    private BriefingMemory() {}

    /**
     * Opens the briefing's memory under the world's state folder.
     *
     * @param stateFolder the world's {@code state/}
     * @return the memory; close it to keep what it holds
     */
    public static Memory open(Path stateFolder) {
        // ---- PLUG-IN POINT: replace with LuceneMemory over stateFolder.resolve("memory") once
        // ---- ai-os-memory is installed (and drop SnapshotMemory below).
        return new SnapshotMemory(stateFolder.resolve("memory.json"));
    }

    /** In-process memory saved to one JSON file on close (working memory excluded). */
    static final class SnapshotMemory implements Memory {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final InProcessMemory delegate = new InProcessMemory();
        private final Map<String, MemoryRecord> records = new ConcurrentHashMap<>();
        private final Path file;
        private volatile boolean loaded;

        SnapshotMemory(Path file) {
            this.file = file;
            if (Files.exists(file)) {
                load();
            }
            loaded = true;
        }

        @Override
        public void remember(MemoryRecord record) {
            delegate.remember(record);
            records.put(record.id(), record);
            if (loaded && record.layer() != MemoryLayer.WORKING) {
                // Written through, so the awareness checkpoint never runs ahead of what is kept.
                save();
            }
        }

        @Override
        public List<MemoryHit> recall(MemoryQuery query) {
            return delegate.recall(query);
        }

        @Override
        public boolean forget(String id) {
            boolean existed = records.remove(id) != null;
            delegate.forget(id);
            if (existed) {
                save();
            }
            return existed;
        }

        @Override
        public int endRun(String runId) {
            records.values().removeIf(r -> r.layer() == MemoryLayer.WORKING && runId.equals(r.metadata().get("run")));
            return delegate.endRun(runId);
        }

        @Override
        public void close() {
            save();
        }

        private synchronized void save() {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("records");
            records.values().stream()
                    .filter(r -> r.layer() != MemoryLayer.WORKING)
                    .sorted(java.util.Comparator.comparing(MemoryRecord::id))
                    .forEach(r -> {
                        ObjectNode n = array.addObject();
                        n.put("id", r.id());
                        n.put("layer", r.layer().name());
                        n.put("text", r.text());
                        n.put("at", r.at().toString());
                        n.put("importance", r.importance());
                        ObjectNode meta = n.putObject("metadata");
                        r.metadata().forEach(meta::put);
                    });
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.createDirectories(file.getParent());
                Files.write(temp, JSON.writeValueAsBytes(root));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new AiOsException("cannot save the briefing's memory to " + file + ": " + e.getMessage(), true, e);
            }
        }

        private void load() {
            try {
                for (JsonNode n : JSON.readTree(file.toFile()).path("records")) {
                    Map<String, String> meta = new LinkedHashMap<>();
                    n.path("metadata").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
                    remember(new MemoryRecord(n.path("id").asText(), MemoryLayer.valueOf(n.path("layer").asText()),
                            n.path("text").asText(), Instant.parse(n.path("at").asText()), n.path("importance").asDouble(),
                            meta));
                }
            } catch (IOException | RuntimeException e) {
                throw new AiOsException("cannot read the briefing's memory " + file + " (" + e.getMessage()
                        + "); delete the world's state/ folder to start afresh", false, e);
            }
        }
    }
}
