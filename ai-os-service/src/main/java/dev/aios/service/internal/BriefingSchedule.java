package dev.aios.service.internal;

import dev.aios.sensors.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task at the times a {@link Schedule} names ("every weekday at 8:00"), in a time zone,
 * one run at a time. Each firing plans the next from the clock after the run, so a briefing that
 * runs long skips a time rather than piling runs up, and a clock change (or a laptop waking from
 * sleep) is seen at the next planning.
 */
public final class BriefingSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BriefingSchedule.class);

    private final Schedule schedule;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable task;
    private final ScheduledExecutorService timer;
    private @Nullable ScheduledFuture<?> next;
    private @Nullable ZonedDateTime nextAt;
    private boolean closed;

    /**
     * @param schedule when to run
     * @param zone the zone the schedule's times are in
     * @param clock the clock
     * @param task what to run (its failures are logged, and the schedule goes on)
     */
    public BriefingSchedule(Schedule schedule, ZoneId zone, Clock clock, Runnable task) {
        this.schedule = schedule;
        this.zone = zone;
        this.clock = clock;
        this.task = task;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aios-schedule-" + schedule.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Plans the first run. */
    public synchronized void start() {
        planNext();
    }

    /** @return when the next run is due, or null once closed */
    public synchronized @Nullable ZonedDateTime nextRun() {
        return nextAt;
    }

    private synchronized void planNext() {
        if (closed) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        nextAt = schedule.next(now);
        long delay = Math.max(0, Duration.between(now, nextAt).toMillis());
        next = timer.schedule(this::fire, delay, TimeUnit.MILLISECONDS);
        LOG.info("next {} at {}", schedule.name(), nextAt);
    }

    private void fire() {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("scheduled {} failed: {}", schedule.name(), e.toString(), e);
        } finally {
            planNext();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            nextAt = null;
            if (next != null) {
                next.cancel(false);
            }
        }
        timer.shutdown();
    }
}
