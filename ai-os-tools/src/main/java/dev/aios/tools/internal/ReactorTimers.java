package dev.aios.tools.internal;

import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps a request's timeout timer from waking a thread. The SDK's client session puts a timer on
 * Reactor's parallel scheduler for every request ({@code timeout(requestTimeout)}); each of that
 * scheduler's workers is a {@code ScheduledThreadPoolExecutor}, which wakes its thread whenever
 * a new task becomes the earliest in its queue. Between sequential calls the queue is empty, so
 * every call's timer was the earliest and cost two thread wake-ups (set, then cancelled), as much
 * CPU as the rest of a stdio round trip on two loaded cores. A do-nothing task every
 * {@link #PERIOD_SECONDS} s on each worker is always earlier than any timer of a request timeout
 * longer than that, so new timers queue behind it quietly. If the host disposes the parallel
 * scheduler, the next session arms the new one.
 */
final class ReactorTimers {
    /** Shorter than any sensible request timeout; each tick is one wake-up per worker. */
    static final long PERIOD_SECONDS = 5;
    private static @Nullable Scheduler armed;

    private ReactorTimers() {}

    /** Arms Reactor's current parallel scheduler once; cheap to call at every session start. */
    static synchronized void quiet() {
        Scheduler parallel = Schedulers.parallel();
        if (parallel == armed) {
            return;
        }
        // Workers are handed out round robin; twice the count covers each even if another thread
        // takes one in between (a worker armed twice just gets two ticks).
        int workers = 2 * Schedulers.DEFAULT_POOL_SIZE;
        for (int i = 0; i < workers; i++) {
            parallel.createWorker().schedulePeriodically(() -> {}, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
        armed = parallel;
    }
}
