package dev.aios.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolDescriptor;
import dev.aios.tools.HeldBackTool;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools on offer at one moment: the in-process tools, then each server's, less those that
 * tool pinning holds back (new and not trusted on first use, or changed since approval), with the
 * search index over them. A snapshot is rebuilt only when a server's tool list or a pin changed,
 * so reading it is cheap on the hot path.
 */
public final class ToolCatalog {
    private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);

    /**
     * The catalog at one moment.
     *
     * @param sources the server tool lists it was built from (compared by identity)
     * @param pinVersion the pin changes it reflects
     * @param visible the tools on offer, in-process tools first
     * @param byName the same, by name
     * @param held the tools held back, by name
     * @param search the search index over {@code visible}
     */
    public record Snapshot(List<ServerCatalog.ServerTools> sources, long pinVersion, List<ToolDescriptor> visible,
            Map<String, ToolEntry> byName, Map<String, HeldBackTool> held, ToolSearch search) {}

    private final Map<String, ToolEntry> inProcess;
    private final ServerCatalog servers;
    private final PinStore pins;
    private final boolean trustOnFirstUse;
    private final @Nullable EmbeddingModel embeddingModel;
    private final Cache<String, float[]> vectors = ToolSearch.vectorCache();
    private final AtomicLong pinVersion = new AtomicLong();
    private final Set<String> warnedHeld = ConcurrentHashMap.newKeySet();
    private volatile @Nullable Snapshot snapshot;

    /**
     * @param inProcess the in-process tools, by name, in registration order
     * @param trustOnFirstUse whether a tool seen for the first time is approved at once
     * @param embeddingModel adds embedding similarity to search; null for words only
     */
    public ToolCatalog(Map<String, InProcessTool> inProcess, ServerCatalog servers, PinStore pins,
            boolean trustOnFirstUse, @Nullable EmbeddingModel embeddingModel) {
        Map<String, ToolEntry> entries = new LinkedHashMap<>();
        inProcess.forEach((name, tool) -> entries.put(name, ToolEntry.of(tool)));
        this.inProcess = Collections.unmodifiableMap(entries);
        this.servers = servers;
        this.pins = pins;
        this.trustOnFirstUse = trustOnFirstUse;
        this.embeddingModel = embeddingModel;
    }

    /** @return the catalog now; rebuilt only if a server's tool list or a pin changed since the last */
    public Snapshot current() {
        List<ServerCatalog.ServerTools> sources = servers.toolLists();
        Snapshot current = snapshot;
        if (current != null && current.pinVersion() == pinVersion.get() && same(current.sources(), sources)) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && current.pinVersion() == pinVersion.get() && same(current.sources(), sources)) {
                return current;
            }
            current = build(sources);
            snapshot = current;
            return current;
        }
    }

    /**
     * Approves a held-back tool as its server describes it now and records its fingerprint.
     *
     * @throws AiOsException if no tool of that name is held back
     */
    public void approve(String toolName) {
        Map<String, HeldBackTool> held = current().held();
        HeldBackTool tool = held.get(toolName);
        if (tool == null) {
            throw AiOsException.permanent("no tool named '" + toolName + "' is held back; held back now: "
                    + held.keySet());
        }
        pins.pin(toolName, tool.fingerprint());
        pinVersion.incrementAndGet();
        log.info("tool {} approved", toolName);
    }

    private static boolean same(List<ServerCatalog.ServerTools> a, List<ServerCatalog.ServerTools> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private Snapshot build(List<ServerCatalog.ServerTools> sources) {
        long version = pinVersion.get();
        Map<String, ToolEntry> byName = new LinkedHashMap<>(inProcess);
        Map<String, HeldBackTool> held = new LinkedHashMap<>();
        Map<String, String> firstSeen = new LinkedHashMap<>();
        for (ServerCatalog.ServerTools tools : sources) {
            for (ToolEntry entry : tools.tools()) {
                String name = entry.descriptor().name();
                if (byName.containsKey(name)) {
                    log.warn("tool {} is offered twice; keeping the first", name);
                    continue;
                }
                String fingerprint = entry.fingerprint();
                switch (pins.check(name, fingerprint)) {
                    case APPROVED -> byName.put(name, entry);
                    case NEW -> {
                        if (trustOnFirstUse) {
                            firstSeen.put(name, fingerprint);
                            byName.put(name, entry);
                        } else {
                            held.put(name, new HeldBackTool(entry.descriptor(), "new tool, not approved yet",
                                    fingerprint));
                        }
                    }
                    case CHANGED -> {
                        held.put(name, new HeldBackTool(entry.descriptor(), "its description, input schema or risk "
                                + "changed since it was approved", fingerprint));
                        if (warnedHeld.add(name + "@" + fingerprint)) {
                            log.warn("tool {} changed since it was approved and is held back until approved again; "
                                    + "new description: {}", name, entry.descriptor().description());
                        }
                    }
                }
            }
        }
        if (!firstSeen.isEmpty()) {
            firstSeen.forEach(pins::pin);
        }
        List<ToolDescriptor> visible = byName.values().stream().map(ToolEntry::descriptor).toList();
        return new Snapshot(List.copyOf(sources), version, visible, Collections.unmodifiableMap(byName),
                Collections.unmodifiableMap(held), new ToolSearch(visible, embeddingModel, vectors));
    }
}
