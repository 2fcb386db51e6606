package dev.aios.service;

import dev.aios.api.Memory;
import dev.aios.runtime.Agent;
import dev.aios.runtime.RunHandle;
import dev.aios.runtime.RunSummary;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingBrains;
import dev.aios.samples.briefing.BriefingReport;
import dev.aios.sensors.AwarenessDaemon;
import dev.aios.service.internal.BriefingRunner;
import dev.aios.service.internal.BriefingSchedule;
import dev.aios.service.internal.BuiltInPacks;
import dev.aios.service.internal.EventLog;
import dev.aios.service.internal.ServiceBackend;
import dev.aios.service.internal.console.ConsoleBackend;
import dev.aios.service.internal.console.ConsoleServer;
import dev.aios.service.internal.telemetry.ServiceTelemetry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aios serve}: the agent as a long-running service on the user's own data. It keeps the
 * awareness daemon watching the configured sources, runs the briefing on its schedule (and once at
 * start when none ran yet), runs goals submitted from the console, the CLI or MCP, and serves the
 * web console on {@code 127.0.0.1}. Every run is journaled under the state folder, so a service
 * killed at any point and started again goes on where it stopped, its pending approvals included.
 *
 * <p>{@link #close()} is the graceful stop (a JVM shutdown hook calls it on SIGTERM): the console
 * and the schedule stop taking work, in-flight runs get {@link Options#grace()} to finish, and
 * whatever has not finished stays in the journal and resumes at the next start.
 */
public final class AiosService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AiosService.class);
    /** The name of the file, in the state folder, that holds the console's token (mode 0600). */
    public static final String TOKEN_FILE = "console.token";
    /** The name of the file, in the state folder, that holds the running console's address. */
    public static final String URL_FILE = "console.url";

    /**
     * How the service runs, besides its configuration.
     *
     * @param port the console's port, or null for the configuration's (0: any free port)
     * @param briefAtStart whether to run a briefing at start when none ran in this process
     * @param grace how long in-flight runs get to finish at stop
     * @param clock the clock (tests move it)
     */
    public record Options(@Nullable Integer port, boolean briefAtStart, Duration grace, Clock clock) {

        /** @return the defaults: the configured port, a briefing at start, 20 s grace */
        public static Options defaults() {
            return new Options(null, true, Duration.ofSeconds(20), Clock.systemDefaultZone());
        }

        /** @return these options with the console on {@code value} (0: any free port) */
        public Options withPort(int value) {
            return new Options(value, briefAtStart, grace, clock);
        }

        /** @return these options with or without the briefing at start */
        public Options withBriefAtStart(boolean value) {
            return new Options(port, value, grace, clock);
        }

        /** @return these options with {@code value} as the grace for in-flight runs */
        public Options withGrace(Duration value) {
            return new Options(port, briefAtStart, value, clock);
        }
    }

    private final AiosConfig config;
    private final Options options;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ServiceTelemetry telemetry;
    private final Memory memory;
    private final BriefingBrains brains;
    private final EventLog events = new EventLog(200, 500);
    private final BriefingAgent briefing;
    private final BriefingRunner runner;
    private final Agent agent;
    private final AwarenessDaemon awareness;
    private final BriefingSchedule schedule;
    private final ConsoleServer console;
    private final ServiceBackend backend;
    private final List<RunHandle> resumed;

    private AiosService(AiosConfig config, Options options, PrintStream log) {
        this.config = config;
        this.options = options;
        Path state = config.storage().state();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state folder " + state, e);
        }
        // Opened in order, closed in reverse; a failure half-way closes what opened.
        try {
            telemetry = keep(ServiceTelemetry.fromEnvironment());
            AgentParts parts = keep(AgentParts.open(config, log));
            brains = parts.brains();
            memory = parts.memory();
            briefing = new BriefingAgent(config.briefingSetup(), memory, log, brains.brains(), config.brains().allowCloud(),
                    parts.journal(), BuiltInPacks.of(config, memory), b -> b.gatePolicy(config.gate().policy()).approvalTimeout(config.gate().approvalTimeout())
                            .listener(events).meterRegistry(telemetry.meterRegistry())
                            .openTelemetry(telemetry.openTelemetry()));
            agent = briefing.agent();
            // The sample world is dated: it is briefed on its own day; a user's data on the day it is.
            runner = new BriefingRunner(briefing, options.clock(), config.file() == null ? null : config.zone());
            awareness = keep(AgentParts.watchAndIndex(briefing, runner::observed, log));
            // Runs a stopped service left: their done steps are reused; they finish in the background.
            resumed = agent.resumeUnfinished();
            schedule = keep(new BriefingSchedule(config.schedule(), config.zone(), options.clock(), this::scheduledBriefing));
            backend = new ServiceBackend(config.user().name(), runner, agent, memory, events, this::brainViews,
                    this::costSaved);
            Path tokenFile = state.resolve(TOKEN_FILE);
            console = ConsoleServer.start(backend, ConsoleServer.Options.defaults()
                    .withHost(config.console().bind())
                    .withPort(options.port() == null ? config.console().port() : options.port())
                    .withTokenFile(tokenFile)
                    .withMetrics(telemetry::scrape));
            Files.writeString(state.resolve(URL_FILE), console.baseUrl() + "\n");
        } catch (RuntimeException | IOException e) {
            closeAll();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot start the service: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        schedule.start();
        if (!resumed.isEmpty()) {
            log.printf("[journal] %d unfinished run(s) resumed from the journal%n", resumed.size());
        }
        if (options.briefAtStart()) {
            Thread.ofVirtual().name("aios-first-briefing").start(this::scheduledBriefing);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        closeLast.add(resource);
        return resource;
    }

    /**
     * Starts the service: opens memory and the journal, resumes unfinished runs, starts watching the
     * sources, plans the briefings and serves the console.
     *
     * @param config the user's configuration (see {@link AiosConfig#load})
     * @param options port, briefing at start, grace
     * @param log where progress lines go
     * @throws IllegalStateException if the state folder is in use by another service
     * @throws UncheckedIOException if the state folder or console cannot be set up
     */
    public static AiosService start(AiosConfig config, Options options, PrintStream log) {
        return new AiosService(config, options, log);
    }

    private void scheduledBriefing() {
        if (closed.get()) {
            return;
        }
        try {
            runner.runNow();
        } catch (RuntimeException e) {
            LOG.warn("the briefing failed: {}", e.toString(), e);
        }
    }

    /** Runs a briefing now and returns it (waits for one in progress first). */
    public BriefingReport briefNow() {
        return runner.runNow();
    }

    /** @return the console's address, without the token */
    public URI consoleUrl() {
        return URI.create(console.baseUrl());
    }

    /** @return the one-time link that opens the console (it holds the token: show it only to the user) */
    public URI loginUrl() {
        return URI.create(console.loginUrl());
    }

    /** @return the console's token (it is also in {@value #TOKEN_FILE} in the state folder, readable only by the user) */
    public String token() {
        return console.token();
    }

    /** @return the console's backend, for tests and embedding hosts */
    ConsoleBackend backend() {
        return backend;
    }

    /** @return the agent that runs goals and holds the approvals */
    public Agent agent() {
        return agent;
    }

    /** @return the runs resumed from the journal at start */
    public List<RunHandle> resumedRuns() {
        return resumed;
    }

    /** @return when the next scheduled briefing is due, or null once stopped */
    public @Nullable ZonedDateTime nextBriefing() {
        return schedule.nextRun();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private List<ConsoleBackend.BrainView> brainViews() {
        Map<String, String> where = new java.util.HashMap<>();
        brains.brains().forEach(b -> where.put(b.name(), BriefingBrains.local(b) ? "local" : "cloud"));
        Map<String, String> breakers = briefing.breakerStates();
        return briefing.routingReport().map(report -> report.brains().stream().map(s -> new ConsoleBackend.BrainView(
                s.brain(), where.getOrDefault(s.brain(), "cloud"), s.calls(), s.failures(), s.meanLatency(), s.cost(),
                breakers.getOrDefault(s.brain(), "closed"))).toList()).orElse(List.of());
    }

    private BigDecimal costSaved() {
        return briefing.routingReport().map(r -> r.costSaved()).orElse(BigDecimal.ZERO);
    }

    /**
     * Stops gracefully: the console and schedule stop taking work, in-flight runs get the grace
     * period to finish, and what is unfinished stays in the journal for the next start. Safe to
     * call twice.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            LOG.info("stopping: no new work; in-flight runs get {} s", options.grace().toSeconds());
            quietly(console);
            quietly(schedule);
            Instant deadline = Instant.now().plus(options.grace());
            while (Instant.now().isBefore(deadline) && anyRunning()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (anyRunning()) {
                LOG.info("runs still in flight stay in the journal and resume at the next start");
            }
            closeAll();
            try {
                Files.deleteIfExists(config.storage().state().resolve(URL_FILE));
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", URL_FILE, e.toString());
            }
        } finally {
            stopped.countDown();
        }
    }

    private boolean anyRunning() {
        try {
            // Waiting for a person is not in flight: the journal keeps the question for the next start.
            return agent.runs().stream().anyMatch(r -> r.state() == RunSummary.State.RUNNING);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void closeAll() {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            quietly(closeLast.get(i));
        }
        closeLast.clear();
    }

    private static void quietly(@Nullable AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
        }
    }
}
