package dev.aios.service.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows that long work is under way: a bar when the amount of work is known, else a count (or
 * the seconds spent). On a terminal it redraws one line four times a second; in a log (no
 * terminal) it writes a line every few seconds, so a log is not flooded. Work that ends within
 * the first second shows nothing but the final line.
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final LongSupplier done;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread ticker;
    private volatile boolean drawn;

    private Progress(PrintStream out, String what, long total, LongSupplier done, boolean terminal) {
        this.out = out;
        this.what = what;
        this.total = total;
        this.done = done;
        this.terminal = terminal;
        this.ticker = Thread.ofVirtual().name("aios-progress").start(this::tick);
    }

    /**
     * Starts showing progress.
     *
     * @param out where it is shown
     * @param what the work, such as {@code "indexing mail"}
     * @param total how many units there are, or 0 when that is not known
     * @param done how many are done so far (read from the ticker's thread)
     * @param terminal whether {@code out} is a terminal (redraw one line) or a log (a line now and then)
     */
    public static Progress start(PrintStream out, String what, long total, LongSupplier done, boolean terminal) {
        return new Progress(out, what, Math.max(0, total), done, terminal);
    }

    /** @return whether this process writes to a terminal */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    private void tick() {
        Duration every = terminal ? Duration.ofMillis(250) : Duration.ofSeconds(5);
        try {
            if (finished.await(1, TimeUnit.SECONDS)) {
                return;
            }
            do {
                draw(false);
            } while (!finished.await(every.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw(boolean last) {
        long n = done.getAsLong();
        double seconds = (System.nanoTime() - started) / 1e9;
        String line;
        if (total > 0) {
            double share = Math.min(1.0, (double) n / total);
            int filled = (int) Math.round(share * WIDTH);
            line = String.format(Locale.ROOT, "[%s] %s [%s%s] %3.0f%% %,d/%,d, %.0f s", "aios", what, "#".repeat(filled),
                    "-".repeat(WIDTH - filled), share * 100, n, total, seconds);
        } else {
            line = n > 0 ? String.format(Locale.ROOT, "[aios] %s: %,d so far, %.0f s", what, n, seconds)
                    : String.format(Locale.ROOT, "[aios] %s... %.0f s", what, seconds);
        }
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
        drawn = true;
    }

    /** Stops showing progress and says how it ended (the final count and time). */
    @Override
    public void close() {
        finished.countDown();
        try {
            ticker.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drawn) {
            draw(true);
        }
    }
}
