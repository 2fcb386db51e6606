package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs only where DJL finds a CUDA GPU (never on CI): the GPU path gives the CPU's tokens. */
class LocalModelGpuTest {
    @TempDir
    Path dir;

    @Test
    void gpuGenerationGivesTheCpuTokens() {
        System.setProperty("ai.djl.offline", "true");
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() > 0, "no CUDA GPU: skipped");
        Path folder = RandomCheckpoint.builder().seed(31).writeTo(dir.resolve("gpu"));
        GenerationOptions options = GenerationOptions.builder().maxTokens(16).ignoreEos(true).build();
        int[] cpu;
        try (LocalModel model = LocalModel.builder(folder).device(LocalModel.ComputeDevice.CPU).build()) {
            cpu = model.generate("same on both", options).tokens();
        }
        try (LocalModel model = LocalModel.builder(folder).device(LocalModel.ComputeDevice.GPU).build()) {
            assertThat(model.generate("same on both", options).tokens()).isEqualTo(cpu);
        }
    }
}
