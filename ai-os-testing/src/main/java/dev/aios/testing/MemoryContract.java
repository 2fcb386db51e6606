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
import dev.aios.api.Provenance;
import dev.aios.api.Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * an existing id replaces it; layers and metadata filters are respected; a record's
 * {@link Provenance} label, and metadata keys and values with dots, commas and percent signs, come
 * back as stored; forget removes a record and, transitively, every record derived from it (cycles
 * included); a query of thousands of words is answered; {@link Memory#endRun} drops a run's
 * working records; bad input (a NUL character, null) is rejected and leaves the store as it was;
 * concurrent writers lose nothing; and, for persistent stores, what was written or forgotten
 * survives a reopen.
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
    @Test
    void provenanceAndAwkwardMetadataComeBackAsStored() {
        // ids with the characters the label's encoding must escape: ',' separates sources, '%' escapes
        Provenance label = new Provenance(new TreeSet<>(Set.of(Source.tool("mail.read"),
                Source.sensor("mail/<a,b%41@example.com>"), Source.memory("pref:tea 100%"))),
                Provenance.Trust.UNTRUSTED, Provenance.Readers.LOCAL_ONLY);
        MemoryRecord r = record("labelled", MemoryLayer.LONG_TERM, "The oboe reed order came from a newsletter",
                Map.of("x.y.z", "one,two%2Cthree", "note", "50% off, today only")).withProvenance(label);
        memory.remember(r);

        assertThat(recalled("oboe reed", "labelled")).satisfies(got -> {
            assertThat(got.provenance()).isEqualTo(label);
            assertThat(got).isEqualTo(r);
        });
        assertThat(memory.recall(new MemoryQuery("oboe reed", 5, Set.of(), Map.of(Provenance.META_TRUST, "UNTRUSTED"))))
                .as("a label's entries filter like any metadata").extracting(h -> h.record().id()).contains("labelled");

        closeStores();
        M again = reopen(storage);
        Assumptions.assumeTrue(again != null, "this store keeps nothing across a close");
        memory = track(again);
        assertThat(recalled("oboe reed", "labelled")).satisfies(got -> {
            assertThat(got.provenance()).isEqualTo(label);
            assertThat(got).isEqualTo(r);
        });
    }

    @Test
    void forgettingARecordForgetsWhatWasDerivedFromItTransitively() {
        memory.remember(record("preference", MemoryLayer.LONG_TERM, "The user likes the bassoon concerts on Sundays",
                Map.of()).withProvenance(Provenance.user()));
        memory.remember(record("skill", MemoryLayer.LONG_TERM, "Book bassoon concert tickets for Sundays", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("preference"))));
        memory.remember(record("skill-2", MemoryLayer.LONG_TERM, "Book bassoon concert tickets and a taxi", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("skill"), Source.tool("taxi.search"))));
        memory.remember(record("note", MemoryLayer.WORKING, "Drafting the bassoon concert booking now",
                Map.of("run", "r1")).withProvenance(Provenance.trusted(Source.memory("skill-2"))));
        memory.remember(record("unrelated", MemoryLayer.LONG_TERM, "The bassoon needs new pads", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("another-preference"))));
        memory.remember(record("unlabelled", MemoryLayer.LONG_TERM, "A bassoon concert poster", Map.of()));

        assertThat(memory.forget("preference")).isTrue();

        assertThat(recallIds("bassoon concert Sundays tickets taxi booking pads poster", 10))
                .doesNotContain("preference", "skill", "skill-2", "note").contains("unrelated", "unlabelled");
        assertThat(memory.forget("skill")).as("already forgotten with its source").isFalse();
        assertThat(memory.forget("skill-2")).isFalse();

        closeStores();
        M again = reopen(storage);
        Assumptions.assumeTrue(again != null, "this store keeps nothing across a close");
        memory = track(again);
        assertThat(recallIds("bassoon concert Sundays tickets taxi pads poster", 10))
                .doesNotContain("preference", "skill", "skill-2").contains("unrelated", "unlabelled");
    }

    @Test
    void forgettingFollowsACycleOfDerivedRecordsOnce() {
        memory.remember(record("loop-a", MemoryLayer.LONG_TERM, "The tuba lesson moved to Monday", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("loop-b"))));
        memory.remember(record("loop-b", MemoryLayer.EPISODIC, "The tuba teacher called about Monday", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("loop-a"))));
        memory.remember(record("loop-self", MemoryLayer.LONG_TERM, "The tuba case cites itself", Map.of())
                .withProvenance(Provenance.trusted(Source.memory("loop-self"))));

        assertThat(memory.forget("loop-b")).isTrue();
        assertThat(memory.forget("loop-self")).isTrue();

        assertThat(recallIds("tuba lesson teacher Monday case", 10)).isEmpty();
    }

    @Test
    void aQueryOfThousandsOfWordsIsAnsweredAndStillFindsSharedWords() {
        memory.remember(record("trip", MemoryLayer.LONG_TERM, "The user prefers window seats on overnight trains",
                Map.of()));
        memory.remember(record("other", MemoryLayer.LONG_TERM, "The garden hose leaks near the tap", Map.of()));
        // 5,000 distinct made-up words, with the record's own words among them
        String distinct = IntStream.range(0, 5_000).mapToObj(MemoryContract::madeUpWord)
                .collect(Collectors.joining(" ", "", " window seats overnight trains"));
        // over 200,000 characters: a pasted page repeated
        String huge = (distinct + " ").repeat(200_000 / distinct.length() + 1);
        assertThat(huge.length()).isGreaterThan(200_000);

        for (String text : List.of(distinct, huge)) {
            List<String> found = recallIds(text, 5);
            assertThat(found).as("recall of %d characters", text.length()).contains("trip");
        }
    }

    /** @return a distinct word of letters no language uses, such as {@code qvbaad} */
    private static String madeUpWord(int i) {
        StringBuilder w = new StringBuilder("qv");
        for (int n = i, d = 0; d < 4; d++, n /= 26) {
            w.append((char) ('a' + n % 26));
        }
        return w.toString();
    }

    private MemoryRecord recalled(String text, String id) {
        return memory.recall(MemoryQuery.of(text, 10)).stream().map(MemoryHit::record).filter(r -> r.id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("recall of '" + text + "' did not return " + id));
    }
}
