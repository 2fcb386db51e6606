package dev.aios.testing.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outside world's record of real effects in a crash test: a file with one line per effect
 * ({@code run step tool key owner epochMillis}), appended and forced before the tool that made the effect
 * answers, so an effect survives any kill of the process that made it. Keyed effects happen at most once per
 * key, as in an outside system with idempotency keys; plain ones happen every time they are asked for.
 *
 * <p>A line without its newline never counts (one small write cannot be torn by a kill, but a reader must not
 * trust it). {@link #forOneProcess} suits workers that live one at a time (it keeps an index in memory);
 * {@link #shared} suits workers that run at once (every operation rereads the file under a file lock).
 * The parent reads what happened with {@link #read}.
 */
public final class EffectLedger implements AutoCloseable {
    private static final int FIELDS = 6;

    /**
     * One effect, as the ledger recorded it.
     *
     * @param runId the run whose call made it
     * @param stepId the step of that run
     * @param tool the tool that made it
     * @param key the call's idempotency key ({@code "null"} for a call without one)
     * @param owner the worker that made it
     * @param epochMillis when (-1 if the line does not say)
     */
    public record Effect(String runId, String stepId, String tool, String key, String owner, long epochMillis) {}

    private final Path file;
    private final String owner;
    private final @Nullable FileChannel channel; // one process: kept open; shared: null
    private final Set<String> keys = new HashSet<>();
    private final Set<String> runSteps = new HashSet<>();

    private EffectLedger(Path file, String owner, boolean shared) throws IOException {
        this.file = file;
        this.owner = owner;
        if (shared) {
            this.channel = null;
        } else {
            for (Effect e : read(file)) {
                keys.add(e.key());
                runSteps.add(e.runId() + " " + e.stepId());
            }
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
    }

    /**
     * Opens a ledger that one worker process at a time writes (the workers of a crash test that kills one
     * life and then starts the next). It reads what earlier lives recorded, then keeps an index in memory.
     *
     * @param owner the worker's name, recorded with each of its effects (no spaces)
     */
    public static EffectLedger forOneProcess(Path file, String owner) throws IOException {
        return new EffectLedger(file, owner, false);
    }

    /**
     * A ledger that several worker processes write at once: every check and every write happens under an
     * exclusive lock of the file, so checking a key and recording its effect is one step across processes.
     *
     * @param owner the worker's name, recorded with each of its effects (no spaces)
     */
    public static EffectLedger shared(Path file, String owner) {
        try {
            return new EffectLedger(file, owner, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: a shared ledger reads nothing up front
        }
    }

    /**
     * Reads a ledger file for the parent's verdict.
     *
     * @return its complete lines, in the order they were written; none if the file does not exist
     */
    public static List<Effect> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        return parse(Files.readString(file));
    }

    private static List<Effect> parse(String text) {
        List<Effect> effects = new ArrayList<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return effects;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] p = line.split(" ");
            if (p.length == FIELDS) {
                long millis;
                try {
                    millis = Long.parseLong(p[5]);
                } catch (NumberFormatException e) {
                    millis = -1;
                }
                effects.add(new Effect(p[0], p[1], p[2], p[3], p[4], millis));
            }
        }
        return effects;
    }

    /**
     * Whether an effect of a run's step was recorded: what a careful person looks up before answering the
     * approval of a call left in doubt.
     */
    public boolean has(String runId, String stepId) {
        if (channel != null) {
            synchronized (this) {
                return runSteps.contains(runId + " " + stepId);
            }
        }
        return locked((ch, effects) -> effects.stream().anyMatch(e -> e.runId().equals(runId) && e.stepId().equals(stepId)));
    }

    /**
     * Makes an effect: records it, forced, before returning.
     *
     * @param key the call's idempotency key
     * @param once true for a keyed effect: it happens at most once per key
     * @return false if it was keyed and its key had happened already (nothing recorded), else true
     * @throws UncheckedIOException if the ledger cannot be written
     */
    public boolean apply(String runId, String stepId, String tool, String key, boolean once) {
        String line = runId + " " + stepId + " " + tool + " " + key + " " + owner + " " + System.currentTimeMillis() + "\n";
        if (channel == null) {
            return locked((ch, effects) -> {
                if (once && effects.stream().anyMatch(e -> e.key().equals(key))) {
                    return false;
                }
                ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), ch.size());
                ch.force(false);
                return true;
            });
        }
        synchronized (this) {
            if (once && keys.contains(key)) {
                return false;
            }
            try {
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e, e);
            }
            keys.add(key);
            runSteps.add(runId + " " + stepId);
            return true;
        }
    }

    private interface Locked<T> {
        T with(FileChannel channel, List<Effect> effects) throws IOException;
    }

    private synchronized <T> T locked(Locked<T> action) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            ByteBuffer all = ByteBuffer.allocate((int) ch.size());
            while (all.hasRemaining() && ch.read(all, all.position()) >= 0) {
                // reads it all
            }
            return action.with(ch, parse(new String(all.array(), 0, all.position(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e, e);
        }
    }

    /** Closes the file a one-process ledger keeps open (a shared one keeps none). */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
