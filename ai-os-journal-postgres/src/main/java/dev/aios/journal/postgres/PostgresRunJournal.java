package dev.aios.journal.postgres;

import dev.aios.api.spi.JournalEntry;
import dev.aios.api.spi.JournalException;
import dev.aios.api.spi.RunJournal;
import dev.aios.api.spi.RunLog;
import java.net.InetAddress;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunJournal} in a PostgreSQL database, which several processes on several machines share:
 * any of them can resume a run another one started, once that one is gone.
 *
 * <p><b>Storage.</b> Two tables (created if absent by {@link Builder#build()}): {@code runs}, a row
 * per run with its owner, the owner's lease and the next sequence number, and {@code entries}, a row
 * per journal entry keyed by run and sequence number. Bodies are stored as they are, never logged.
 *
 * <p><b>Ownership is a lease.</b> {@link #create} and {@link #claim} make this journal's
 * {@linkplain Builder#owner owner} the run's owner until now plus the {@linkplain Builder#lease
 * lease}, in one statement that only a free run or one whose lease expired matches: of two processes
 * racing for one run, exactly one wins. A heartbeat renews the leases of the logs this journal holds
 * every lease/3. A process that dies stops renewing; once its leases expire, another process may
 * claim its runs. {@link RunLog#close()} gives the run up at once.
 *
 * <p><b>Fencing.</b> Every append transaction starts by renewing the lease in the run's row, on the
 * condition that this journal still owns it. If another process took the run over after this one's
 * lease expired (a long pause, a partition), the append writes nothing and throws a
 * {@link JournalException} saying that the run is owned by another process since its lease
 * expired; the log is failed from then on. So two processes never both write into one run.
 *
 * <p><b>Group commit.</b> Appends to one log are queued; one appender at a time commits everything
 * queued, in one transaction, and wakes every appender its commit covered. {@link RunLog#append}
 * returns only once its entry is committed; {@link RunLog#appendLater} queues without waiting.
 * {@link #flushCount()} counts the commits.
 *
 * <p>Timestamps of leases come from the database's clock, so the machines' clocks need not agree.
 * SQL failures become {@link JournalException}s that name the run, the operation, the database
 * (its URL without credentials) and the SQLState, retriable when the connection or the server
 * failed. Thread-safe.
 * {@snippet :
 * try (RunJournal journal = PostgresRunJournal.builder("jdbc:postgresql://db:5432/aios", "aios", secret)
 *         .lease(Duration.ofSeconds(30))
 *         .build()) {
 *     // hand it to the agent
 * }
 * }
 */
public final class PostgresRunJournal implements RunJournal {
    private static final Logger log = LoggerFactory.getLogger(PostgresRunJournal.class);

    final Sql sql;
    final String owner;
    final Duration lease;
    private final long leaseMillis;
    private final ConcurrentHashMap<String, PgRunLog> owned = new ConcurrentHashMap<>();
    private final AtomicLong flushes = new AtomicLong();
    private final ScheduledExecutorService heartbeat;
    private volatile boolean closed;

    private PostgresRunJournal(Sql sql, String owner, Duration lease) {
        this.sql = sql;
        this.owner = owner;
        this.lease = lease;
        this.leaseMillis = lease.toMillis();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aios-journal-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, leaseMillis / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a journal on a data source (pooled or not, yours to close). Its connections must allow
     * transactions; the journal turns auto-commit off on the connections it takes.
     *
     * @param dataSource where the journal's tables are (or will be created)
     * @return a builder; {@link Builder#build()} connects and creates the tables
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource must not be null"), null);
    }

    /**
     * Starts a journal on a PostgreSQL server reached through the driver's own data source (one
     * connection per concurrent operation, a few idle ones kept; no pool library).
     *
     * @param jdbcUrl a {@code jdbc:postgresql://host:port/database} URL, optionally with parameters
     *     (its password, if any, never appears in logs or messages)
     * @param user the database user, or null to take it from the URL
     * @param password the password, or null when the server does not ask for one (or the URL has it)
     * @return a builder; {@link Builder#build()} connects and creates the tables
     */
    public static Builder builder(String jdbcUrl, @Nullable String user, @Nullable String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setUrl(jdbcUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + Sql.scrub(jdbcUrl), null);
        }
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setApplicationName("aios-run-journal");
        ds.setReWriteBatchedInserts(true);
        ds.setConnectTimeout(10);
        ds.setSocketTimeout(60);
        ds.setTcpKeepAlive(true);
        return new Builder(ds, Sql.scrub(jdbcUrl));
    }

    /** Configures a {@link PostgresRunJournal}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String where;
        private @Nullable String owner;
        private Duration lease = Duration.ofSeconds(30);
        private @Nullable String schema;
        private String tablePrefix = "aios_journal_";

        private Builder(DataSource dataSource, @Nullable String where) {
            this.dataSource = dataSource;
            this.where = where;
        }

        /**
         * @param owner how this process is named in the runs it owns: unique among the processes that
         *     share the journal (default: host name, process id and a random suffix)
         * @return this builder
         */
        public Builder owner(String owner) {
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("owner must not be blank");
            }
            this.owner = owner;
            return this;
        }

        /**
         * @param lease how long a run stays owned without a renewal (default 30 s): the time other
         *     processes wait before taking over the runs of a process that died; the heartbeat renews
         *     every lease/3. At least 300 ms.
         * @return this builder
         */
        public Builder lease(Duration lease) {
            Objects.requireNonNull(lease, "lease must not be null");
            if (lease.toMillis() < 300) {
                throw new IllegalArgumentException("lease must be at least 300 ms, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * @param schema the schema of the journal's tables, created if absent (default: the
         *     connection's search path); a plain SQL identifier
         * @return this builder
         */
        public Builder schema(String schema) {
            this.schema = Sql.identifier("schema", schema);
            return this;
        }

        /**
         * @param tablePrefix what the journal's two table names start with (default
         *     {@code aios_journal_}: tables {@code aios_journal_runs} and {@code aios_journal_entries});
         *     a plain SQL identifier or empty
         * @return this builder
         */
        public Builder tablePrefix(String tablePrefix) {
            Objects.requireNonNull(tablePrefix, "tablePrefix must not be null");
            this.tablePrefix = tablePrefix.isEmpty() ? "" : Sql.identifier("tablePrefix", tablePrefix);
            return this;
        }

        /**
         * Connects, creates the schema and tables if absent (safe when several processes start at
         * once), and starts the heartbeat.
         *
         * @return the journal; close it to give up its runs and stop its heartbeat
         * @throws JournalException if the database cannot be reached or the tables cannot be created
         */
        public PostgresRunJournal build() {
            String ownerName = owner != null ? owner : defaultOwner();
            String location = where;
            if (location == null) {
                location = describe(dataSource);
            }
            Sql sql = new Sql(dataSource, location, schema, tablePrefix);
            createTables(sql);
            log.info("PostgreSQL run journal at {} (tables {}, {}), owner {}, lease {} ms", location, sql.runs,
                    sql.entries, ownerName, lease.toMillis());
            return new PostgresRunJournal(sql, ownerName, lease);
        }

        private static String describe(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                return Sql.scrub(c.getMetaData().getURL());
            } catch (SQLException | RuntimeException e) {
                return "a " + ds.getClass().getSimpleName();
            }
        }
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void createTables(Sql sql) {
        Connection c = null;
        try {
            c = sql.borrow();
            try (Statement s = c.createStatement()) {
                // Two processes creating the tables at once would collide in the catalogue: serialise.
                s.execute("SELECT pg_advisory_xact_lock(" + ("aios-journal:" + sql.runs).hashCode() + ")");
                if (sql.schema != null) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + sql.schema);
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + sql.runs + " ("
                        + "run_id text PRIMARY KEY, "
                        + "created_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                        + "owner text, "
                        + "lease_until timestamptz, "
                        + "next_seq bigint NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS " + sql.runs.substring(sql.runs.lastIndexOf('.') + 1)
                        + "_created ON " + sql.runs + " (created_at, run_id)");
                s.execute("CREATE TABLE IF NOT EXISTS " + sql.entries + " ("
                        + "run_id text NOT NULL, "
                        + "seq bigint NOT NULL, "
                        + "kind text NOT NULL, "
                        + "at timestamptz NOT NULL, "
                        + "at_nanos integer NOT NULL, " // nano-of-second: timestamptz keeps microseconds
                        + "body text NOT NULL, "
                        + "PRIMARY KEY (run_id, seq))");
            }
            c.commit();
            sql.release(c);
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("create the journal's tables " + sql.runs + " and " + sql.entries, e);
        }
    }

    /**
     * @return how many group commits (append transactions) this journal's logs made: the number to
     *     compare with the number of appends, for monitoring and benchmarks
     */
    public long flushCount() {
        return flushes.get();
    }

    /** @return the name this journal owns runs under */
    public String owner() {
        return owner;
    }

    void countFlush() {
        flushes.incrementAndGet();
    }

    long leaseMillis() {
        return leaseMillis;
    }

    /** Test hook: stops renewing leases, as a process that hangs would. */
    void stopHeartbeat() {
        heartbeat.shutdownNow();
    }

    void forget(PgRunLog runLog) {
        owned.remove(runLog.runId(), runLog);
    }

    @Override
    public RunLog create(String runId, JournalEntry first) {
        Objects.requireNonNull(first, "first must not be null");
        if (runId == null || runId.isBlank()) {
            throw new IllegalArgumentException("run id must not be blank");
        }
        if (first.kind() != JournalEntry.Kind.RUN_STARTED) {
            throw new IllegalArgumentException("a run's first entry must be RUN_STARTED, was " + first.kind());
        }
        checkOpen(runId);
        Connection c = null;
        try {
            c = sql.borrow();
            try (PreparedStatement run = c.prepareStatement("INSERT INTO " + sql.runs
                    + " (run_id, owner, lease_until, next_seq) VALUES (?, ?, now() + ? * interval '1 millisecond', 1)"
                    + " ON CONFLICT (run_id) DO NOTHING")) {
                run.setString(1, runId);
                run.setString(2, owner);
                run.setLong(3, leaseMillis);
                if (run.executeUpdate() == 0) {
                    c.rollback();
                    sql.release(c);
                    throw new JournalException("run " + runId + " already exists in the PostgreSQL journal at "
                            + sql.where + ": pick another run id, or claim it to resume it", false, null);
                }
            }
            insert(c, runId, 0, List.of(first));
            c.commit();
            sql.release(c);
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("create run " + runId, e);
        }
        log.debug("created run {} (owner {})", runId, owner);
        return own(new PgRunLog(this, runId, List.of(first)));
    }

    @Override
    public Optional<RunLog> claim(String runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        checkOpen(runId);
        Connection c = null;
        try {
            c = sql.borrow();
            boolean won;
            try (PreparedStatement claim = c.prepareStatement("UPDATE " + sql.runs
                    + " SET owner = ?, lease_until = now() + ? * interval '1 millisecond'"
                    + " WHERE run_id = ? AND (owner IS NULL OR lease_until IS NULL OR lease_until < now())")) {
                claim.setString(1, owner);
                claim.setLong(2, leaseMillis);
                claim.setString(3, runId);
                won = claim.executeUpdate() == 1;
            }
            if (!won) {
                boolean exists;
                try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM " + sql.runs + " WHERE run_id = ?")) {
                    find.setString(1, runId);
                    try (ResultSet rs = find.executeQuery()) {
                        exists = rs.next();
                    }
                }
                c.rollback();
                sql.release(c);
                if (!exists) {
                    throw new JournalException("no run " + runId + " in the PostgreSQL journal at " + sql.where,
                            false, null);
                }
                log.debug("run {} is owned by a live process: not claimed", runId);
                return Optional.empty();
            }
            List<JournalEntry> entries = select(c, runId);
            c.commit();
            sql.release(c);
            log.debug("claimed run {} ({} entries, owner {})", runId, entries.size(), owner);
            return Optional.of(own(new PgRunLog(this, runId, entries)));
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("claim run " + runId, e);
        }
    }

    private RunLog own(PgRunLog runLog) {
        owned.put(runLog.runId(), runLog);
        if (closed) { // closed while creating or claiming: give it up again
            runLog.close();
            throw new JournalException("the PostgreSQL journal at " + sql.where + " is closed", false, null);
        }
        return runLog;
    }

    @Override
    public List<String> runIds() {
        checkOpen(null);
        Connection c = null;
        try {
            c = sql.borrow();
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT run_id FROM " + sql.runs
                    + " ORDER BY created_at, run_id"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            c.commit();
            sql.release(c);
            return List.copyOf(ids);
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("list the runs", e);
        }
    }

    @Override
    public List<JournalEntry> read(String runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        checkOpen(runId);
        Connection c = null;
        try {
            c = sql.borrow();
            List<JournalEntry> entries = select(c, runId);
            c.commit();
            sql.release(c);
            return entries;
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("read run " + runId, e);
        }
    }

    @Override
    public boolean delete(String runId) {
        Objects.requireNonNull(runId, "runId must not be null");
        checkOpen(runId);
        Connection c = null;
        try {
            c = sql.borrow();
            boolean deleted;
            try (PreparedStatement run = c.prepareStatement("DELETE FROM " + sql.runs
                    + " WHERE run_id = ? AND (owner IS NULL OR lease_until IS NULL OR lease_until < now())")) {
                run.setString(1, runId);
                deleted = run.executeUpdate() == 1;
            }
            if (deleted) {
                try (PreparedStatement rows = c.prepareStatement("DELETE FROM " + sql.entries + " WHERE run_id = ?")) {
                    rows.setString(1, runId);
                    rows.executeUpdate();
                }
            }
            c.commit();
            sql.release(c);
            if (deleted) {
                log.debug("deleted run {}", runId);
            }
            return deleted;
        } catch (SQLException e) {
            sql.discard(c);
            throw sql.failure("delete run " + runId, e);
        }
    }

    /** Inserts {@code batch} as entries {@code firstSeq}, {@code firstSeq + 1}, ... of the run. */
    void insert(Connection c, String runId, long firstSeq, List<JournalEntry> batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + sql.entries
                + " (run_id, seq, kind, at, at_nanos, body) VALUES (?, ?, ?, ?, ?, ?)")) {
            long seq = firstSeq;
            for (JournalEntry e : batch) {
                s.setString(1, runId);
                s.setLong(2, seq++);
                s.setString(3, e.kind().name());
                s.setObject(4, OffsetDateTime.ofInstant(e.at().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
                s.setInt(5, e.at().getNano());
                s.setString(6, e.body());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<JournalEntry> select(Connection c, String runId) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT kind, at, at_nanos, body FROM " + sql.entries
                + " WHERE run_id = ? ORDER BY seq")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
                    Instant instant = Instant.ofEpochSecond(at.toEpochSecond(), rs.getInt(3));
                    JournalEntry.Kind k;
                    try {
                        k = JournalEntry.Kind.valueOf(kind);
                    } catch (IllegalArgumentException e) {
                        throw new JournalException("run " + runId + " in the PostgreSQL journal at " + sql.where
                                + " holds an entry of unknown kind '" + kind + "': written by a newer version?",
                                false, null);
                    }
                    entries.add(new JournalEntry(k, rs.getString(4), instant));
                }
            }
        }
        return List.copyOf(entries);
    }

    /** The heartbeat: renews the lease of every log held, and fails the logs whose run is no longer ours. */
    private void renewLeases() {
        if (closed || owned.isEmpty()) {
            return;
        }
        List<PgRunLog> logs = owned.values().stream().filter(PgRunLog::live).toList();
        if (logs.isEmpty()) {
            return;
        }
        Connection c = null;
        try {
            c = sql.borrow();
            Set<String> renewed = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE " + sql.runs
                    + " SET lease_until = now() + ? * interval '1 millisecond'"
                    + " WHERE owner = ? AND run_id = ANY (?) RETURNING run_id")) {
                Array ids = c.createArrayOf("text", logs.stream().map(PgRunLog::runId).toArray());
                s.setLong(1, leaseMillis);
                s.setString(2, owner);
                s.setArray(3, ids);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        renewed.add(rs.getString(1));
                    }
                }
            }
            c.commit();
            sql.release(c);
            for (PgRunLog l : logs) {
                if (!renewed.contains(l.runId()) && l.live()) {
                    l.leaseLost("its lease could not be renewed");
                }
            }
        } catch (SQLException e) {
            sql.discard(c);
            log.warn("could not renew the leases of {} runs in the PostgreSQL journal at {}: {} (SQLState {}); "
                    + "appends will fail if the leases expire", logs.size(), sql.where, e.getMessage(), e.getSQLState());
        } catch (RuntimeException e) {
            sql.discard(c);
            log.warn("lease renewal failed in the PostgreSQL journal at {}", sql.where, e);
        }
    }

    private void checkOpen(@Nullable String runId) {
        if (closed) {
            throw new JournalException("the PostgreSQL journal at " + sql.where + " is closed"
                    + (runId == null ? "" : " (run " + runId + ")"), false, null);
        }
    }

    /**
     * Closes every log this journal holds (committing what they queued and giving their runs up),
     * stops the heartbeat and closes the idle connections. Idempotent.
     *
     * @throws JournalException if a log's queued entries could not be committed (the other logs are
     *     closed all the same)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        JournalException first = null;
        for (PgRunLog l : List.copyOf(owned.values())) {
            try {
                l.close();
            } catch (JournalException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        heartbeat.shutdownNow();
        sql.close();
        log.debug("closed the PostgreSQL run journal at {}", sql.where);
        if (first != null) {
            throw first;
        }
    }
}
