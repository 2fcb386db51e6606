package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
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
 *
 * <p>A decode step runs as a chain ({@link #runChain}): stages of tasks that any lane may run, the
 * small serial ops between products included. Whichever lane finishes a stage's last task builds
 * the next stage, so the step moves on while any one of our lanes holds a core; with a fixed caller
 * running the serial ops, a caller descheduled by a busy neighbour stalled the step however free the
 * partners were. Every task is idempotent (no in-place update of its inputs), so a task whose lane
 * stalls is run again by another lane after a few times its usual length, and the first result is
 * kept.
 */
final class ComputeLanes implements AutoCloseable {
    private static final long SPIN_NANOS = 200_000;
    /** How many block-times the caller waits for a partner's block before computing it itself. */
    private static final long PATIENCE = 2;
    /** The wait when no block of the task set has been timed yet. */
    private static final long DEFAULT_PATIENCE_NANOS = 1_000_000;

    /** Stage kinds a chain may use, for the typical time of each ({@link Stage#kind()}). */
    static final int STAGE_KINDS = 16;
    /** The least patience for a serial task: a stage of small ops runs in tens of microseconds. */
    private static final long MIN_PATIENCE_NANOS = 50_000;

    private final Partner[] partners;
    private volatile TaskSet current;
    private volatile Chain chain;
    /** A slowly rising floor of how long a task of each stage kind takes; racy, only a hint. */
    private final long[] typicalNanos = new long[STAGE_KINDS];
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
        TaskSet set = new TaskSet(-1, tasks);
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
                failure = ((Failure) r).error();
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
     * One stage of a {@link #runChain chain}: tasks any lane may run, each returning an array or an
     * array of arrays. Each task must be idempotent: it may run twice at once (a stalled lane is
     * overtaken) and must not update its inputs in place; the first result is kept.
     *
     * @param kind which kind of stage this is, below {@link #STAGE_KINDS}, for its typical time
     * @param tasks the stage's tasks; a serial stage has one
     */
    record Stage(int kind, Supplier<?>[] tasks) {}

    /**
     * Runs a step as a chain of stages on the calling thread and every free partner. {@code
     * program} is called with {@code null} for the first stage and then with each finished stage's
     * results (in task order), by whichever lane finished it, one call at a time; it returns
     * {@code null} when the step is done. Arrays the tasks make are owned by the manager of their
     * first operand, never by a thread's scope: the caller frees them after {@link #quiesce()}.
     *
     * @return the last stage's results
     */
    Object[] runChain(Function<Object[], Stage> program) {
        Chain c = new Chain(program);
        Stage first = program.apply(null);
        if (first == null) {
            return new Object[0];
        }
        c.current = new TaskSet(first.kind(), first.tasks());
        if (partners.length > 0) {
            chain = c;
            for (Partner p : partners) {
                if (p.parked) {
                    LockSupport.unpark(p.thread);
                }
            }
        }
        try {
            while (c.current != null) {
                if (!work(c)) {
                    Thread.yield();
                }
            }
        } finally {
            chain = null;
        }
        if (c.failure != null) {
            throw c.failure;
        }
        return c.results;
    }

    /**
     * Does one piece of the chain's work: claims and runs a task, or builds the next stage when the
     * current one is finished, or runs again a task whose lane has stalled past its patience.
     *
     * @return whether there was anything to do
     */
    private boolean work(Chain c) {
        TaskSet set = c.current;
        if (set == null) {
            return false;
        }
        int i = set.claim();
        if (i >= 0) {
            runTask(set, i);
            advance(c, set);
            return true;
        }
        if (set.finished()) {
            advance(c, set);
            return true;
        }
        long now = System.nanoTime();
        long patience = patience(set);
        for (int k = 0; k < set.tasks.length; k++) {
            long claimed = set.claimedAt.get(k);
            if (set.results.get(k) == null && claimed != 0 && now - claimed > patience
                    && set.claimedAt.compareAndSet(k, claimed, now)) {
                runTask(set, k);
                advance(c, set);
                return true;
            }
        }
        return false;
    }

    /** The wait before running again a task another lane holds: a few times its kind's usual length. */
    private long patience(TaskSet set) {
        long typical = set.kind >= 0 ? typicalNanos[set.kind] : set.blockNanos;
        return typical > 0 ? Math.max(MIN_PATIENCE_NANOS, PATIENCE * typical) : DEFAULT_PATIENCE_NANOS;
    }

    private void runTask(TaskSet set, int i) {
        long start = System.nanoTime();
        Object r;
        try {
            r = set.tasks[i].get();
            // Computed here, before the result is published: DJL fills shapes in lazily and unsafely.
            if (r instanceof NDArray a) {
                a.getShape();
            } else if (r instanceof NDArray[] arrays) {
                prepareShared(arrays);
            }
        } catch (RuntimeException e) {
            r = new Failure(e);
        }
        long took = System.nanoTime() - start;
        int kind = set.kind;
        if (kind >= 0) {
            long typical = typicalNanos[kind];
            // Falls at once, rises slowly: a run stretched by a descheduling barely moves it.
            typicalNanos[kind] = typical == 0 || took < typical ? took : typical + (took - typical) / 16;
        }
        // A late copy's arrays stay with their manager until the step is freed.
        set.results.compareAndSet(i, null, r);
    }

    /** When {@code set} is finished, lets exactly one lane build and post the next stage. */
    private static void advance(Chain c, TaskSet set) {
        if (!set.finished() || !set.advanced.compareAndSet(false, true)) {
            return;
        }
        Object[] results = new Object[set.tasks.length];
        for (int i = 0; i < results.length; i++) {
            Object r = set.results.get(i);
            if (r instanceof Failure f) {
                c.failure = f.error();
                c.current = null;
                return;
            }
            results[i] = r;
        }
        Stage next;
        try {
            next = c.program.apply(results);
        } catch (RuntimeException e) {
            c.failure = e;
            c.current = null;
            return;
        }
        if (next == null) {
            c.results = results;
            c.current = null;
        } else {
            c.current = new TaskSet(next.kind(), next.tasks());
        }
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

    /** A task's failure, kept as its result. */
    private record Failure(RuntimeException error) {}

    /** A chain in progress: the stage lanes work on, and how it ended. */
    private static final class Chain {
        final Function<Object[], Stage> program;
        /** The stage to work on; null once the chain has ended. */
        volatile TaskSet current;
        volatile Object[] results;
        volatile RuntimeException failure;

        Chain(Function<Object[], Stage> program) {
            this.program = program;
        }
    }

    /** One call's blocks: a claim counter, and a result (array or failure) per block, first one wins. */
    private static final class TaskSet {
        final int kind;
        final Supplier<?>[] tasks;
        final AtomicInteger next = new AtomicInteger();
        final AtomicReferenceArray<Object> results;
        final AtomicLongArray claimedAt;
        final AtomicBoolean advanced = new AtomicBoolean();
        /** How long one block took, whoever ran it; the caller's measure of patience. */
        volatile long blockNanos;

        TaskSet(int kind, Supplier<?>[] tasks) {
            this.kind = kind;
            this.tasks = tasks;
            this.results = new AtomicReferenceArray<>(tasks.length);
            this.claimedAt = new AtomicLongArray(tasks.length);
        }

        /** @return whether every task has a result */
        boolean finished() {
            for (int i = tasks.length - 1; i >= 0; i--) {
                if (results.get(i) == null) {
                    return false;
                }
            }
            return true;
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
                r = new Failure(e);
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
                NDArray a = (NDArray) tasks[i].get();
                NDScope.unregister(a);
                r = a;
            } catch (RuntimeException e) {
                r = new Failure(e);
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
                Chain c = lanes.chain;
                if (c != null && c.current != null) {
                    busy = true;
                    while (c.current != null && !stop) {
                        if (!lanes.work(c)) {
                            Thread.yield();
                        }
                    }
                    busy = false;
                    idleSince = System.nanoTime();
                    continue;
                }
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
                    if (lanes.current == done && lanes.chain == null && !stop) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
