package dev.aios.inference.local;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aios.api.AiOsException;
import dev.aios.inference.local.internal.GenerationScheduler;
import dev.aios.inference.local.internal.LlamaEngine;
import dev.aios.inference.local.internal.LlamaWeights;
import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.ModelTokenizer;
import dev.aios.inference.local.internal.PrefixCache;
import dev.aios.inference.local.internal.PromptFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Llama-family model (Llama 1-3.x, Mistral, Qwen2/2.5, SmolLM) loaded from a Hugging Face
 * model folder and run in process on DJL's PyTorch engine: CPU by default, CUDA when asked for and
 * present. Nothing is downloaded; the PyTorch natives come from the classpath.
 *
 * <p>The model may also be one GGUF file, as llama.cpp and Ollama keep them ({@code llama} and
 * {@code qwen2} architectures): pass the {@code .gguf} file, or a folder that holds one and no
 * {@code config.json}. Its F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K tensors are dequantized at
 * load into the chosen {@link Precision}; the tokenizer and chat template come from its metadata.
 *
 * <p>Thread-safe: every generation goes through one scheduler that batches concurrent requests
 * (continuous batching), so several agents can share one loaded model. Close it to free the
 * weights and the KV cache.
 *
 * <pre>{@code
 * try (LocalModel model = LocalModel.load(Path.of("/models/SmolLM2-360M-Instruct"))) {
 *     GenerationResult r = model.generate("The capital of France is", GenerationOptions.DEFAULTS);
 *     System.out.println(r.text());
 * }
 * }</pre>
 *
 * @see LocalChatModel
 */
