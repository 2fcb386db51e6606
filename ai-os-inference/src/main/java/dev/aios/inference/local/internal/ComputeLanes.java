package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Splits matrix products by output columns across threads. PyTorch's own intra-op threads do not
 * speed up the thin products of decoding (measured: a [1, 576] x [576, 3072] product takes the
 * same time on one and on two threads), yet memory bandwidth nearly doubles with a second reader,
 * so each lane computes column blocks with PyTorch single-threaded and the caller joins them.
 *
 * <p>A product comes in more blocks than there are lanes, and the caller and the partners claim
 * blocks from a shared counter, so on a busy machine a descheduled partner simply claims less and
 * the caller does the rest (fixed halves joined by a barrier stalled every product on the slowest
 * lane). When the caller runs out of blocks to claim it waits for the partners' blocks in progress
 * only about twice as long as a block takes; past that it computes the block itself and whichever
 * copy finishes first is used. Partners spin briefly between tasks, because a decode step hands
 * them hundreds of blocks and waking a parked thread costs more than a block; idle partners park.
 * Spinning yields the core each round: on a quiet machine the yield returns at once, on a busy one
 * it hands the core to the caller or to whoever else is runnable instead of burning our share.
 */
final class ComputeLanes implements AutoCloseable {
    private static final long SPIN_NANOS = 200_000;
    /** How many block-times the caller waits for a partner's block before computing it itself. */
    private static final long PATIENCE = 2;
    /** The wait when no block of the task set has been timed yet. */
    private static final long DEFAULT_PATIENCE_NANOS = 1_000_000;

    private final Partner[] partners;
    private volatile TaskSet current;
    private boolean wide;

    ComputeLanes(int lanes, String name) {
        partners = new Partner[lanes - 1];
        for (int i = 0; i < partners.length; i++) {
            partners[i] = new Partner(this);
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
        if (wide || partners.length == 0) {
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
     * Runs {@code tasks} on the calling thread and whichever partners are free, and returns their
     * results in order, owned by the caller's scope. The tasks' inputs must stay unchanged and
     * open until {@link #quiesce()}: a partner overtaken by the caller may still be reading them.
     */
    NDArray[] runAll(Supplier<NDArray>[] tasks) {
        int n = tasks.length;
        NDArray[] out = new NDArray[n];
        if (partners.length == 0 || n == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = tasks[i].get();
            }
            return out;
        }
        TaskSet set = new TaskSet(tasks);
        current = set;
        for (Partner p : partners) {
            if (p.parked) {
                LockSupport.unpark(p.thread);
            }
        }
        boolean[] mine = new boolean[n];
        for (int i; (i = set.claim()) >= 0; ) {
            mine[i] = set.runOnCaller(i);
        }
        for (int i = 0; i < n; i++) {
            if (set.results.get(i) == null) {
                mine[i] = awaitOrRun(set, i);
            }
        }
        RuntimeException failure = null;
        for (int i = 0; i < n; i++) {
            Object r = set.results.get(i);
            if (r instanceof NDArray a) {
                if (!mine[i]) {
                    // Made on another thread: this thread's scope must own it to free it.
                    NDScope.register(a);
                }
                out[i] = a;
            } else if (failure == null) {
                failure = (RuntimeException) r;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return out;
    }

    /**
     * Waits for a partner's block {@code i}; when it takes more than {@link #PATIENCE} block-times
     * (the partner is likely descheduled), computes it here. @return whether the caller's copy won
     */
    private static boolean awaitOrRun(TaskSet set, int i) {
        long waitStart = System.nanoTime();
        long block = set.blockNanos;
        long patience = block > 0 ? PATIENCE * block : DEFAULT_PATIENCE_NANOS;
        while (set.results.get(i) == null) {
            long claimed = set.claimedAt.get(i);
            // 0: claimed, but the partner has not even stamped the time yet.
            long since = claimed == 0 ? waitStart : claimed;
            if (System.nanoTime() - since > patience) {
                return set.runOnCaller(i);
            }
            Thread.yield();
        }
        return false;
    }

    /**
     * Waits until no partner is still computing a block the caller overtook, so the inputs of past
     * tasks may be closed or overwritten. Call before the scope that owns those inputs closes.
     */
    void quiesce() {
        for (Partner p : partners) {
            while (p.busy) {
                Thread.yield();
            }
        }
    }

    /** {@link #quiesce()} as a resource, to close after a step and before the step's scope. */
    Settled settledOnClose() {
        return this::quiesce;
    }

    /** Closing it waits for the lanes, see {@link #settledOnClose()}. */
    interface Settled extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void close() {
        for (Partner p : partners) {
            p.stop = true;
            LockSupport.unpark(p.thread);
        }
    }

    /** One call's blocks: a claim counter, and a result (array or failure) per block, first one wins. */
    private static final class TaskSet {
        final Supplier<NDArray>[] tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReferenceArray<Object> results;
        final AtomicLongArray claimedAt;
        /** How long one block took, whoever ran it; the caller's measure of patience. */
        volatile long blockNanos;

        TaskSet(Supplier<NDArray>[] tasks) {
            this.tasks = tasks;
            this.results = new AtomicReferenceArray<>(tasks.length);
            this.claimedAt = new AtomicLongArray(tasks.length);
        }

        /** @return the next unclaimed block, or -1 when all are claimed */
        int claim() {
            int i = next.getAndIncrement();
            if (i >= tasks.length) {
                return -1;
            }
            claimedAt.set(i, System.nanoTime());
            return i;
        }

        /** Runs block {@code i} in the caller's scope. @return whether its result is the one kept */
        boolean runOnCaller(int i) {
            long start = System.nanoTime();
            Object r;
            try {
                r = tasks[i].get();
            } catch (RuntimeException e) {
                r = e;
            }
            blockNanos = System.nanoTime() - start;
            if (results.compareAndSet(i, null, r)) {
                return true;
            }
            if (r instanceof NDArray a) {
                NDScope.unregister(a);
                a.close();
            }
            return false;
        }

        /** Runs block {@code i} on a partner; its intermediates die here, its result moves to the caller. */
        void runOnPartner(int i) {
            long start = System.nanoTime();
            Object r;
            try (NDScope scope = new NDScope()) {
                NDArray a = tasks[i].get();
                NDScope.unregister(a);
                r = a;
            } catch (RuntimeException e) {
                r = e;
            }
            blockNanos = System.nanoTime() - start;
            if (!results.compareAndSet(i, null, r) && r instanceof NDArray a) {
                // The caller computed this block itself meanwhile.
                a.close();
            }
        }
    }

    private static final class Partner implements Runnable {
        private final ComputeLanes lanes;
        private Thread thread;
        private volatile boolean stop;
        private volatile boolean parked;
        /** Set before claiming and cleared after the last claimed block, for {@link #quiesce()}. */
        private volatile boolean busy;

        Partner(ComputeLanes lanes) {
            this.lanes = lanes;
        }

        @Override
        public void run() {
            singleThreadedTorch();
            TaskSet done = null;
            long idleSince = System.nanoTime();
            while (!stop) {
                TaskSet set = lanes.current;
                if (set != null && set != done) {
                    busy = true;
                    for (int i; (i = set.claim()) >= 0; ) {
                        set.runOnPartner(i);
                    }
                    busy = false;
                    done = set;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.yield();
                } else {
                    parked = true;
                    // Checked again after announcing the park: a task set posted in between unparks us.
                    if (lanes.current == done && !stop) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
