package dev.aios.tools.internal;

import dev.aios.api.AiOsException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancellation of one served call: set when the client sends {@code notifications/cancelled}
 * for it (which may come before the handler starts), it runs the handler's callbacks and
 * interrupts the handler's thread while the handler runs, and only then.
 */
public final class CancelSignal {
    private static final Logger log = LoggerFactory.getLogger(CancelSignal.class);

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;
    private @Nullable Thread runner;
    private @Nullable String reason;

    /** Marks the handler of this call as running on the current thread, until {@link #unbind()}. */
    public synchronized void bind() {
        runner = Thread.currentThread();
        if (cancelled) {
            runner.interrupt();
        }
    }

    /** The handler has returned: later cancellations interrupt nothing; clears a pending interrupt. */
    public void unbind() {
        synchronized (this) {
            runner = null;
        }
        // The thread goes back to a pool; an interrupt meant for this call must not hit the next one.
        Thread.interrupted();
    }

    /** Cancels: runs the callbacks once, then interrupts the handler if it is still running. */
    public void cancel(@Nullable String why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            reason = why;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(CancelSignal::runQuietly);
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** @return whether the call was cancelled */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** @return the reason the client gave, or null */
    public synchronized @Nullable String reason() {
        return reason;
    }

    /** Runs {@code action} on cancellation, or now if already cancelled. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("a cancellation callback failed: {}", e.toString());
        }
    }

    /** @return an exception saying the call was cancelled, for a handler that stops */
    AiOsException asException(String tool) {
        return AiOsException.permanent("tool " + tool + " was cancelled by the client"
                + (reason == null ? "" : ": " + reason));
    }
}