public final class LocalModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalModel.class);

    private final String name;
    private final NDManager manager;
    private final LlamaWeights weights;
    private final LlamaEngine engine;
    private final ModelTokenizer tokenizer;
    private final PromptFormat format;
    private final GenerationScheduler scheduler;
    private final PrefixCache prefixCache;
    private final int contextLength;
    private volatile boolean closed;

    private LocalModel(Builder b) {
        Engine pytorch = startEngine();
        Device device = chooseDevice(pytorch, b.device);
        // On CPU our lanes share each product and PyTorch runs single-threaded inside each; a GPU
        // parallelises on its own.
        int lanes = device.isGpu() ? 1 : b.threads > 0 ? b.threads : Runtime.getRuntime().availableProcessors();
        try (ModelFolder folder = ModelFolder.open(b.folder)) {
            this.name = b.folder.getFileName() == null ? b.folder.toString() : b.folder.getFileName().toString();
            int layers = folder.config().layers();
            LOG.info("Loading {} ({} layers, {}) on {}", b.folder, layers, b.precision, device);
            long start = System.nanoTime();
            this.manager = NDManager.newBaseManager(device, "PyTorch");
            try {
                this.weights = LlamaWeights.load(folder, manager, b.precision.dataType, lanes, done -> {
                    if (done == layers || done % Math.max(1, layers / 5) == 0) {
                        LOG.info("Loading {}: {}/{} layers", name, done, layers);
                    }
                });
                this.contextLength = b.maxSequenceLength > 0
                        ? b.maxSequenceLength
                        : Math.min(folder.config().maxPositions(), 4096);
                this.engine = LlamaEngine.create(weights, b.maxBatch, contextLength);
                this.tokenizer = ModelTokenizer.load(folder);
                this.format = PromptFormat.read(folder, tokenizer);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
            LOG.info("Loaded {} in {} ms: {} MB of weights read per token, cache of {} x {} tokens", name,
                    (System.nanoTime() - start) / 1_000_000, weights.bytesPerToken() / 1_000_000, b.maxBatch,
                    contextLength);
        }
        // Default: one sequence's worth of keys and values at the full context length.
        long cacheBytes = b.prefixCacheBytes >= 0 ? b.prefixCacheBytes : engine.kvBytesPerToken() * contextLength;
        this.prefixCache = new PrefixCache(engine, cacheBytes);
        LOG.info("Prefix cache for {}: {}", name, cacheBytes == 0 ? "off" : cacheBytes / 1_000_000 + " MB in blocks of "
                + PrefixCache.BLOCK_TOKENS + " tokens");
        this.scheduler = new GenerationScheduler(engine, tokenizer, format.endTokens(), name, b.prefillChunk,
                prefixCache);
    }

    /**
     * Loads {@code folder} (a Hugging Face model folder or a {@code .gguf} file) with the
     * defaults: F32 on CPU, 4 sequences of up to 4096 tokens.
     */
    public static LocalModel load(Path folder) {
        return builder(folder).build();
    }

    /** @return a builder for loading {@code folder} (a model folder or a {@code .gguf} file) with options */
    public static Builder builder(Path folder) {
        return new Builder(Objects.requireNonNull(folder, "folder"));
    }

    /**
     * Reads what a model folder holds without loading it: its shape and the bytes of its weights.
     *
     * @param folder a Hugging Face model folder or a {@code .gguf} file
     * @return the folder's sizes (for GGUF, weight bytes as stored, quantized)
     * @throws ModelFormatException if the folder is not one {@link #load} would accept
     */
    public static ModelFolderInfo inspect(Path folder) {
        return ModelFolderInfo.read(Objects.requireNonNull(folder, "folder"));
    }

    /** @return the model folder's name */
    public String name() {
        return name;
    }

    /** @return the longest sequence (prompt plus output) one generation may reach */
    public int contextLength() {
        return contextLength;
    }

    /** @return bytes of weights one decode step reads, for bandwidth arithmetic */
    public long weightBytesPerToken() {
        return engine.weightBytesPerToken();
    }

    /** Tensors alive under the weights' manager; for tests that check nothing leaks per token. */
    int liveTensors() {
        return engine.liveTensorCount();
    }

    /** The prefix cache's counters; for tests. */
    PrefixCache.Stats prefixCacheStats() {
        return prefixCache.stats();
    }

    /** @return the token ids of {@code text}, no special tokens added */
    public int[] encode(String text) {
        requireOpen();
        return tokenizer.encode(text);
    }

    /** @return the text of {@code tokens}, special tokens left out */
    public String decode(int[] tokens) {
        requireOpen();
        return tokenizer.decode(tokens, tokens.length);
    }

    /**
     * Writes a conversation with the folder's chat template, ready for {@link #generate(String,
     * GenerationOptions)}.
     *
     * @param messages role ("system", "user" or "assistant") and content, in order
     */
    public String chatPrompt(List<Map.Entry<String, String>> messages) {
        requireOpen();
        return format.render(messages);
    }

    /** Generates a continuation of {@code prompt} (used as is: no chat template) and waits. */
    public GenerationResult generate(String prompt, GenerationOptions options) {
        return join(submit(prompt, options, TokenListener.NONE));
    }

    /** Generates a continuation of {@code promptTokens} and waits. */
    public GenerationResult generate(int[] promptTokens, GenerationOptions options) {
        return join(submit(promptTokens, options, TokenListener.NONE));
    }

    /** Queues a generation; {@code listener} receives its text as it is produced. */
    public CompletableFuture<GenerationResult> submit(String prompt, GenerationOptions options, TokenListener listener) {
        requireOpen();
        return submit(tokenizer.encode(prompt), options, listener);
    }

    /** Queues a generation from token ids; {@code listener} receives its text as it is produced. */
    public CompletableFuture<GenerationResult> submit(int[] promptTokens, GenerationOptions options,
            TokenListener listener) {
        requireOpen();
        return scheduler.submit(promptTokens, Objects.requireNonNull(options, "options"),
                Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Generates from several prompts decoded together in one batch (up to the builder's
     * {@code maxBatch} at a time) and waits for all.
     */
    public List<GenerationResult> generateBatch(List<int[]> prompts, GenerationOptions options) {
        requireOpen();
        List<GenerationResult> out = new ArrayList<>();
        for (CompletableFuture<GenerationResult> f : scheduler.submitAll(prompts, options, TokenListener.NONE)) {
            out.add(join(f));
        }
        return out;
    }

    private static GenerationResult join(CompletableFuture<GenerationResult> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw AiOsException.permanent("the local model " + name + " is closed");
        }
    }

    /** Stops generation (pending ones fail) and frees the weights and cache; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        prefixCache.close();
        tokenizer.close();
        engine.close();
        weights.close();
        manager.close();
    }

    private static Engine startEngine() {
        // Local first: never let DJL fetch natives unless the host asked for it explicitly.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw AiOsException.permanent("DJL's PyTorch engine did not start: put ai.djl.pytorch:pytorch-engine, "
                    + "ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 and ai.djl.pytorch:pytorch-native-cpu:2.7.1 "
                    + "(classifier linux-x86_64, or your platform's) on the classpath (" + e + ")", e);
        }
        return engine;
    }

    private static Device chooseDevice(Engine engine, ComputeDevice wanted) {
        boolean gpu = engine.getGpuCount() > 0;
        return switch (wanted) {
            case CPU -> Device.cpu();
            case AUTO -> gpu ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!gpu) {
                    throw AiOsException.permanent("a GPU was asked for but DJL's PyTorch engine finds none: use "
                            + "ComputeDevice.CPU or AUTO, or put pytorch-native-cu* on the classpath");
                }
                yield Device.gpu();
            }
        };
    }

    /** Where the model computes. */
    public enum ComputeDevice {
        /** The CPU (the default). */
        CPU,
        /** The first CUDA GPU when DJL finds one, else the CPU. */
        AUTO,
        /** The first CUDA GPU; loading fails when there is none. */
        GPU
    }

    /** The number type weights and activations are held in. */
    public enum Precision {
        /** 32-bit floats: exact, twice the memory of the half types (the default). */
        F32(DataType.FLOAT32),
        /** bfloat16: half the memory; fast where the hardware has bf16 units. */
        BF16(DataType.BFLOAT16),
        /** IEEE half floats: half the memory; meant for GPUs. */
        F16(DataType.FLOAT16);

        private final DataType dataType;

        Precision(DataType dataType) {
            this.dataType = dataType;
        }
    }

    /** Options for loading a model folder; {@link #build()} validates and loads. */
    public static final class Builder {
        private final Path folder;
        private Precision precision = Precision.F32;
        private ComputeDevice device = ComputeDevice.CPU;
        private int threads;
        private int maxBatch = 4;
        private int maxSequenceLength;
        private int prefillChunk = 256;
        private long prefixCacheBytes = -1;

        private Builder(Path folder) {
            this.folder = folder;
        }

        /** @param value the number type for weights and activations (default F32) */
        public Builder precision(Precision value) {
            this.precision = Objects.requireNonNull(value, "precision");
            return this;
        }

        /** @param value where to compute (default CPU) */
        public Builder device(ComputeDevice value) {
            this.device = Objects.requireNonNull(value, "device");
            return this;
        }

        /**
         * @param value threads that share each matrix product on CPU (default 0: one per available
         *     processor). PyTorch itself is set to one intra-op thread, process-wide, because its
         *     own threads do not speed up decoding's thin products.
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** @param value how many sequences decode together at most (default 4) */
        public Builder maxBatch(int value) {
            this.maxBatch = value;
            return this;
        }

        /**
         * @param value the longest prompt plus output per sequence; the KV cache is allocated for
         *     it up front (default: the model's maximum, capped at 4096)
         */
        public Builder maxSequenceLength(int value) {
            this.maxSequenceLength = value;
            return this;
        }

        /**
         * @param value prompt tokens prefilled per scheduling step (default 256): smaller keeps
         *     running generations' tokens flowing while a long prompt is read, larger reads prompts
         *     faster
         */
        public Builder prefillChunk(int value) {
            this.prefillChunk = value;
            return this;
        }

        /**
         * @param bytes memory for the keys and values of prompt prefixes kept for reuse, so that
         *     a prompt starting like an earlier one (a system prompt and tool list repeated on every
         *     call) computes only the part after the shared prefix; 0 disables the cache. Default:
         *     the keys and values of one sequence at {@link #maxSequenceLength(int)}, which is
         *     what one more cache slot would take. Held on the compute device, least recently
         *     used prefixes dropped first.
         */
        public Builder prefixCacheBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("prefixCacheBytes must be >= 0 (0 disables the prefix cache), was "
                        + bytes);
            }
            this.prefixCacheBytes = bytes;
            return this;
        }

        /** @return the loaded model */
        public LocalModel build() {
            if (prefillChunk < 1) {
                throw new IllegalArgumentException("prefillChunk must be at least 1, was " + prefillChunk);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0 (0 for one per processor), was " + threads);
            }
            if (maxBatch < 1 || maxBatch > 256) {
                throw new IllegalArgumentException("maxBatch must be in 1..256, was " + maxBatch);
            }
            if (maxSequenceLength < 0) {
                throw new IllegalArgumentException("maxSequenceLength must be >= 1 (0 for the model's own), was "
                        + maxSequenceLength);
            }
            return new LocalModel(this);
        }
    }
}
