package dev.aios.memory;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The process {@link ForgetCascadeIT} kills: opens the store, prints {@code ready}, then forever
 * stores a chain (a preference, a skill derived from it, a second skill derived from the first) in
 * one batch and forgets the preference, printing {@code forgot <n>} after each forget returns.
 */
public final class ForgetCascadeWriter {
    private ForgetCascadeWriter() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        String round = args[1];
        LuceneMemory memory = LuceneMemory.open(path);
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; ; i++) {
            String n = round + "-" + i;
            memory.rememberAll(List.of(
                    record("pref-" + n, "The user prefers aisle seats, round " + n, Provenance.user()),
                    record("skill-" + n, "Book aisle seats, round " + n, Provenance.trusted(Source.memory("pref-" + n))),
                    record("skill2-" + n, "Book aisle seats and a taxi, round " + n,
                            Provenance.trusted(Source.memory("skill-" + n)))));
            memory.forget("pref-" + n);
            System.out.println("forgot " + n);
            System.out.flush();
        }
    }

    private static MemoryRecord record(String id, String text, Provenance label) {
        return new MemoryRecord(id, MemoryLayer.LONG_TERM, text, Instant.now(), 0.5, Map.of()).withProvenance(label);
    }
}
