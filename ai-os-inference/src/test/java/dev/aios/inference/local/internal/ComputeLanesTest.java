package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Blocks claimed from a shared counter: results in order, a stalled lane overtaken, failures passed on;
 * chains of stages that go on while the caller is stalled.
 */
class ComputeLanesTest {

    @Test
    void aProductSplitIntoMoreBlocksThanLanesEqualsTheWholeProduct() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(2, "test")) {
            ComputeLanes.singleThreadedTorch();
            NDArray x = manager.randomNormal(new Shape(3, 64));
            NDArray w = manager.randomNormal(new Shape(64, 200));
            NDArray[] blocks = new NDArray[7];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = w.get(new NDIndex().addAllDim().addSliceDim(200L * i / 7, 200L * (i + 1) / 7)).duplicate();
            }
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (int round = 0; round < 50; round++) {
                    NDArray joined = lanes.matMul(x, blocks);
                    assertThat(joined.getShape()).isEqualTo(new Shape(3, 200));
                    assertThat(joined.allClose(x.matMul(w), 1e-5, 1e-5, false)).isTrue();
                }
                lanes.quiesce();
            }
        }
    }

    @Test
    void theCallerOvertakesABlockAStalledPartnerHoldsAndTheResultIsKeptOnce() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(2, "test")) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch partnerStarted = new CountDownLatch(1);
            Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
            @SuppressWarnings("unchecked")
            Supplier<NDArray>[] tasks = new Supplier[6];
            for (int i = 0; i < tasks.length; i++) {
                int index = i;
                tasks[i] = () -> {
                    runs.computeIfAbsent(index, k -> new AtomicInteger()).incrementAndGet();
                    // A partner that takes a block stalls, as if descheduled, until released; the
                    // caller first waits until the partner holds one.
                    if (Thread.currentThread().getName().startsWith("test-lane")) {
                        partnerStarted.countDown();
                        awaitQuietly(release);
                    } else {
                        awaitQuietly(partnerStarted);
                    }
                    return manager.full(new Shape(1), (float) index);
                };
            }
            int before = manager.getManagedArrays().size();
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] out = lanes.runAll(tasks);
                for (int i = 0; i < out.length; i++) {
                    assertThat(out[i].getFloat()).isEqualTo(i);
                }
                // Every block was computed; the one the stalled partner holds twice, once by the
                // caller that did not wait for it.
                assertThat(runs.keySet()).hasSize(tasks.length);
                assertThat(runs.values().stream().filter(c -> c.get() == 2).count()).isEqualTo(1);
                assertThat(runs.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(tasks.length + 1);
                release.countDown();
                lanes.quiesce();
            }
            // The partner's late copy was closed, not leaked; the caller's results closed with the scope.
            assertThat(manager.getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    void aFailingBlockFailsTheCallAndLeaksNothing() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(3, "test")) {
            @SuppressWarnings("unchecked")
            Supplier<NDArray>[] tasks = new Supplier[8];
            for (int i = 0; i < tasks.length; i++) {
                int index = i;
                tasks[i] = () -> {
                    if (index == 5) {
                        throw new IllegalStateException("block 5 failed");
                    }
                    return manager.full(new Shape(1), (float) index);
                };
            }
            int before = manager.getManagedArrays().size();
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                assertThatThrownBy(() -> lanes.runAll(tasks)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("block 5 failed");
                lanes.quiesce();
            }
            assertThat(manager.getManagedArrays().size()).isEqualTo(before);
        }
    }

    @Test
    void aChainOfProductsAndSerialStagesComputesWhatTheSameOpsDoInOrder() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(3, "test")) {
            ComputeLanes.singleThreadedTorch();
            NDArray x = manager.randomNormal(new Shape(2, 48));
            NDArray w = manager.randomNormal(new Shape(48, 48)).mul(0.1);
            NDArray[] blocks = new NDArray[5];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = w.get(new NDIndex().addAllDim().addSliceDim(48L * i / 5, 48L * (i + 1) / 5)).duplicate();
            }
            NDArray expected = x;
            for (int round = 0; round < 20; round++) {
                expected = expected.add(expected.matMul(w).tanh());
            }
            NDManager step = manager.newSubManager();
            Object[] out = lanes.runChain(new Function<>() {
                int round;
                boolean product = true;
                NDArray current = x;

                @Override
                public ComputeLanes.Stage apply(Object[] r) {
                    if (r != null && !product) {
                        current = (NDArray) r[0];
                        round++;
                        product = true;
                    } else if (r != null) {
                        NDArray in = current;
                        product = false;
                        return new ComputeLanes.Stage(1, new Supplier<?>[] {() -> {
                            NDList parts = new NDList();
                            for (Object p : r) {
                                parts.add((NDArray) p);
                            }
                            return in.add(NDArrays.concat(parts, -1).tanh());
                        }});
                    }
                    if (round == 20) {
                        return null;
                    }
                    NDArray in = current;
                    Supplier<?>[] tasks = new Supplier<?>[blocks.length];
                    for (int i = 0; i < blocks.length; i++) {
                        NDArray b = blocks[i];
                        tasks[i] = () -> {
                            NDArray y = in.matMul(b);
                            y.attach(step);
                            return y;
                        };
                    }
                    return new ComputeLanes.Stage(0, tasks);
                }
            });
            lanes.quiesce();
            // The chain ends after the last serial stage: its result is the only one.
            assertThat(out).hasSize(1);
            assertThat(((NDArray) out[0]).allClose(expected, 1e-4, 1e-4, false)).isTrue();
            step.close();
        }
    }

    @Test
    void anotherLaneRunsAgainTheStageALaneStallsInAndCarriesTheChainOnWithoutIt() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(2, "test")) {
            AtomicReference<String> stalled = new AtomicReference<>();
            CountDownLatch laterStagesDone = new CountDownLatch(1);
            AtomicBoolean releasedByTheOther = new AtomicBoolean();
            List<String> laterStageThreads = Collections.synchronizedList(new ArrayList<>());
            Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
            Object[] out = lanes.runChain(new Function<>() {
                int stage;

                @Override
                public ComputeLanes.Stage apply(Object[] r) {
                    int index = stage++;
                    if (index == 5) {
                        return null;
                    }
                    NDArray previous = r == null ? null : (NDArray) r[0];
                    return new ComputeLanes.Stage(index, new Supplier<?>[] {() -> {
                        runs.computeIfAbsent(index, k -> new AtomicInteger()).incrementAndGet();
                        if (index == 0) {
                            // Whichever lane (caller or partner) takes the first stage first stalls in
                            // it, as if descheduled.
                            if (stalled.compareAndSet(null, Thread.currentThread().getName())) {
                                try {
                                    releasedByTheOther.set(laterStagesDone.await(10, TimeUnit.SECONDS));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            return manager.full(new Shape(1), 1f);
                        }
                        laterStageThreads.add(Thread.currentThread().getName());
                        NDArray next = previous.add(1f);
                        if (index == 4) {
                            laterStagesDone.countDown();
                        }
                        return next;
                    }});
                }
            });
            lanes.quiesce();
            assertThat(((NDArray) out[0]).getFloat()).isEqualTo(5f);
            // The other lane ran the stalled stage again and every later one while the first was held.
            assertThat(releasedByTheOther).isTrue();
            assertThat(laterStageThreads).hasSize(4).noneMatch(name -> name.equals(stalled.get()));
            assertThat(runs.get(0)).hasValue(2);
            assertThat(runs.get(4)).hasValue(1);
        }
    }

    @Test
    void aFailingStageFailsTheChain() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ComputeLanes lanes = new ComputeLanes(2, "test")) {
            assertThatThrownBy(() -> lanes.runChain(new Function<>() {
                int stage;

                @Override
                public ComputeLanes.Stage apply(Object[] r) {
                    int index = stage++;
                    Supplier<?>[] tasks = new Supplier<?>[3];
                    for (int i = 0; i < tasks.length; i++) {
                        int block = i;
                        tasks[i] = () -> {
                            if (index == 2 && block == 1) {
                                throw new IllegalStateException("stage 2 block 1 failed");
                            }
                            return manager.full(new Shape(1), block);
                        };
                    }
                    return new ComputeLanes.Stage(0, tasks);
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("stage 2 block 1 failed");
            lanes.quiesce();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
