package dev.aios.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalEntry.Kind;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the contract kit does not cover: leases, fencing, group commit and failures of the database.
 * Needs PostgreSQL (skips without it, see {@link TestDatabase}), except the checks that need no server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostgresRunJournalTest {
    private static String schema;
    private static final AtomicInteger tables = new AtomicInteger();

    private static String schema() {
        synchronized (PostgresRunJournalTest.class) {
            if (schema == null) {
                schema = TestDatabase.newSchema(PostgresRunJournalTest.class);
            }
            return schema;
        }
    }

    @AfterAll
    static void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    private static String prefix() {
        return "p" + tables.incrementAndGet() + "_";
    }

    private static JournalEntry started() {
        return JournalEntry.of(Kind.RUN_STARTED, "{\"goal\":\"test\"}");
    }

    private static JournalEntry step(String body) {
        return JournalEntry.of(Kind.STEP_INTENT, body);
    }

    @Test
    void aProcessWhoseLeaseExpiredAndWasTakenOverCannotAppend() throws Exception {
        String prefix = prefix();
        try (PostgresRunJournal a = TestDatabase.journal(schema(), prefix).owner("A").lease(Duration.ofSeconds(1)).build();
                PostgresRunJournal b = TestDatabase.journal(schema(), prefix).owner("B").lease(Duration.ofSeconds(1)).build()) {
            RunLog logA = a.create("run", started());
            logA.append(step("{\"by\":\"A\",\"n\":1}"));
            assertThat(b.claim("run")).as("A's lease is live").isEmpty();

            a.stopHeartbeat(); // A hangs: its lease is no longer renewed
            Thread.sleep(1_300);
            Optional<RunLog> logB = b.claim("run");
            assertThat(logB).as("B takes the run over once A's lease expired").isPresent();
            assertThat(logB.orElseThrow().entries()).hasSize(2);

            assertThatThrownBy(() -> logA.append(step("{\"by\":\"A\",\"n\":2}")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("run run")
                    .hasMessageContaining("owned by another process since its lease expired");
            assertThatThrownBy(() -> logA.appendLater(step("{\"by\":\"A\",\"n\":3}")))
                    .as("a failed log refuses later appends").isInstanceOf(JournalException.class);
            logB.orElseThrow().append(step("{\"by\":\"B\"}"));
            assertThat(a.read("run")).extracting(JournalEntry::body)
                    .as("A wrote nothing after losing the run")
                    .containsExactly("{\"goal\":\"test\"}", "{\"by\":\"A\",\"n\":1}", "{\"by\":\"B\"}");
            logA.close(); // gives nothing up: the run is B's
            assertThat(a.claim("run")).as("B still owns the run").isEmpty();
            logB.orElseThrow().close();
        }
    }

    @Test
    void theHeartbeatKeepsALeaseLiveAndFailsTheLogWhenTheRunIsNoLongerOurs() throws Exception {
        String prefix = prefix();
        try (PostgresRunJournal a = TestDatabase.journal(schema(), prefix).owner("A").lease(Duration.ofMillis(600)).build();
                PostgresRunJournal b = TestDatabase.journal(schema(), prefix).owner("B").lease(Duration.ofMillis(600)).build()) {
            RunLog logA = a.create("hb", started());
            Thread.sleep(1_500); // two and a half leases: only the heartbeat keeps it
            assertThat(b.claim("hb")).as("the heartbeat renewed A's lease").isEmpty();
            logA.append(step("{\"n\":1}"));

            TestDatabase.execute(TestDatabase.url(), "UPDATE " + schema() + "." + prefix
                    + "runs SET owner = 'intruder' WHERE run_id = 'hb'");
            Thread.sleep(600); // a heartbeat or two
            assertThatThrownBy(() -> logA.appendLater(step("{\"n\":2}")))
                    .isInstanceOf(JournalException.class)
                    .hasMessageContaining("owned by another process since its lease expired");
            logA.close();
        }
    }

    @Test
    void twentyConcurrentAppendsShareAtMostThreeCommits() throws Exception {
        try (PostgresRunJournal journal = TestDatabase.journal(schema(), prefix()).build()) {
            RunLog log = journal.create("group", started());
            log.append(step("{\"warm\":true}"));
            int threads = 20;
            CyclicBarrier go = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long before = journal.flushCount();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int n = t;
                    done.add(pool.submit(() -> {
                        go.await();
                        log.append(step("{\"thread\":" + n + "}"));
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            long commits = journal.flushCount() - before;
            assertThat(commits).as("commits for 20 concurrent appends").isBetween(1L, 3L);
            assertThat(journal.read("group")).hasSize(2 + threads);
            log.close();
        }
    }

    @Test
    void aDroppedConnectionIsARetriableJournalExceptionAndTheLogRefusesLaterAppends() {
        String app = "aios-test-" + UUID.randomUUID().toString().substring(0, 8);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabase.url());
        ds.setApplicationName(app);
        try (PostgresRunJournal journal = PostgresRunJournal.builder(ds).schema(schema()).tablePrefix(prefix()).build()) {
            RunLog log = journal.create("dropped", started());
            log.append(step("{\"n\":1}"));
            // The database goes away under the journal: every connection it holds is cut.
            TestDatabase.execute(TestDatabase.url(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = '" + app + "'");

            assertThatThrownBy(() -> log.append(step("{\"n\":2}")))
                    .isInstanceOfSatisfying(JournalException.class, e -> {
                        assertThat(e.isRetriable()).as("a connection failure is retriable").isTrue();
                        assertThat(e.getMessage()).contains("append to run dropped").contains("SQLState ")
                                .doesNotContain("\"n\"");
                    });
            assertThatThrownBy(() -> log.append(step("{\"n\":3}"))).isInstanceOf(JournalException.class)
                    .hasMessageContaining("failed earlier");
            log.close();
            assertThat(journal.read("dropped")).as("the journal reconnects for new work").hasSize(2);
        }
    }

    @Test
    void anUnreachableServerIsARetriableJournalExceptionWithoutThePassword() {
        assertThatThrownBy(() -> PostgresRunJournal.builder(
                        "jdbc:postgresql://127.0.0.1:1/aios?user=me&password=s3cr3t", null, "t0psecret").build())
                .isInstanceOfSatisfying(JournalException.class, e -> {
                    assertThat(e.isRetriable()).isTrue();
                    assertThat(e.getMessage()).contains("127.0.0.1:1").contains("SQLState 08")
                            .doesNotContain("s3cr3t").doesNotContain("t0psecret");
                });
    }

    @Test
    void scrubRemovesCredentialsFromUrls() {
        assertThat(Sql.scrub("jdbc:postgresql://db:5432/x?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/x");
        assertThat(Sql.scrub("jdbc:postgresql://u:p@db/x")).isEqualTo("jdbc:postgresql://***@db/x");
        assertThatThrownBy(() -> PostgresRunJournal.builder("jdbc:postgresql://db/x", null, null).tablePrefix("x; DROP"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
