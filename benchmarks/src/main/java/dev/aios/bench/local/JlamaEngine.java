package dev.aios.bench.local;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import com.github.tjake.jlama.tensor.KvBufferCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Jlama 0.8.4 driven with token ids, the way its own {@code AbstractModel.generate} drives itself
 * but without its tokenizer, prompt template and per-token detokenizing: one {@code batchForward}
 * over the prompt, then {@code forward} and {@code sample} (temperature 0, argmax) per token.
 *
 * <p>Weights and working memory are F32, so Jlama computes in the checkpoint's dtype. Its
 * thread count is fixed once per JVM ({@code PhysicalCoreExecutor.overrideThreadCount}, reached
 * through {@code loadModel}'s thread-count argument); matrix work runs on that ForkJoin pool.
 * The KV cache is an ephemeral in-memory one: the per-session cache that {@code generate} uses
 * lives in memory-mapped files under a temporary working directory.
 */
final class JlamaEngine implements GenerationEngine {
    private final AbstractModel model;
    private final KvBufferCache kvCaches;

    JlamaEngine(Path folder, int threads) {
        this.model = ModelSupport.loadModel(AbstractModel.InferenceType.FULL_GENERATION, folder.toFile(), null,
                DType.F32, DType.F32, Optional.empty(), Optional.of(threads), Optional.empty(),
                SafeTensorSupport::loadWeights);
        this.kvCaches = new KvBufferCache(model);
    }

    @Override
    public String name() {
        return "Jlama 0.8.4";
    }

    @Override
    public boolean batches() {
        // batchForward batches one sequence's prompt positions; there is no multi-sequence decode.
        return false;
    }

    @Override
    public Run generate(List<int[]> prompts, int tokens) {
        if (prompts.size() != 1) {
            throw new IllegalArgumentException("Jlama decodes one sequence at a time, asked for " + prompts.size());
        }
        int[] prompt = prompts.get(0);
        int[] out = new int[tokens];
        try (KvBufferCache.KvBuffer kv = kvCaches.getEphemeralKvBuffer();
                var logits = model.makeDenseTensor(model.getConfig().vocabularySize)) {
            long start = System.nanoTime();
            var last = model.batchForward(prompt, 0, kv);
            long prefilled = System.nanoTime();
            out[0] = model.sample(last.slice(last.shape().first() - 1), 0f, 0f, logits);
            last.close();
            long first = System.nanoTime();
            for (int i = 1; i < tokens; i++) {
                try (var hidden = model.forward(out[i - 1], prompt.length + i - 1, kv, Optional.empty())) {
                    out[i] = model.sample(hidden, 0f, 0f, logits);
                }
            }
            long end = System.nanoTime();
            return new Run(Duration.ofNanos(first - start), Duration.ofNanos(prefilled - start), prompt.length,
                    Duration.ofNanos(end - first), tokens - 1, out);
        }
    }

    @Override
    public void close() {
        kvCaches.close();
        model.close();
    }
}
