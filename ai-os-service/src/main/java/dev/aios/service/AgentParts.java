package dev.aios.service;

import dev.aios.api.Memory;
import dev.aios.api.Observation;
import dev.aios.runtime.FileRunJournal;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingBrains;
import dev.aios.samples.briefing.BriefingMemory;
import dev.aios.samples.briefing.BriefingSetup;
import dev.aios.sensors.AwarenessDaemon;
import dev.aios.service.internal.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent on a configuration runs with, opened together by the service and by the commands
 * that run in process ({@code aios run}, {@code ask}, {@code mcp}): the brains, the memory and the
 * journal, with progress shown while the slow ones open; closed in reverse order.
 *
 * @param brains the configured brains
 * @param memory the persistent memory under the state folder
 * @param journal the run journal under the state folder
 */
record AgentParts(BriefingBrains brains, Memory memory, FileRunJournal journal) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentParts.class);

    /**
     * Opens them; a failure half-way closes what opened.
     *
     * @param log where progress goes
     */
    static AgentParts open(AiosConfig config, PrintStream log) {
        boolean terminal = Progress.onTerminal();
        Path state = config.storage().state();
        BriefingBrains brains;
        try (Progress loading = Progress.start(log, config.brains().model() == null ? "opening brains"
                : "loading the model from " + config.brains().model(), 0, () -> 0, terminal)) {
            brains = config.openBrains();
        }
        Memory memory = null;
        try {
            try (Progress loading = Progress.start(log, "opening memory (the first time, this loads the MiniLM embedder)",
                    0, () -> 0, terminal)) {
                memory = BriefingMemory.open(state);
            }
            return new AgentParts(brains, memory, FileRunJournal.open(state.resolve("journal")));
        } catch (RuntimeException e) {
            if (memory != null) {
                memory.close();
            }
            brains.close();
            throw e;
        }
    }

    /**
     * Starts watching the agent's sources and reads what is there now, with progress: the first
     * time, a large mailbox takes a while. The caller closes the daemon.
     *
     * @param also told of every new observation too
     */
    static AwarenessDaemon watchAndIndex(BriefingAgent agent, Consumer<Observation> also, PrintStream log) {
        AtomicLong mailStored = new AtomicLong();
        AwarenessDaemon daemon = agent.startAwareness(o -> {
            if ("mail".equals(o.source())) {
                mailStored.incrementAndGet();
            }
            also.accept(o);
        });
        try (Progress indexing = Progress.start(log, "indexing mail", mailFiles(agent.setup()), mailStored::get,
                Progress.onTerminal())) {
            agent.ingest();
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        return daemon;
    }

    /** @return how many files the setup's maildirs hold: an upper bound on the mail to index */
    private static long mailFiles(BriefingSetup setup) {
        long n = 0;
        for (Path folder : setup.maildirs()) {
            try (var files = Files.walk(folder)) {
                n += files.filter(f -> Files.isRegularFile(f) && f.getParent() != null
                        && Set.of("cur", "new").contains(String.valueOf(f.getParent().getFileName()))).count();
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("cannot count the files of {}: {}", folder, e.toString());
            }
        }
        return n;
    }

    @Override
    public void close() {
        try (brains; memory; journal) {
            // closed in reverse: the journal, the memory, the brains
        }
    }
}
