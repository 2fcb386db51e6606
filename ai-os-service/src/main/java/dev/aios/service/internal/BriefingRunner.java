package dev.aios.service.internal;

import dev.aios.api.Observation;
import dev.aios.samples.briefing.BriefingAgent;
import dev.aios.samples.briefing.BriefingReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the briefing for the service, one at a time, and keeps the latest. The briefing agent's
 * classifier and state are not built for concurrent use, so a scheduled briefing, a briefing asked
 * for from the console and the user's corrections take turns under one lock. Mail that arrives
 * between briefings is listed as it lands (bounded), so the console shows it before the next
 * briefing.
 */
public final class BriefingRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BriefingRunner.class);
    private static final int ARRIVALS_KEPT = 200;

    /**
     * The latest briefing.
     *
     * @param report what it found
     * @param at when it finished
     */
    public record Latest(BriefingReport report, Instant at) {}

    /**
     * A message that landed since the latest briefing.
     *
     * @param id its Message-ID (or the observation's id when it has none)
     * @param from its sender
     * @param subject its subject, raw
     * @param at when it was sent
     * @param seenAt when the service saw it
     */
    public record Arrival(String id, String from, String subject, Instant at, Instant seenAt) {}

    private final BriefingAgent agent;
    private final Clock clock;
    private final java.time.@org.jspecify.annotations.Nullable ZoneId zone;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Latest latest;
    private final Deque<Arrival> arrivals = new ArrayDeque<>();
    /** Labels the user corrected since the latest briefing: shown over its labels until the next one. */
    private final java.util.Map<String, String> corrected = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param agent the briefing agent (this runner is its only user from now on)
     * @param clock when things happen
     * @param zone the zone whose date each briefing is for, or null to brief on the setup's own day
     *     (the sample world, which is dated)
     */
    public BriefingRunner(BriefingAgent agent, Clock clock, java.time.@org.jspecify.annotations.Nullable ZoneId zone) {
        this.agent = agent;
        this.clock = clock;
        this.zone = zone;
    }

    /** Runs a briefing now (waiting for one in progress to finish first) and keeps it as the latest. */
    public BriefingReport runNow() {
        lock.lock();
        try {
            BriefingReport report = zone == null ? agent.run() : agent.run(java.time.LocalDate.now(clock.withZone(zone)));
            latest = new Latest(report, clock.instant());
            corrected.clear();
            synchronized (arrivals) {
                arrivals.clear();
            }
            return report;
        } finally {
            lock.unlock();
        }
    }

    /** @return the latest briefing, if one ran in this process */
    public Optional<Latest> latest() {
        return Optional.ofNullable(latest);
    }

    /** The user's correction of a triage label; learned at once. */
    public void correct(String messageId, String label) {
        lock.lock();
        try {
            agent.correct(messageId, label);
            corrected.put(messageId.strip().replaceAll("^<|>$", ""), label);
        } finally {
            lock.unlock();
        }
    }

    /** @return the labels the user corrected since the latest briefing, by Message-ID */
    public java.util.Map<String, String> corrected() {
        return java.util.Map.copyOf(corrected);
    }

    /** The user's edit of a draft, kept as their voice. */
    public void draftEdited(String messageId, String text) {
        lock.lock();
        try {
            agent.draftEdited(messageId, text);
        } finally {
            lock.unlock();
        }
    }

    /** Told of every observation the awareness daemon stores: mail is listed until the next briefing. */
    public void observed(Observation observation) {
        if (!"mail".equals(observation.source())) {
            return;
        }
        var a = observation.attributes();
        Arrival arrival = new Arrival(a.getOrDefault("messageId", observation.id()), a.getOrDefault("from", ""),
                a.getOrDefault("subject", ""), observation.at(), clock.instant());
        synchronized (arrivals) {
            if (arrivals.size() == ARRIVALS_KEPT) {
                arrivals.removeFirst();
            }
            arrivals.addLast(arrival);
        }
        LOG.debug("mail landed: {}", arrival.id());
    }

    /** @return mail that landed since the latest briefing, newest first */
    public List<Arrival> arrivals() {
        synchronized (arrivals) {
            List<Arrival> out = new ArrayList<>(arrivals);
            java.util.Collections.reverse(out);
            return out;
        }
    }
}
