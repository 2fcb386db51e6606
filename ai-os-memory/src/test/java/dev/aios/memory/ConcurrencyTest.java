package dev.aios.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many agents reading and writing one store at once. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void concurrentWritersAndReadersLoseNothingAndSeeOnlyWholeRecords() throws Exception {
        int writers = 8;
        int perWriter = 40;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers + 4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        String id = "w" + writer + "-" + i;
                        // writers share sessions, so session windows are updated concurrently too
                        m.remember(new MemoryRecord(id, i % 2 == 0 ? MemoryLayer.SESSION : MemoryLayer.EPISODIC,
                                "agent " + writer + " noted item " + i + " about topic " + (i % 5), Instant.now(), 0.5,
                                Map.of("session", "s" + (i % 3), "agent", "a" + writer)));
                        if (i % 10 == 9) {
                            m.forget("w" + writer + "-" + (i - 1));
                        }
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 4; r++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 30; i++) {
                        for (MemoryHit h : m.recall(MemoryQuery.of("item about topic " + (i % 5), 10))) {
                            if (!h.record().text().startsWith("agent ")) {
                                errors.add(new AssertionError("torn record " + h.record()));
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                try {
                    f.get(100, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.add(e.getCause());
                }
            }
            pool.shutdown();
            assertThat(errors).isEmpty();
            int expected = writers * (perWriter - perWriter / 10);
            assertThat(m.size()).isEqualTo(expected);
        }
        try (LuceneMemory m = LuceneMemory.open(dir)) {
            assertThat(m.size()).isEqualTo(writers * (perWriter - perWriter / 10));
            assertThat(m.recall(new MemoryQuery("noted item", 400, java.util.Set.of(), Map.of("agent", "a3"))))
                    .hasSize(perWriter - perWriter / 10);
        }
    }
}
