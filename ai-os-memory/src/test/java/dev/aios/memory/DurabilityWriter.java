package dev.aios.memory;

import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The process {@link DurabilityIT} kills: opens the store, prints {@code ready}, then writes with
 * two threads forever, printing {@code ack <id>} after each write returns (is acknowledged).
 */
public final class DurabilityWriter {
    private DurabilityWriter() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        String round = args[1];
        LuceneMemory memory = LuceneMemory.open(path);
        System.out.println("ready");
        System.out.flush();
        Runnable writer = () -> {
            String thread = Thread.currentThread().getName();
            for (int i = 0; ; i++) {
                String id = round + "-" + thread + "-" + i;
                memory.remember(new MemoryRecord(id, MemoryLayer.SESSION, "round " + round + " write " + i + " by " + thread,
                        Instant.now(), 0.5, Map.of("session", round)));
                synchronized (System.out) {
                    System.out.println("ack " + id);
                    System.out.flush();
                }
            }
        };
        Thread a = new Thread(writer, "a");
        Thread b = new Thread(writer, "b");
        a.start();
        b.start();
        a.join();
    }
}
