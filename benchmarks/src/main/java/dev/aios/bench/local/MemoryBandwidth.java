package dev.aios.bench.local;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * Main-memory bandwidth as plain Java sees it, on buffers far larger than the caches: a copy
 * ({@link System#arraycopy}, read and write bytes both counted) and a read stream (a sum, the way
 * a decode step streams its weights), each with 1 to {@code maxThreads} threads, best of several
 * passes.
 */
final class MemoryBandwidth {
    private static final int PASSES = 5;

    /**
     * Rates in GB/s (10^9 bytes per second), the best pass at each thread count: element
     * {@code t - 1} is for {@code t} threads.
     */
    record Result(long bufferBytes, double[] copyGbPerSecond, double[] readGbPerSecond) {

        double bestCopy() {
            return Arrays.stream(copyGbPerSecond).max().orElseThrow();
        }

        double bestRead() {
            return Arrays.stream(readGbPerSecond).max().orElseThrow();
        }

        /** The rates per thread count, "1 thread 12.3, 2 threads 20.1". */
        static String byThreads(double[] gbPerSecond) {
            StringBuilder s = new StringBuilder();
            for (int t = 1; t <= gbPerSecond.length; t++) {
                s.append(t == 1 ? "" : ", ").append(t).append(t == 1 ? " thread " : " threads ")
                        .append(String.format(Locale.ROOT, "%.1f", gbPerSecond[t - 1]));
            }
            return s.toString();
        }
    }

    private MemoryBandwidth() {}

    static Result measure(long bufferBytes, int maxThreads) throws InterruptedException {
        int n = Math.toIntExact(bufferBytes / Long.BYTES);
        long[] src = new long[n];
        long[] dst = new long[n];
        for (int i = 0; i < n; i++) {
            src[i] = i;
        }
        double[] copy = new double[maxThreads];
        double[] read = new double[maxThreads];
        for (int threads = 1; threads <= maxThreads; threads++) {
            for (int pass = 0; pass < PASSES; pass++) {
                double c = 2.0 * n * Long.BYTES / run(threads, n, (from, to) -> {
                    System.arraycopy(src, from, dst, from, to - from);
                    return 0;
                });
                double r = (double) n * Long.BYTES / run(threads, n, (from, to) -> sum(src, from, to));
                copy[threads - 1] = Math.max(copy[threads - 1], c / 1e9);
                read[threads - 1] = Math.max(read[threads - 1], r / 1e9);
            }
        }
        return new Result((long) n * Long.BYTES, copy, read);
    }

    /** Four independent sums, so the loop waits on memory rather than on one add chain. */
    private static long sum(long[] a, int from, int to) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < to; i++) {
            s0 += a[i];
        }
        return s0 + s1 + s2 + s3;
    }

    private interface Range {
        long apply(int from, int to);
    }

    /**
     * Seconds for {@code threads} threads to each run their share of {@code [0, n)}, started
     * together: from the first thread's start to the last one's end, as the threads see them (the
     * caller's own clock would run late whenever it waits for a CPU behind the workers).
     */
    private static double run(int threads, int n, Range work) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(threads);
        long[] starts = new long[threads];
        long[] ends = new long[threads];
        // Kept in a heap array, so the JIT cannot drop the sums.
        long[] results = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            workers[t] = Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                starts[id] = System.nanoTime();
                results[id] = work.apply(from, to);
                ends[id] = System.nanoTime();
            });
        }
        for (Thread w : workers) {
            w.join();
        }
        return (Arrays.stream(ends).max().orElseThrow() - Arrays.stream(starts).min().orElseThrow()) / 1e9;
    }
}
