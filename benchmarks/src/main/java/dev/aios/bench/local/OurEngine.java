package dev.aios.bench.local;

import dev.aios.inference.local.GenerationOptions;
import dev.aios.inference.local.GenerationResult;
import dev.aios.inference.local.LocalModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Our engine, {@link LocalModel}, through its public API: token ids in, timings out. */
final class OurEngine implements GenerationEngine {
    private final LocalModel model;

    OurEngine(Path folder, int threads, int maxBatch, int maxSequenceLength) {
        this.model = LocalModel.builder(folder)
                .threads(threads)
                .maxBatch(maxBatch)
                .maxSequenceLength(maxSequenceLength)
                // The table repeats its prompts: cached prefixes would make prefill look free.
                .prefixCacheBytes(0)
                .build();
    }

    @Override
    public String name() {
        return "ours";
    }

    @Override
    public boolean batches() {
        return true;
    }

    /** Bytes of weights one decode step reads, as the engine counts them. */
    long weightBytesPerToken() {
        return model.weightBytesPerToken();
    }

    @Override
    public Run generate(List<int[]> prompts, int tokens) {
        GenerationOptions options = GenerationOptions.builder().maxTokens(tokens).greedy().ignoreEos(true).build();
        List<GenerationResult> results = prompts.size() == 1
                ? List.of(model.generate(prompts.get(0), options))
                : model.generateBatch(prompts, options);
        GenerationResult first = results.get(0);
        Duration decode = Duration.ZERO;
        int decoded = 0;
        for (GenerationResult r : results) {
            if (r.outputTokens() != tokens) {
                throw new IllegalStateException("asked for " + tokens + " tokens with EOS ignored, got "
                        + r.outputTokens());
            }
            // The sequences decode together: the batch's decode time is the longest of them.
            decode = r.decodeTime().compareTo(decode) > 0 ? r.decodeTime() : decode;
            decoded += r.outputTokens() - 1;
        }
        return new Run(first.timeToFirstToken(), first.prefillTime(), first.promptTokens(), decode, decoded,
                first.tokens());
    }

    @Override
    public void close() {
        model.close();
    }
}
