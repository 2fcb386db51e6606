package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.MemoryHit;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryQuery;
import dev.aios.api.MemoryRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The promises of {@link Memory}, as a JUnit 5 test kit that an implementation's own test
 * extends: remember then recall finds a record; at most {@code k} hits, best first; a record with
 * an existing id replaces it; layers and metadata filters are respected; forget removes a record;
 * {@link Memory#endRun} drops a run's working records; bad input (a NUL character, null) is
 * rejected and leaves the store as it was; concurrent writers lose nothing; and, for persistent
 * stores, what was written or forgotten survives a reopen.
 *
 * <p>To run it against your implementation, extend it in your test sources and open a fresh,
 * empty store in {@link #open(Path)}:
 * {@snippet :
 * class MyMemoryContractTest extends MemoryContract<MyMemory> {
 *     @Override
 *     protected MyMemory open(Path storage) {
 *         return MyMemory.open(storage); // a store that keeps nothing on disk may ignore storage
 *     }
 *
 *     @Override
 *     protected @Nullable MyMemory reopen(Path storage) {
 *         return MyMemory.open(storage); // only for persistent stores; the default says "not persistent"
 *     }
 * }
 * }
 * Optional points are skipped (JUnit assumptions) unless the subclass opts in:
 * {@link #reopen(Path)} for persistence, {@link #rememberAll(Memory, List)} for batch writes that
 * are all-or-nothing, and {@link #rejectsNulCharacters()} for stores that refuse text Lucene and
 * many other stores would alter. Every store the kit opens is closed after each test.
 *
 * <p>The kit asserts only what the {@code dev.aios.api} types promise, with words chosen so that
 * plain word matching, full-text analysis and embeddings all find them.
 *
 * @param <M> the implementation under test
 */
public abstract class MemoryContract<M extends Memory> {
    /** The time every record of the kit carries; whole milliseconds, as most stores keep. */
    protected static final Instant AT = Instant.parse("2025-03-14T12:00:00Z");

    /** A fresh directory per test, for stores that keep their records on disk. */
    @TempDir
    protected Path storage;

    private final List<Memory> opened = new ArrayList<>();
    private M memory;

    /** For subclasses. */
    protected MemoryContract() {}

    /**
     * Opens a fresh, empty store.
     *
     * @param storage an empty directory the store may keep its files in; ignored by in-process stores
     * @return the store under test; the kit closes it
     */
    protected abstract M open(Path storage);

    /**
     * Opens the store again over {@code storage} after the kit closed the one from
     * {@link #open(Path)}. Override for persistent stores; the default returns null, which skips
     * the persistence checks.
     *
     * @param storage the directory the first store was opened over
     * @return the reopened store, or null when the implementation keeps nothing across a close
     */
    protected @Nullable M reopen(Path storage) {
        return null;
    }

    /**
     * Writes {@code records} as one batch. Override when the implementation has a batch write
     * that stores all of a batch or none of it; the default skips the batch checks.
     *
     * @param memory the store under test
     * @param records the batch, in order
     */
    protected void rememberAll(M memory, List<MemoryRecord> records) {
        Assumptions.abort("this implementation declares no all-or-nothing batch write");
    }

    /**
     * Whether the store rejects text holding a NUL character with an {@link AiOsException}
     * (default true). {@link Memory} does not promise it; override to return false for a store that
     * keeps any Java string as it is.
     *
     * @return whether {@code remember} refuses a NUL character in text or metadata
     */
    protected boolean rejectsNulCharacters() {
        return true;
    }

    /** @return the store opened for the current test */
    protected final M memory() {
        return memory;
    }

    /** Opens the store for the next test through {@link #open(Path)}. */
    @BeforeEach
    protected final void openStore() {
        memory = track(open(storage));
    }

    /** Closes every store the kit opened. */
    @AfterEach
    protected final void closeStores() {
        for (Memory m : opened) {
            m.close();
        }
        opened.clear();
    }

    private <T extends Memory> T track(T m) {
        assertThat(m).as("the store under test").isNotNull();
        opened.add(m);
        return m;
    }

    /** @return a record at {@link #AT} with importance 0.5 */
    protected static MemoryRecord record(String id, MemoryLayer layer, String text, Map<String, String> metadata) {
        return new MemoryRecord(id, layer, text, AT, 0.5, metadata);
    }

    private static List<String> ids(List<MemoryHit> hits) {
        return hits.stream().map(h -> h.record().id()).toList();
    }

    private List<String> recallIds(String text, int k) {
        return ids(memory.recall(MemoryQuery.of(text, k)));
    }

    @Test
    void rememberedRecordIsRecalledAsItWasStored() {
        MemoryRecord r = new MemoryRecord("zeppelin", MemoryLayer.LONG_TERM, "The zeppelin budget was approved in March",
                AT, 0.8, Map.of("source", "minutes"));
        memory.remember(r);

        List<MemoryHit> hits = memory.recall(MemoryQuery.of("zeppelin budget", 5));

        assertThat(ids(hits)).contains("zeppelin");
        MemoryHit hit = hits.stream().filter(h -> h.record().id().equals("zeppelin")).findFirst().orElseThrow();
        assertThat(hit.record()).isEqualTo(r);
        assertThat(hit.why()).isNotNull();
    }

    @Test
    void recallReturnsAtMostKHitsBestFirst() {
        for (int i = 0; i < 6; i++) {
            memory.remember(record("lighthouse-" + i, MemoryLayer.EPISODIC,
                    "The lighthouse keeper logged storm number " + i, Map.of()));
        }

        List<MemoryHit> hits = memory.recall(MemoryQuery.of("lighthouse keeper storm", 3));

        assertThat(hits).hasSizeLessThanOrEqualTo(3).isNotEmpty();
        assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(MemoryHit::score).reversed());
        assertThat(ids(hits)).allMatch(id -> id.startsWith("lighthouse-")).doesNotHaveDuplicates();
    }

    @Test
    void rememberingAnExistingIdReplacesTheRecord() {
        memory.remember(record("pet", MemoryLayer.LONG_TERM, "The user owns a parrot called Kiwi", Map.of()));
        memory.remember(record("pet", MemoryLayer.LONG_TERM, "The user owns a tortoise called Basil", Map.of()));

        List<MemoryHit> hits = memory.recall(MemoryQuery.of("tortoise Basil", 5));

        assertThat(hits).filteredOn(h -> h.record().id().equals("pet")).singleElement()
                .satisfies(h -> assertThat(h.record().text()).isEqualTo("The user owns a tortoise called Basil"));
        assertThat(memory.recall(MemoryQuery.of("parrot Kiwi", 5)))
                .noneMatch(h -> h.record().text().contains("parrot"));
    }

    @Test
    void recallSearchesOnlyTheLayersAsked() {
        memory.remember(record("s", MemoryLayer.SESSION, "We talked about the marmalade recipe", Map.of("session", "s1")));
        memory.remember(record("l", MemoryLayer.LONG_TERM, "The user loves marmalade on toast", Map.of()));
        memory.remember(record("e", MemoryLayer.EPISODIC, "A marmalade jar was ordered online", Map.of()));

        List<MemoryHit> hits = memory.recall(new MemoryQuery("marmalade", 10, Set.of(MemoryLayer.LONG_TERM), Map.of()));

        assertThat(ids(hits)).containsExactly("l");
        assertThat(recallIds("marmalade", 10)).contains("s", "l", "e");
    }

    @Test
    void recallKeepsOnlyRecordsCarryingEveryFilterValue() {
        memory.remember(record("a", MemoryLayer.EPISODIC, "Invoice from the glacier tour operator",
                Map.of("source", "mail", "tags", "travel")));
        memory.remember(record("b", MemoryLayer.EPISODIC, "Invoice from the glacier tour operator, again",
                Map.of("source", "calendar", "tags", "travel")));
        memory.remember(record("c", MemoryLayer.EPISODIC, "Invoice for glacier photos", Map.of("source", "mail")));

        List<MemoryHit> hits = memory.recall(new MemoryQuery("glacier invoice", 10, Set.of(),
                Map.of("source", "mail", "tags", "travel")));

        assertThat(ids(hits)).containsExactly("a");
    }

    @Test
    void forgottenRecordIsNoLongerRecalled() {
        memory.remember(record("gone", MemoryLayer.LONG_TERM, "The saxophone lesson is on Tuesdays", Map.of()));
        memory.remember(record("kept", MemoryLayer.LONG_TERM, "The saxophone needs a new reed", Map.of()));

        assertThat(memory.forget("gone")).isTrue();

        assertThat(recallIds("saxophone lesson Tuesdays", 10)).doesNotContain("gone").contains("kept");
        assertThat(memory.forget("gone")).as("forgetting it again").isFalse();
        assertThat(memory.forget("never-stored")).isFalse();
    }

    @Test
    void endingARunDropsItsWorkingRecordsOnly() {
        memory.remember(record("w1", MemoryLayer.WORKING, "Draft reply about the cello rental", Map.of("run", "r1")));
        memory.remember(record("w2", MemoryLayer.WORKING, "Another cello rental note", Map.of("run", "r2")));
        memory.remember(record("l1", MemoryLayer.LONG_TERM, "The cello rental ends in June", Map.of("run", "r1")));

        assertThat(memory.endRun("r1")).isEqualTo(1);

        assertThat(recallIds("cello rental", 10)).doesNotContain("w1").contains("w2", "l1");
    }

    @Test
    void textWithANulCharacterIsRejectedAndNothingIsStored() {
        Assumptions.assumeTrue(rejectsNulCharacters(), "this store keeps NUL characters as they are");
        memory.remember(record("before", MemoryLayer.LONG_TERM, "The harpsichord was tuned", Map.of()));

        assertThatThrownBy(() -> memory.remember(record("nul", MemoryLayer.LONG_TERM, "The harpsichord\u0000 broke",
                Map.of()))).isInstanceOf(AiOsException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> memory.remember(record("nul-meta", MemoryLayer.LONG_TERM, "The harpsichord broke",
                Map.of("source", "mail\u0000")))).isInstanceOf(AiOsException.class).hasMessageContaining("NUL");

        assertThat(recallIds("harpsichord", 10)).containsExactly("before");
    }

    @Test
    void nullArgumentsAreRejectedAndNothingChanges() {
        memory.remember(record("before", MemoryLayer.LONG_TERM, "The trombone case is blue", Map.of()));

        assertThatThrownBy(() -> memory.remember(null)).isInstanceOfAny(NullPointerException.class, AiOsException.class);
        assertThatThrownBy(() -> memory.recall(null)).isInstanceOfAny(NullPointerException.class, AiOsException.class);
        assertThatThrownBy(() -> memory.forget(null)).isInstanceOfAny(NullPointerException.class, AiOsException.class);

        assertThat(recallIds("trombone case", 10)).containsExactly("before");
    }

    @Test
    void blankTextNeverReachesTheStore() {
        // MemoryRecord refuses it, naming the field, before any store sees it
        assertThatThrownBy(() -> record("blank", MemoryLayer.LONG_TERM, "  ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory text");
    }

    @Test
    void rejectedBatchLeavesNothingHalfWritten() {
        memory.remember(record("before", MemoryLayer.LONG_TERM, "The accordion strap is torn", Map.of()));
        List<MemoryRecord> batch = List.of(
                record("b1", MemoryLayer.SESSION, "The accordion recital is on Friday", Map.of("session", "s1")),
                record("b2", MemoryLayer.LONG_TERM, "The accordion teacher is called\u0000 Ana", Map.of()),
                record("b3", MemoryLayer.EPISODIC, "An accordion case was delivered", Map.of()));

        Throwable thrown = catchThrowable(() -> rememberAll(memory, batch));
        if (thrown instanceof TestAbortedException skipped) {
            throw skipped; // the default hook: no batch write to check
        }
        assertThat(thrown).isInstanceOf(AiOsException.class).hasMessageContaining("NUL");

        assertThat(recallIds("accordion", 10)).containsExactly("before");
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        memory.remember(record("t" + thread + "-" + i, MemoryLayer.EPISODIC,
                                "Thread " + thread + " wrote the xylophone note " + i, Map.of("thread", "t" + thread)));
                    }
                }));
            }
            for (Future<?> f : writes) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        for (int t = 0; t < 4; t++) {
            List<MemoryHit> hits = memory.recall(new MemoryQuery("xylophone note", 10, Set.of(), Map.of("thread", "t" + t)));
            assertThat(ids(hits)).as("thread %d's records", t).hasSize(5);
        }
    }

    @Test
    void recordsAndForgettingSurviveAReopen() {
        memory.remember(record("s", MemoryLayer.SESSION, "We planned the kayak trip", Map.of("session", "s1")));
        memory.remember(record("l", MemoryLayer.LONG_TERM, "The user owns a red kayak", Map.of()));
        memory.remember(record("e", MemoryLayer.EPISODIC, "A kayak paddle was ordered", Map.of()));
        memory.remember(record("x", MemoryLayer.EPISODIC, "A kayak helmet was returned", Map.of()));
        assertThat(memory.forget("x")).isTrue();
        closeStores();

        M again = reopen(storage);
        Assumptions.assumeTrue(again != null, "this store keeps nothing across a close");
        memory = track(again);

        List<MemoryHit> hits = memory.recall(MemoryQuery.of("kayak", 10));
        assertThat(ids(hits)).contains("s", "l", "e").doesNotContain("x");
        assertThat(hits).filteredOn(h -> h.record().id().equals("l")).singleElement()
                .satisfies(h -> assertThat(h.record()).isEqualTo(
                        record("l", MemoryLayer.LONG_TERM, "The user owns a red kayak", Map.of())));
    }
}
