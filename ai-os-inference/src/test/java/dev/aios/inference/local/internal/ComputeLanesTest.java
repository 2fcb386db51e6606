package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Blocks claimed from a shared counter: results in order, a stalled lane overtaken, failures passed on. */
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
