package dev.aios.toolpacks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads an HTTP answer's body within a size and a time limit. The JDK client's request timeout
 * covers only the wait for the headers; a server that then sends its body a byte at a time is cut
 * off here by closing the stream when the time is up.
 */
public final class BoundedBody {
    /** Closes the streams of bodies that take too long (one daemon thread for every pack). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aios-http-body-watchdog");
        t.setDaemon(true);
        return t;
    });

    private BoundedBody() {}

    /**
     * @param in the body; closed here
     * @param max the most bytes wanted: at most {@code max + 1} are read, so the caller can tell a cut
     * @param within how long reading may take
     * @param host names the server in the error
     * @throws IOException naming the host and the limit when the time ran out, or the read failed
     */
    public static byte[] read(InputStream in, long max, Duration within, String host) throws IOException {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            late.set(true);
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }, within.toMillis(), TimeUnit.MILLISECONDS);
        try (in) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (late.get()) {
                throw late(host, within);
            }
            return body;
        } catch (IOException e) {
            throw late.get() ? late(host, within) : e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static IOException late(String host, Duration within) {
        return new IOException(host + " did not send its whole answer within "
                + (within.toMillis() < 1000 ? within.toMillis() + " ms" : within.toSeconds() + " s"));
    }
}
