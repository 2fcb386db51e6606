package dev.aios.samples.briefing;

import dev.aios.api.Memory;
import dev.aios.memory.LuceneMemory;
import java.nio.file.Path;

/**
 * Where the briefing's memory is created: the persistent Lucene store of ai-os-memory under the
 * world's {@code state/memory}, so a second run in a new process sees what the first stored (the
 * mail the awareness daemon's checkpoint says it already read, the skills the agent learned).
 */
public final class BriefingMemory {
    private BriefingMemory() {}

    /**
     * Opens the briefing's memory under the world's state folder.
     *
     * @param stateFolder the world's {@code state/}
     * @return the memory; close it to release the store's files and lock
     */
    public static Memory open(Path stateFolder) {
        return LuceneMemory.open(stateFolder.resolve("memory"));
    }
}
