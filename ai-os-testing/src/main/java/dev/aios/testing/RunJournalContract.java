package dev.aios.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract test kit for a {@link RunJournal}: extend it in your test sources, return a fresh,
 * empty journal from {@link #newJournal()} and the same storage reopened from
 * {@link #reopen(RunJournal)}, and JUnit 5 runs every check below against it.
 * {@snippet :
 * class MyRunJournalTest extends RunJournalContract {
 *     @TempDir Path dir;
 *     private final Map<RunJournal, Path> where = new IdentityHashMap<>();
 *
 *     protected RunJournal newJournal() {
 *         Path d = dir.resolve(UUID.randomUUID().toString());
 *         RunJournal j = MyRunJournal.open(d);
 *         where.put(j, d);
 *         return j;
 *     }
 *
 *     protected RunJournal reopen(RunJournal old) {
 *         old.close();
 *         RunJournal j = MyRunJournal.open(where.get(old));
 *         where.put(j, where.get(old));
 *         return j;
 *     }
 * }
 * }
 * Add {@code dev.aios:ai-os-testing} in test scope, with JUnit Jupiter's engine to run it.
 *
 * <p>What it checks (the promises of {@link RunJournal} and {@link RunLog}):
 * <ul>
 *   <li>create, then {@link RunLog#entries()} and {@link RunJournal#read}; create with an id that
 *       exists is a {@link JournalException}; a first entry other than RUN_STARTED, or a blank
 *       id, is an {@link IllegalArgumentException};</li>
 *   <li>ownership: claiming an unknown run is a {@link JournalException}; claiming a run that is
 *       owned gives {@link Optional#empty()}; closing its log releases it;</li>
 *   <li>order: appends keep their order, by {@link RunLog#appendLater} too, and 20 threads
 *       appending at once lose nothing and keep each thread's own order;</li>
 *   <li>durability: {@link RunLog#appendLater} entries become durable with the next append and
 *       with close; everything durable is still there after {@link #reopen}; appending to a
 *       closed log, or after the journal is closed, is a {@link JournalException};</li>
 *   <li>fidelity: bodies (unicode of every plane, escapes, 1 MiB) come back exactly, with their
 *       kind, and {@code at} to the millisecond at least;</li>
 *   <li>listing and retention: {@link RunJournal#runIds()} is oldest first (not alphabetical),
 *       also after reopen, and holds ids with slashes, dots and non-ASCII letters;
 *       {@link RunJournal#delete} removes a run that nobody owns and refuses an owned one.</li>
 * </ul>
 * Each test gets its own journal from {@link #newJournal()} and closes it afterwards. The whole
 * kit takes well under a second on an in-memory or local-file journal.
 */
public abstract class RunJournalContract {
    /** The journal under test; replaced by {@link #reopen(RunJournal)} within a test. */
    private RunJournal journal;

    /** Subclasses are created by JUnit. */
    protected RunJournalContract() {}

    /** @return a new, empty journal on storage of its own */
    protected abstract RunJournal newJournal();

    /**
     * Closes {@code old} and opens the same storage again, as a process restarted after {@code old}
     * closed would (an implementation with nothing to reopen may return an equivalent object).
     *
     * @return the journal on the same storage as {@code old}
     */
    protected abstract RunJournal reopen(RunJournal old);

    @BeforeEach
    final void openJournal() {
        journal = newJournal();
    }

    @AfterEach
    final void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    /** @return the journal this test uses */
    protected final RunJournal journal() {
        return journal;
    }

    private void reopenJournal() {
        journal = reopen(journal);
    }

    /** @return a RUN_STARTED entry with a small JSON body */
    protected static JournalEntry started(String label) {
        return new JournalEntry(Kind.RUN_STARTED, "{\"goal\":\"" + label + "\"}", Instant.parse("2025-01-02T03:04:05.678Z"));
    }

    private static JournalEntry step(int n) {
        return new JournalEntry(Kind.STEP_OUTCOME, "{\"step\":" + n + "}",
                Instant.parse("2025-01-02T03:04:05Z").plusMillis(n));
    }

    /** An entry compared by kind, body and {@code at} to the millisecond. */
    private record Seen(Kind kind, String body, Instant atMillis) {
        static Seen of(JournalEntry e) {
            return new Seen(e.kind(), e.body(), e.at().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    private static List<Seen> seen(List<JournalEntry> entries) {
        return entries.stream().map(Seen::of).toList();
    }

    private static List<Seen> seen(JournalEntry... entries) {
        return seen(List.of(entries));
    }

    @Test
    void createMakesTheFirstEntryDurableAndReadableWithoutOwning() {
        JournalEntry first = started("create");
        RunLog log = journal.create("run-1", first);

        assertThat(log.runId()).isEqualTo("run-1");
        assertThat(seen(log.entries())).as("a new log's entries are its first entry").isEqualTo(seen(first));
        assertThat(seen(journal.read("run-1"))).isEqualTo(seen(first));
        assertThat(journal.read("no-such-run")).as("read of an unknown run").isEmpty();
        assertThat(journal.runIds()).containsExactly("run-1");
        log.close();
    }

    @Test
    void createWithAnIdThatExistsIsAJournalException() {
        journal.create("dup", started("a")).close();

        assertThatThrownBy(() -> journal.create("dup", started("b"))).isInstanceOf(JournalException.class);
        assertThat(seen(journal.read("dup"))).as("the existing run is untouched").isEqualTo(seen(started("a")));
    }

    @Test
    void createWithAnIdThatExistsAndIsOwnedIsAJournalException() {
        RunLog log = journal.create("dup-owned", started("a"));

        assertThatThrownBy(() -> journal.create("dup-owned", started("b"))).isInstanceOf(JournalException.class);
        log.append(step(1));
        log.close();
        assertThat(seen(journal.read("dup-owned"))).isEqualTo(seen(started("a"), step(1)));
    }

    @Test
    void aFirstEntryOtherThanRunStartedOrABlankIdIsRejected() {
        assertThatThrownBy(() -> journal.create("run-x", step(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.create(" ", started("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(journal.runIds()).as("nothing was created").isEmpty();
        assertThat(journal.read("run-x")).isEmpty();
    }

    @Test
    void claimOfAnUnknownRunIsAJournalException() {
        assertThatThrownBy(() -> journal.claim("never-created")).isInstanceOf(JournalException.class);
    }

    @Test
    void claimOfAnOwnedRunIsEmptyAndCloseReleasesIt() {
        RunLog log = journal.create("owned", started("owned"));
        log.append(step(1));

        assertThat(journal.claim("owned")).as("claim while the creator owns the run").isEmpty();
        log.close();
        log.close(); // idempotent

        Optional<RunLog> again = journal.claim("owned");
        assertThat(again).as("claim after close").isPresent();
        assertThat(seen(again.orElseThrow().entries())).isEqualTo(seen(started("owned"), step(1)));
        assertThat(journal.claim("owned")).as("claim while the claimer owns the run").isEmpty();
        again.orElseThrow().append(step(2));
        again.orElseThrow().close();
        assertThat(seen(journal.read("owned"))).isEqualTo(seen(started("owned"), step(1), step(2)));
    }

    @Test
    void appendsKeepTheirOrderAndAppendLaterEntriesAmongThem() {
        RunLog log = journal.create("order", started("order"));
        List<JournalEntry> expected = new ArrayList<>(List.of(started("order")));
        for (int i = 1; i <= 30; i++) {
            JournalEntry e = step(i);
            if (i % 3 == 0) {
                log.appendLater(e);
            } else {
                log.append(e);
            }
            expected.add(e);
        }
        log.append(step(31));
        expected.add(step(31));

        assertThat(seen(journal.read("order"))).isEqualTo(seen(expected));
        log.close();
        assertThat(seen(journal.read("order"))).isEqualTo(seen(expected));
    }

    @Test
    void appendLaterBecomesDurableWithTheNextAppend() {
        RunLog log = journal.create("later", started("later"));
        log.appendLater(step(1));
        log.appendLater(step(2));
        log.append(step(3));

        assertThat(seen(journal.read("later"))).isEqualTo(seen(started("later"), step(1), step(2), step(3)));
        log.close();
        reopenJournal();
        assertThat(seen(journal.read("later"))).as("after reopen")
                .isEqualTo(seen(started("later"), step(1), step(2), step(3)));
    }

    @Test
    void appendLaterBecomesDurableWithClose() {
        RunLog log = journal.create("later-close", started("later"));
        log.append(step(1));
        log.appendLater(step(2));
        log.close();

        assertThat(seen(journal.read("later-close"))).isEqualTo(seen(started("later"), step(1), step(2)));
        reopenJournal();
        assertThat(seen(journal.read("later-close"))).as("after reopen")
                .isEqualTo(seen(started("later"), step(1), step(2)));
        RunLog claimed = journal.claim("later-close").orElseThrow();
        assertThat(seen(claimed.entries())).isEqualTo(seen(started("later"), step(1), step(2)));
        claimed.close();
    }

    @Test
    void closingTheJournalMakesItsLogsDurableAndReleasesThem() {
        RunLog log = journal.create("journal-close", started("jc"));
        log.appendLater(step(1));

        reopenJournal(); // closes the old journal, which closes the log
        assertThat(seen(journal.read("journal-close"))).isEqualTo(seen(started("jc"), step(1)));
        Optional<RunLog> claimed = journal.claim("journal-close");
        assertThat(claimed).as("the closed journal released the run").isPresent();
        claimed.orElseThrow().close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twentyThreadsAppendingAtOnceLoseNothingAndKeepTheirOwnOrder() throws Exception {
        int threads = 20;
        int perThread = 10;
        RunLog log = journal.create("concurrent", started("concurrent"));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        JournalEntry e = JournalEntry.of(Kind.STEP_INTENT,
                                "{\"thread\":" + thread + ",\"i\":" + i + "}");
                        if (i % 4 == 3) {
                            log.appendLater(e);
                        } else {
                            log.append(e);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        log.close();
        reopenJournal();

        List<JournalEntry> read = journal.read("concurrent");
        assertThat(read).hasSize(1 + threads * perThread);
        assertThat(read.get(0).kind()).isEqualTo(Kind.RUN_STARTED);
        for (int t = 0; t < threads; t++) {
            String prefix = "{\"thread\":" + t + ",";
            List<String> mine = read.stream().map(JournalEntry::body).filter(b -> b.startsWith(prefix)).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                expected.add(prefix + "\"i\":" + i + "}");
            }
            assertThat(mine).as("thread %d's entries, in its order", t).isEqualTo(expected);
        }
    }

    @Test
    void unicodeAndLargeBodiesRoundTripExactly() {
        String unicode = "{\"text\":\"h\u00e9llo \u4e16\u754c \u0645\u0631\u062d\u0628\u0627 \ud83d\ude00\ud83d\udc68\u200d"
                + "\ud83d\udc69\u200d\ud83d\udc67 e\u0301 \ud800\udf48 \\\"quoted\\\" \\n \\u0000 tab\\t\","
                + "\n\"raw newline above\":true}";
        StringBuilder big = new StringBuilder(1 << 20).append("{\"big\":\"");
        String pattern = "abc\u00e9\u20ac\ud83d\ude80xyz0123456789";
        while (big.length() < (1 << 20) - 2 - pattern.length()) {
            big.append(pattern);
        }
        while (big.length() < (1 << 20) - 2) {
            big.append('.');
        }
        String large = big.append("\"}").toString();
        assertThat(large).hasSize(1 << 20);
        List<JournalEntry> written = List.of(
                new JournalEntry(Kind.RUN_STARTED, unicode, Instant.parse("2024-02-29T23:59:59.123Z")),
                new JournalEntry(Kind.PLAN, large, Instant.parse("1999-12-31T23:59:59.999Z")),
                new JournalEntry(Kind.REFLECTION, "{}", Instant.parse("1969-07-20T20:17:40.001Z")),
                new JournalEntry(Kind.STEP_INTENT, "{\"k\":1}", Instant.parse("2025-06-01T00:00:00.000999999Z")),
                new JournalEntry(Kind.STEP_OUTCOME, "{\"k\":2}", Instant.parse("2038-01-19T03:14:08.5Z")),
                new JournalEntry(Kind.APPROVAL_REQUESTED, "{\"k\":3}", Instant.EPOCH),
                new JournalEntry(Kind.APPROVAL_DECIDED, "{\"k\":4}", Instant.parse("2100-01-01T00:00:00Z")),
                new JournalEntry(Kind.BUDGET, "{\"k\":5}", Instant.parse("2025-01-01T00:00:00.001Z")),
                new JournalEntry(Kind.LEARNED, "{\"k\":6}", Instant.parse("2025-01-01T00:00:00.002Z")),
                new JournalEntry(Kind.RUN_FINISHED, "{\"status\":\"SUCCEEDED\"}", Instant.parse("2025-01-01T00:00:00.003Z")));
        RunLog log = journal.create("fidelity", written.get(0));
        for (JournalEntry e : written.subList(1, written.size())) {
            log.append(e);
        }
        log.close();

        assertThat(seen(journal.read("fidelity"))).isEqualTo(seen(written));
        reopenJournal();
        List<JournalEntry> back = journal.read("fidelity");
        assertThat(seen(back)).as("after reopen").isEqualTo(seen(written));
        assertThat(back.get(1).body()).as("the 1 MiB body, exactly").isEqualTo(large);
        RunLog claimed = journal.claim("fidelity").orElseThrow();
        assertThat(seen(claimed.entries())).isEqualTo(seen(written));
        claimed.close();
    }

    @Test
    void runIdsAreOldestFirstAlsoAfterReopenAndHoldUnusualIds() {
        List<String> ids = List.of("zeta", "alpha", "runs/2025/01/m\u00fcller", "..", "a b%2Fc", "Mu", "mu", "beta");
        for (String id : ids) {
            journal.create(id, started(id)).close();
        }

        assertThat(journal.runIds()).isEqualTo(ids);
        reopenJournal();
        assertThat(journal.runIds()).as("after reopen").isEqualTo(ids);
        for (String id : ids) {
            assertThat(seen(journal.read(id))).as("run %s", id).isEqualTo(seen(started(id)));
        }
    }

    @Test
    void deleteRemovesAnUnownedRunAndRefusesAnOwnedOne() {
        RunLog finished = journal.create("finished", started("f"));
        finished.append(new JournalEntry(Kind.RUN_FINISHED, "{\"status\":\"SUCCEEDED\"}", Instant.now()));
        finished.close();
        RunLog running = journal.create("running", started("r"));

        assertThat(journal.delete("running")).as("delete of an owned run").isFalse();
        assertThat(journal.delete("finished")).as("delete of a finished run").isTrue();
        assertThat(journal.delete("finished")).as("delete of a deleted run").isFalse();
        assertThat(journal.runIds()).containsExactly("running");
        assertThat(journal.read("finished")).isEmpty();
        assertThatThrownBy(() -> journal.claim("finished")).isInstanceOf(JournalException.class);
        running.append(step(1));
        assertThat(seen(journal.read("running"))).isEqualTo(seen(started("r"), step(1)));

        RunLog again = journal.create("finished", started("again"));
        assertThat(seen(again.entries())).as("the id may be used again").isEqualTo(seen(started("again")));
        again.close();
        running.close();
        reopenJournal();
        assertThat(journal.runIds()).containsExactly("running", "finished");
    }

    @Test
    void everythingDurableIsThereAfterReopen() {
        RunLog a = journal.create("a", started("a"));
        a.append(step(1));
        a.append(step(2));
        a.close();
        RunLog b = journal.create("b", started("b"));
        b.append(step(3));
        b.close();

        reopenJournal();
        assertThat(journal.runIds()).containsExactly("a", "b");
        assertThat(seen(journal.read("a"))).isEqualTo(seen(started("a"), step(1), step(2)));
        RunLog claimed = journal.claim("b").orElseThrow();
        assertThat(seen(claimed.entries())).isEqualTo(seen(started("b"), step(3)));
        claimed.append(step(4));
        claimed.close();
        reopenJournal();
        assertThat(seen(journal.read("b"))).isEqualTo(seen(started("b"), step(3), step(4)));
    }

    @Test
    void appendToAClosedLogOrAfterTheJournalClosedIsAJournalException() {
        RunLog log = journal.create("closed", started("c"));
        log.append(step(1));
        log.close();

        assertThatThrownBy(() -> log.append(step(2))).isInstanceOf(JournalException.class);
        assertThatThrownBy(() -> log.appendLater(step(2))).isInstanceOf(JournalException.class);

        RunLog other = journal.create("closed-by-journal", started("j"));
        reopenJournal();
        assertThatThrownBy(() -> other.append(step(2))).isInstanceOf(JournalException.class);
        assertThatThrownBy(() -> other.appendLater(step(2))).isInstanceOf(JournalException.class);
        other.close(); // idempotent after the journal closed it
        assertThat(seen(journal.read("closed"))).isEqualTo(seen(started("c"), step(1)));
        assertThat(seen(journal.read("closed-by-journal"))).isEqualTo(seen(started("j")));
    }
}
