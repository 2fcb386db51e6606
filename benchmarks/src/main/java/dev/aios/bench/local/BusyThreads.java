package dev.aios.bench.local;

import java.util.ArrayList;
import java.util.List;

/**
 * Background load for a contended measurement: platform threads that each spin on real work
 * (multiply-adds over a small array that stays in cache, as a compiler or a browser tab would keep
 * a core busy) until closed. Each thread competes for a core, not for memory bandwidth, which is
 * the common case on a laptop running other programs.
 */
final class BusyThreads implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    /** Published so the work cannot be optimised away. */
    private volatile double sink;

    private BusyThreads(int count) {
        for (int i = 0; i < count; i++) {
            Thread t = Thread.ofPlatform().daemon().name("aios-bench-busy-" + i).unstarted(this::spin);
            threads.add(t);
            t.start();
        }
    }

    /** Starts {@code count} busy threads (none for 0). */
    static BusyThreads start(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("busy thread count must be >= 0, got " + count);
        }
        return new BusyThreads(count);
    }

    private void spin() {
        double[] a = new double[4096];
        for (int i = 0; i < a.length; i++) {
            a[i] = i * 1e-3;
        }
        double acc = 0;
        while (!stop) {
            for (int i = 0; i < a.length; i++) {
                // Both stay bounded (acc near 1000, a[i] near 1): no overflow, no slow denormals.
                acc = acc * 0.999 + a[i];
                a[i] = a[i] * 0.999_999 + 1e-6;
            }
        }
        sink = acc;
    }

    @Override
    public void close() {
        stop = true;
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
