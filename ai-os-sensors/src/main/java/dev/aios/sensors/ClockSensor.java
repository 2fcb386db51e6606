package dev.aios.sensors;

import dev.aios.api.AiOsException;
import dev.aios.api.Observation;
import dev.aios.sensors.internal.BuilderChecks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock as a sensor: reports an observation each time one of its {@link Schedule}s is due
 * (source {@code clock}, kind {@code schedule}, id {@code clock:<schedule>:<local date-time>},
 * attributes {@code schedule}, {@code rule}, {@code due}), so agents can wake for a morning
 * briefing. Times that passed while the sensor was stopped are reported after a restart (up to
 * {@link Builder#maxCatchUp} per schedule); on a first start nothing from the past fires.
 *
 * <p>The clock is injectable: tests pass a clock they move forward, and the sensor notices within
 * its check interval.
 *
 * <pre>{@code
 * ClockSensor clock = ClockSensor.builder().schedule("morning-briefing", "every weekday at 8:00").build();
 * }</pre>
 */
public final class ClockSensor implements ResumableSensor {
    private static final Logger LOG = LoggerFactory.getLogger(ClockSensor.class);
    private static final String LAST = "last";

    private final String name;
    private final Clock clock;
    private final List<Schedule> schedules;
    private final Duration checkInterval;
    private final int maxCatchUp;

    private final Object lock = new Object();
    private @Nullable Instant last;
    private @Nullable Consumer<Observation> sink;
    private @Nullable ScheduledExecutorService ticker;

    private ClockSensor(Builder b) {
        this.name = b.name;
        this.clock = b.clock;
        this.schedules = List.copyOf(b.schedules);
        this.checkInterval = b.checkInterval;
        this.maxCatchUp = b.maxCatchUp;
    }

    /** @return a builder; add at least one {@link Builder#schedule} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the schedules, in the order they were added */
    public List<Schedule> schedules() {
        return schedules;
    }

    @Override
    public void resume(Map<String, String> state) {
        String saved = state.get(LAST);
        if (saved == null) {
            return;
        }
        try {
            synchronized (lock) {
                last = Instant.parse(saved);
            }
        } catch (DateTimeParseException e) {
            LOG.warn("clock sensor '{}': ignoring saved time '{}' (not an instant); starting from now", name, saved);
        }
    }

    @Override
    public Map<String, String> checkpoint() {
        synchronized (lock) {
            return last == null ? Map.of() : Map.of(LAST, last.toString());
        }
    }

    @Override
    public synchronized void start(Consumer<Observation> observations) {
        if (sink != null) {
            throw new IllegalStateException("clock sensor '" + name + "' is already started");
        }
        sink = Objects.requireNonNull(observations, "sink");
        synchronized (lock) {
            if (last == null) {
                last = clock.instant();
            }
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("aios-sensor-" + name + "-clock").unstarted(r));
        ticker = executor;
        executor.scheduleWithFixedDelay(this::tickSafely, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reports every schedule time after the last check up to the clock's now. The background
     * thread calls this each check interval; tests may call it directly.
     */
    public void tick() {
        Consumer<Observation> out = sink;
        if (out == null) {
            return;
        }
        synchronized (lock) {
            Instant now = clock.instant();
            Instant from = last == null ? now : last;
            if (!now.isAfter(from)) {
                return;
            }
            List<Observation> due = new ArrayList<>();
            for (Schedule schedule : schedules) {
                List<ZonedDateTime> times = new ArrayList<>();
                ZonedDateTime at = ZonedDateTime.ofInstant(from, clock.getZone());
                while (!(at = schedule.next(at)).toInstant().isAfter(now)) {
                    times.add(at);
                    if (times.size() > maxCatchUp) {
                        times.remove(0);
                    }
                }
                times.forEach(t -> due.add(observation(schedule, t)));
            }
            due.sort(java.util.Comparator.comparing(Observation::at));
            for (Observation observation : due) {
                out.accept(observation); // if this throws, last stays put and the next tick retries
                last = observation.at();
            }
            last = now;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("clock sensor '{}': could not report due schedules ({}); will retry", name, e.toString());
        }
    }

    private static Observation observation(Schedule schedule, ZonedDateTime due) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("schedule", schedule.name());
        attributes.put("rule", schedule.rule());
        attributes.put("due", due.toOffsetDateTime().toString());
        String local = due.toLocalDateTime().toString();
        return new Observation("clock:" + schedule.name() + ":" + local, "clock", "schedule",
                schedule.name() + " is due (" + schedule.rule() + ") at " + local, due.toInstant(), attributes);
    }

    @Override
    public void close() {
        ScheduledExecutorService executor = ticker;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Options of a {@link ClockSensor}. */
    public static final class Builder {
        private String name = "clock";
        private Clock clock = Clock.systemDefaultZone();
        private final List<Schedule> schedules = new ArrayList<>();
        private Duration checkInterval = Duration.ofSeconds(1);
        private int maxCatchUp = 100;

        private Builder() {}

        /** The sensor's name (default {@code clock}); unique within a daemon. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The clock and zone schedules run in (default: the system's). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Adds a schedule.
         *
         * @param name what fires, such as {@code morning-briefing}; unique within this sensor
         * @param rule such as {@code every weekday at 8:00}; see {@link Schedule}
         */
        public Builder schedule(String name, String rule) {
            return schedule(Schedule.parse(name, rule));
        }

        /** Adds a parsed schedule. */
        public Builder schedule(Schedule schedule) {
            schedules.add(Objects.requireNonNull(schedule, "schedule"));
            return this;
        }

        /** How often to look at the clock (default 1 s, at least 10 ms): the most a firing is late. */
        public Builder checkInterval(Duration interval) {
            this.checkInterval = interval;
            return this;
        }

        /** The most past times per schedule reported after a restart (default 100, at least 1). */
        public Builder maxCatchUp(int count) {
            this.maxCatchUp = count;
            return this;
        }

        /** @return the sensor, not yet started */
        public ClockSensor build() {
            BuilderChecks.sensorName(name);
            Objects.requireNonNull(clock, "clock");
            if (schedules.isEmpty()) {
                throw AiOsException.permanent("clock sensor '" + name + "' needs at least one schedule(name, rule)");
            }
            if (schedules.stream().map(Schedule::name).distinct().count() != schedules.size()) {
                throw AiOsException.permanent("clock sensor '" + name + "' has two schedules with the same name: "
                        + schedules.stream().map(Schedule::name).toList());
            }
            if (checkInterval == null || checkInterval.compareTo(BuilderChecks.MIN_POLL) < 0) {
                throw AiOsException.permanent("checkInterval must be at least 10 ms, was " + checkInterval);
            }
            if (maxCatchUp < 1) {
                throw AiOsException.permanent("maxCatchUp must be >= 1, was " + maxCatchUp);
            }
            return new ClockSensor(this);
        }
    }
}
