package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Splits matrix products by output columns across threads. PyTorch's own intra-op threads do not
 * speed up the thin products of decoding (measured: a [1, 576] x [576, 3072] product takes the
 * same time on one and on two threads), yet memory bandwidth nearly doubles with a second reader,
 * so each lane computes its own column block with PyTorch single-threaded and the caller joins
 * the blocks. Partners spin briefly between tasks, because a decode step hands them ~150 tasks
 * and waking a parked thread costs more than a product; idle partners park.
 */
final class ComputeLanes implements AutoCloseable {
    private static final long SPIN_NANOS = 200_000;

    private final Partner[] partners;
    private boolean wide;

    ComputeLanes(int lanes, String name) {
        partners = new Partner[lanes - 1];
        for (int i = 0; i < partners.length; i++) {
            partners[i] = new Partner();
            Thread t = Thread.ofPlatform().daemon().name(name + "-lane-" + (i + 1)).unstarted(partners[i]);
            partners[i].thread = t;
            t.start();
        }
    }

    /**
     * Makes PyTorch single-threaded for ops issued from the calling thread. OpenMP's thread count
     * is per calling thread, so every thread that runs the model calls this once.
     */
    static void singleThreadedTorch() {
        JniUtils.setNumThreads(1);
    }

    int lanes() {
        return partners.length + 1;
    }

    /**
     * Switches the calling thread between lanes (thin products: decoding) and PyTorch's own
     * threads (thick products: a prompt's prefill, where its blocked GEMM does better).
     */
    void wide(boolean on) {
        if (wide != on) {
            JniUtils.setNumThreads(on ? lanes() : 1);
            wide = on;
        }
    }

    /** {@code x} times the column blocks {@code parts}, joined along the last axis. */
    NDArray matMul(NDArray x, NDArray[] parts) {
        if (parts.length == 1) {
            return x.matMul(parts[0]);
        }
        if (wide) {
            NDList out = new NDList(parts.length);
            for (NDArray p : parts) {
                out.add(x.matMul(p));
            }
            return NDArrays.concat(out, -1);
        }
        prepareShared(x);
        @SuppressWarnings("unchecked")
        Supplier<NDArray>[] tasks = new Supplier[parts.length];
        for (int i = 0; i < parts.length; i++) {
            NDArray w = parts[i];
            tasks[i] = () -> x.matMul(w);
        }
        return NDArrays.concat(new NDList(runAll(tasks)), -1);
    }

    /**
     * Readies arrays that several lanes will read. DJL computes an array's shape lazily and
     * publishes it without synchronisation, so two lanes asking at once can see a half-built shape
     * (seen as a NullPointerException in Shape); asking once here, before the hand-off, makes every
     * lane read the finished one.
     */
    static void prepareShared(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                a.getShape();
            }
        }
    }

    /**
     * Runs {@code tasks[0]} on the calling thread and the others on the partners, one each, and
     * returns their results in order, owned by the caller's scope.
     */
    NDArray[] runAll(Supplier<NDArray>[] tasks) {
        if (tasks.length > lanes()) {
            throw new IllegalArgumentException(tasks.length + " tasks for " + lanes() + " lanes");
        }
        for (int i = 1; i < tasks.length; i++) {
            partners[i - 1].start(tasks[i]);
        }
        NDArray[] out = new NDArray[tasks.length];
        RuntimeException failure = null;
        try {
            out[0] = tasks[0].get();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int i = 1; i < tasks.length; i++) {
            try {
                out[i] = partners[i - 1].join();
                // Made on another thread: this thread's scope must own it to free it.
                NDScope.register(out[i]);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    @Override
    public void close() {
        for (Partner p : partners) {
            p.stop = true;
            LockSupport.unpark(p.thread);
        }
    }

    private static final class Partner implements Runnable {
        private static final int IDLE = 0;
        private static final int WORK = 1;
        private static final int DONE = 2;

        private volatile int state = IDLE;
        private volatile boolean stop;
        private Thread thread;
        private Supplier<NDArray> task;
        private NDArray result;
        private RuntimeException error;

        void start(Supplier<NDArray> task) {
            this.task = task;
            state = WORK;
            LockSupport.unpark(thread);
        }

        NDArray join() {
            while (state != DONE) {
                Thread.onSpinWait();
            }
            NDArray r = result;
            RuntimeException e = error;
            result = null;
            error = null;
            task = null;
            state = IDLE;
            if (e != null) {
                throw e;
            }
            return r;
        }

        @Override
        public void run() {
            singleThreadedTorch();
            while (!stop) {
                long idleSince = System.nanoTime();
                while (state != WORK && !stop) {
                    if (System.nanoTime() - idleSince < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                if (stop) {
                    return;
                }
                try {
                    // The task's intermediates die here; its result moves to the caller's scope.
                    try (NDScope scope = new NDScope()) {
                        NDArray r = task.get();
                        NDScope.unregister(r);
                        result = r;
                    }
                } catch (RuntimeException e) {
                    error = e;
                }
                state = DONE;
            }
        }
    }
}
