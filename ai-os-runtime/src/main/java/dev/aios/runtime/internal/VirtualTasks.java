package dev.aios.runtime.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Starts the run's blocking work (a step, a tool call, a brain call) on a virtual thread of its
 * own, so the waiting thread can bound the wait by the run's wall time and stop waiting on
 * cancel, whatever the work itself does.
 */
final class VirtualTasks {
    private VirtualTasks() {}

    /** @return the future of {@code task}, already running on a virtual thread named {@code name} */
    static <T> Future<T> start(String name, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread.ofVirtual().name(name).start(future);
        return future;
    }
}
