package dev.aios.sensors;

import dev.aios.api.AiOsException;
import dev.aios.api.Memory;
import dev.aios.api.MemoryLayer;
import dev.aios.api.MemoryRecord;
import dev.aios.api.Observation;
import dev.aios.api.spi.Sensor;
import dev.aios.sensors.internal.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sensors in the background and turns what they see into episodic memory: each
 * {@link Observation} becomes a {@link MemoryRecord} in {@link MemoryLayer#EPISODIC} with the
 * observation's id, text and time, and metadata holding its attributes plus {@code source} and
 * {@code kind}. Every record is labelled with {@link Observation#provenance()}: untrusted, since
 * anyone can send a mail or post in a channel, and private. An attribute whose name starts with
 * {@code aios.} (the runtime's label keys, such as {@code aios.trust}) is dropped and logged, so no
 * observed text can relabel itself. Listeners hear of each new or changed observation after it is stored, so they can
 * wake agents.
 *
 * <p>With a {@link Builder#checkpoint checkpoint} file, the daemon saves each
 * {@link ResumableSensor}'s progress and the ids (with a content hash) of what it stored, every
 * {@link Builder#checkpointInterval} and on close. After a restart, sensors resume where they
 * were: files added or changed while the daemon was stopped are read, files already read are
 * not, and an observation already stored unchanged is not written again. After a crash, at most
 * the items of the last interval are read again, and memory still keeps one record per id.
 *
 * <p>A sensor that fails to start is logged and the others run; a malformed file is logged by its
 * sensor and skipped. {@link #close()} stops every sensor and thread.
 *
 * <pre>{@code
 * try (AwarenessDaemon daemon = AwarenessDaemon.builder()
 *         .memory(memory)
 *         .sensor(MailSensor.builder().maildir(Path.of("Mail/INBOX")).build())
 *         .sensor(ClockSensor.builder().schedule("briefing", "every weekday at 8:00").build())
 *         .checkpoint(Path.of("state/awareness.json"))
 *         .listener(o -> agent.wake(o))
 *         .build()) {
 *     daemon.start();
 *     ...
 * }
 * }</pre>
 */
public final class AwarenessDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwarenessDaemon.class);
    /** Metadata keys the runtime reserves for its own labels ({@code aios.trust} and the like), in any case. */
    private static final String RESERVED_PREFIX = "aios.";

    private final Memory memory;
    private final List<Sensor> sensors;
    private final List<Consumer<Observation>> listeners;
    private final @Nullable CheckpointStore checkpoint;
    private final Duration checkpointInterval;
    private final double importance;

    private final Map<String, String> reported = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> savedStates = new HashMap<>();
    private final List<Sensor> running = new ArrayList<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private @Nullable ScheduledExecutorService saver;
    private boolean started;
    private boolean closed;

    private AwarenessDaemon(Builder b) {
        this.memory = b.memory;
        this.sensors = List.copyOf(b.sensors);
        this.listeners = List.copyOf(b.listeners);
        this.checkpoint = b.checkpoint == null ? null : new CheckpointStore(b.checkpoint);
        this.checkpointInterval = b.checkpointInterval;
        this.importance = b.importance;
    }

    /** @return a builder; set {@link Builder#memory} and add sensors */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads the checkpoint, resumes and starts every sensor, and starts saving checkpoints.
     * Returns at once: sensors report from their own threads.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "this awareness daemon is closed; build a new one"
                    : "this awareness daemon is already started");
        }
        started = true;
        if (checkpoint != null) {
            CheckpointStore.Content content = checkpoint.load();
            reported.putAll(content.reported());
            savedStates.putAll(content.sensors());
        }
        for (Sensor sensor : sensors) {
            try {
                if (sensor instanceof ResumableSensor resumable) {
                    resumable.resume(savedStates.getOrDefault(sensor.name(), Map.of()));
                }
                sensor.start(this::accept);
                running.add(sensor);
            } catch (RuntimeException e) {
                LOG.error("sensor '{}' did not start ({}); the other sensors run", sensor.name(), e.toString(), e);
            }
        }
        if (checkpoint != null) {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon().name("aios-awareness-checkpoint").unstarted(r));
            saver = executor;
            long every = checkpointInterval.toMillis();
            executor.scheduleWithFixedDelay(this::saveQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        LOG.info("awareness daemon started with sensors {}", running.stream().map(Sensor::name).toList());
    }

    /** @return how many observations were written to memory since start */
    public long written() {
        return written.get();
    }

    /** @return how many observations were skipped because memory already held them unchanged */
    public long duplicates() {
        return duplicates.get();
    }

    /** @return how many observations could not be written to memory (their sensors retry) */
    public long failures() {
        return failures.get();
    }

    /** Writes the checkpoint now (it is also written every checkpoint interval and on close). */
    public void saveCheckpoint() {
        CheckpointStore store = checkpoint;
        if (store == null) {
            return;
        }
        synchronized (savedStates) {
            dirty.set(false);
            Map<String, Map<String, String>> states = new TreeMap<>(savedStates);
            List<Sensor> current;
            synchronized (this) {
                current = List.copyOf(running);
            }
            for (Sensor sensor : current) {
                if (sensor instanceof ResumableSensor resumable) {
                    states.put(sensor.name(), resumable.checkpoint());
                }
            }
            savedStates.putAll(states);
            store.save(new CheckpointStore.Content(states, new HashMap<>(reported)));
        }
    }

    private void saveQuietly() {
        try {
            // Sensor states change without an observation (a malformed file marked as read), so
            // save whenever something may have moved, cheaply compared first.
            if (dirty.get() || statesChanged()) {
                saveCheckpoint();
            }
        } catch (RuntimeException e) {
            LOG.warn("could not save the awareness checkpoint ({}); will retry", e.toString());
        }
    }

    private boolean statesChanged() {
        List<Sensor> current;
        synchronized (this) {
            current = List.copyOf(running);
        }
        synchronized (savedStates) {
            for (Sensor sensor : current) {
                if (sensor instanceof ResumableSensor resumable
                        && !resumable.checkpoint().equals(savedStates.getOrDefault(sensor.name(), Map.of()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sink every sensor reports to: store if new or changed, then tell the listeners. */
    private void accept(Observation observation) {
        String hash = hash(observation);
        if (hash.equals(reported.get(observation.id()))) {
            duplicates.incrementAndGet();
            return;
        }
        try {
            memory.remember(toRecord(observation));
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            throw AiOsException.retriable("could not write observation " + observation.id() + " to memory: "
                    + e.getMessage(), e);
        }
        reported.put(observation.id(), hash);
        written.incrementAndGet();
        dirty.set(true);
        for (Consumer<Observation> listener : listeners) {
            try {
                listener.accept(observation);
            } catch (RuntimeException e) {
                // One listener's failure must not stop the others, nor make the sensor read again.
                LOG.warn("awareness listener failed on {}: {}", observation.id(), e.toString(), e);
            }
        }
    }

    private MemoryRecord toRecord(Observation o) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        o.attributes().forEach((k, v) -> {
            if (k == null || v == null) {
                return;
            }
            if (k.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
                // a mail header or chat field named aios.trust must not relabel what it came in
                LOG.warn("observation {} from '{}' carries attribute '{}', a name reserved for the runtime's labels;"
                        + " it was dropped", o.id(), o.source(), k);
                return;
            }
            metadata.put(k, v);
            attributes.put(k, v);
        });
        metadata.put("source", o.source());
        metadata.put("kind", o.kind());
        String text = o.text().isBlank() ? o.source() + " " + o.kind() + " " + attributes : o.text();
        // last, so the label replaces anything under its keys: what a sensor saw never steers the agent
        return new MemoryRecord(o.id(), MemoryLayer.EPISODIC, text, o.at(), importance, metadata)
                .withProvenance(o.provenance());
    }

    private static String hash(Observation o) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(o.kind(), o.source(), o.text(), o.at().toString(),
                    new TreeMap<>(o.attributes()).toString())) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Stops every sensor and thread, then saves the checkpoint. Safe to call more than once. */
    @Override
    public void close() {
        List<Sensor> toClose;
        ScheduledExecutorService executor;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(running);
            executor = saver;
        }
        for (Sensor sensor : toClose) {
            try {
                sensor.close();
            } catch (RuntimeException e) {
                LOG.warn("sensor '{}' failed to close: {}", sensor.name(), e.toString());
            }
        }
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (started) {
            try {
                saveCheckpoint();
            } catch (RuntimeException e) {
                LOG.warn("could not save the awareness checkpoint on close: {}", e.toString());
            }
        }
        LOG.info("awareness daemon stopped: {} observations written, {} duplicates skipped", written.get(), duplicates.get());
    }

    /** Options of an {@link AwarenessDaemon}. */
    public static final class Builder {
        private @Nullable Memory memory;
        private final List<Sensor> sensors = new ArrayList<>();
        private final List<Consumer<Observation>> listeners = new ArrayList<>();
        private @Nullable Path checkpoint;
        private Duration checkpointInterval = Duration.ofSeconds(1);
        private double importance = 0.3;

        private Builder() {}

        /** Where observations go (required). */
        public Builder memory(Memory memory) {
            this.memory = memory;
            return this;
        }

        /** Adds a sensor; names must be unique, since checkpoints are kept by name. */
        public Builder sensor(Sensor sensor) {
            sensors.add(Objects.requireNonNull(sensor, "sensor"));
            return this;
        }

        /** Adds a listener, told of each observation after it is stored (on the sensor's thread; keep it quick). */
        public Builder listener(Consumer<Observation> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The checkpoint file (default: none, so a restart reads everything again). */
        public Builder checkpoint(Path file) {
            this.checkpoint = file;
            return this;
        }

        /** How often the checkpoint is saved when something changed (default 1 s, at least 10 ms). */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        /** The importance of the memory records written, in [0, 1] (default 0.3: routine events). */
        public Builder importance(double importance) {
            this.importance = importance;
            return this;
        }

        /** @return the daemon, not yet started */
        public AwarenessDaemon build() {
            if (memory == null) {
                throw AiOsException.permanent("an awareness daemon needs memory(...): where observations are stored");
            }
            if (sensors.isEmpty()) {
                throw AiOsException.permanent("an awareness daemon needs at least one sensor(...)");
            }
            Set<String> names = new HashSet<>();
            for (Sensor sensor : sensors) {
                if (!names.add(sensor.name())) {
                    throw AiOsException.permanent("two sensors are named '" + sensor.name() + "'; give one another name,"
                            + " since checkpoints are kept by sensor name");
                }
            }
            if (checkpointInterval == null || checkpointInterval.toMillis() < 10) {
                throw AiOsException.permanent("checkpointInterval must be at least 10 ms, was " + checkpointInterval);
            }
            if (!(importance >= 0 && importance <= 1)) {
                throw AiOsException.permanent("importance must be within [0, 1], was " + importance);
            }
            return new AwarenessDaemon(this);
        }
    }
}
