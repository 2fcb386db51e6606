package dev.aios.inference.local.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The Llama-family forward pass on DJL's PyTorch engine, with a preallocated KV cache of
 * {@code maxBatch} slots. Not thread-safe: one owner (the scheduler's worker) drives it.
 *
 * <p>Why it looks the way it does: a decode step is bound by reading the weights once, and
 * everything else is per-op overhead, so the weights are laid out at load time for the fewest ops
 * per layer: Q, K and V fused in one [hidden, q+2kv] matrix and gate/up in one [hidden, 2*inter],
 * stored [in, out] (PyTorch's gemv is fastest that way), the RMSNorm weights folded into the
 * matrix that follows each norm, the attention scale folded into Q, and rotate-half as one small
 * matmul. Grouped-query attention reshapes the query heads into groups instead of repeating K/V.
 *
 * <p>A config's sliding window (Mistral-style: key j is visible to query i iff
 * {@code i - window < j <= i}) is applied in prefill and decode by reading only the keys inside
 * some query's window and masking the rest; the cache itself still holds every position.
 */
public final class LlamaEngine implements AutoCloseable {
    /** Prompts at least this long prefill on PyTorch's threads instead of the lanes (measured). */
    private static final int WIDE_PREFILL = 16;
    /**
     * Decode attention over caches of at least this many bytes per layer (keys and values, all
     * sequences) is split across the lanes; below it, a fused product is cheaper than the split's
     * extra ops (an estimate: ~3 us per op against ~23 GB/s for one reader).
     */
    private static final long SPLIT_ATTENTION_BYTES = 2L << 20;
    private final LlamaConfig config;
    private final LlamaWeights weights;
    private final NDManager manager;
    private final int maxBatch;
    private final int maxSeq;
    private final int qDim;
    private final int kvDim;
    private final int groups;
    /** Keys a query sees, counting its own: the sliding window, or every position. */
    private final int window;
    private final NDArray[] keyCache;
    private final NDArray[] valueCache;
    private final NDArray cos;
    private final NDArray sin;
    private final NDArray rotateHalf;
    private final int[] lengths;
    private final ComputeLanes lanes;
    // Index objects built once: parsing index strings on every step would cost more than the ops.
    private final NDIndex qkColumns;
    private final NDIndex vColumns;
    private final NDIndex qHeads;
    private final NDIndex kHeads;
    private final NDIndex gateColumns;
    private final NDIndex upColumns;

    /**
     * Allocates the cache for {@code maxBatch} sequences of up to {@code maxSeq} tokens over
     * {@code weights}.
     */
    public static LlamaEngine create(LlamaWeights weights, int maxBatch, int maxSeq) {
        if (maxSeq > weights.config().maxPositions()) {
            throw new IllegalArgumentException("maxSequenceLength " + maxSeq + " exceeds the model's "
                    + weights.config().maxPositions() + " positions (max_position_embeddings)");
        }
        return new LlamaEngine(weights, maxBatch, maxSeq);
    }

    private LlamaEngine(LlamaWeights weights, int maxBatch, int maxSeq) {
        this.config = weights.config();
        this.weights = weights;
        this.manager = weights.manager().newSubManager();
        this.maxBatch = maxBatch;
        this.maxSeq = maxSeq;
        int d = config.headDim();
        this.qDim = config.heads() * d;
        this.kvDim = config.kvHeads() * d;
        this.groups = config.heads() / config.kvHeads();
        this.window = config.slidingWindow() == null ? Integer.MAX_VALUE : config.slidingWindow();
        DataType type = weights.dataType();
        keyCache = new NDArray[config.layers()];
        valueCache = new NDArray[config.layers()];
        Shape cacheShape = new Shape(maxBatch, config.kvHeads(), maxSeq, d);
        for (int l = 0; l < config.layers(); l++) {
            keyCache[l] = manager.zeros(cacheShape, type);
            valueCache[l] = manager.zeros(cacheShape, type);
        }
        RotaryTables rotary = RotaryTables.build(config, maxSeq, manager, type);
        cos = rotary.cos();
        sin = rotary.sin();
        rotateHalf = rotary.rotateHalf();
        lengths = new int[maxBatch];
        lanes = new ComputeLanes(weights.lanes(), "aios-llama");
        int heads = config.heads();
        int inter = config.intermediateSize();
        qkColumns = new NDIndex().addAllDim().addSliceDim(0, qDim + kvDim);
        vColumns = new NDIndex().addAllDim().addSliceDim(qDim + kvDim, qDim + 2L * kvDim);
        qHeads = new NDIndex().addAllDim().addSliceDim(0, heads);
        kHeads = new NDIndex().addAllDim().addSliceDim(heads, heads + config.kvHeads());
        gateColumns = new NDIndex().addAllDim().addSliceDim(0, inter);
        upColumns = new NDIndex().addAllDim().addSliceDim(inter, 2L * inter);
    }

    /** Prepares the calling thread to drive this engine; call once from each such thread. */
    public void bindThread() {
        if (!manager.getDevice().isGpu()) {
            ComputeLanes.singleThreadedTorch();
        }
    }

    /** @return the model's configuration */
    public LlamaConfig config() {
        return config;
    }

    /** @return how many sequences the cache holds at once */
    public int maxBatch() {
        return maxBatch;
    }

    /** @return the longest sequence (prompt plus output) a slot holds */
    public int maxSequenceLength() {
        return maxSeq;
    }

    /** @return tokens already in the cache of {@code slot} */
    public int length(int slot) {
        return lengths[slot];
    }

    /** Forgets what {@code slot} held; its cache is overwritten by the next prefill. */
    public void release(int slot) {
        lengths[slot] = 0;
    }

    /** @return bytes of weights one decode step reads (every matrix once, plus the head) */
    public long weightBytesPerToken() {
        return weights.bytesPerToken();
    }

    /**
     * Runs {@code tokens} through the model after what {@code slot} already holds and appends them
     * to its cache.
     *
     * @param allPositions whether to return the logits of every new position (tests) or only the
     *     last (generation)
     * @return logits, [tokens.length][vocab] or [1][vocab]
     */
    public float[][] prefill(int slot, int[] tokens, boolean allPositions) {
        int start = lengths[slot];
        int t = tokens.length;
        if (t == 0) {
            throw new IllegalArgumentException("prefill needs at least one token");
        }
        if (start + t > maxSeq) {
            throw new IllegalArgumentException(
                    "sequence of " + (start + t) + " tokens exceeds the cache's " + maxSeq
                            + "; raise maxSequenceLength");
        }
        int d = config.headDim();
        int kvHeads = config.kvHeads();
        int total = start + t;
        boolean cpu = !manager.getDevice().isGpu();
        if (cpu) {
            lanes.wide(t >= WIDE_PREFILL);
        }
        // Keys before the first new position's window are never read.
        int from = Math.max(0, start + 1 - window);
        int span = total - from;
        // Resources close in reverse: the lanes settle before the scope frees this step's arrays.
        try (NDScope scope = new NDScope(); ComputeLanes.Settled settled = lanes.settledOnClose()) {
            scope.suppressNotUsedWarning();
            NDArray x = embed(tokens);
            NDArray c = cos.get(new NDIndex().addSliceDim(start, total)).reshape(t, 1, d);
            NDArray s = sin.get(new NDIndex().addSliceDim(start, total)).reshape(t, 1, d);
            NDArray mask = null;
            if (t > 1) {
                float[] m = new float[t * span];
                for (int i = 0; i < t; i++) {
                    maskOutside(m, i * span, from, start + i, span);
                }
                mask = manager.create(m, new Shape(t, span)).toType(weights.dataType(), false);
            }
            NDIndex write = new NDIndex().addIndices(slot).addAllDim().addSliceDim(start, total);
            NDIndex read = new NDIndex().addIndices(slot).addAllDim().addSliceDim(from, total);
            for (int l = 0; l < config.layers(); l++) {
                LlamaWeights.Layer w = weights.layer(l);
                NDArray[] qkv = queryKeyValue(x, w, t, c, s);
                NDArray q = qkv[0];
                keyCache[l].set(write, qkv[1].transpose(1, 0, 2));
                valueCache[l].set(write, qkv[2].transpose(1, 0, 2));
                NDArray keys = keyCache[l].get(read).expandDims(1); // [kv, 1, span, d]
                NDArray values = valueCache[l].get(read).expandDims(1);
                NDArray qg = q.reshape(t, kvHeads, groups, d).transpose(1, 2, 0, 3); // [kv, g, t, d]
                NDArray scores = qg.matMul(keys.transpose(0, 1, 3, 2)); // [kv, g, t, span]
                if (mask != null) {
                    scores = scores.addi(mask);
                }
                NDArray attn = scores.softmax(-1).matMul(values) // [kv, g, t, d]
                        .transpose(2, 0, 1, 3).reshape(t, qDim);
                x = outputAndMlp(x, attn, w);
            }
            if (!allPositions) {
                x = x.get(new NDIndex().addSliceDim(t - 1, t));
            }
            float[][] out = logits(x);
            lengths[slot] = total;
            return out;
        } finally {
            if (cpu) {
                lanes.wide(false);
            }
        }
    }

    /**
     * One decode step for several sequences together: each {@code slots[i]} gets {@code tokens[i]}
     * appended at its own position.
     *
     * @return logits [slots.length][vocab]
     */
    public float[][] decode(int[] slots, int[] tokens) {
        int b = slots.length;
        int d = config.headDim();
        int kvHeads = config.kvHeads();
        int longest = 0;
        int from = Integer.MAX_VALUE;
        long[] positions = new long[b];
        boolean contiguous = true;
        for (int i = 0; i < b; i++) {
            if (lengths[slots[i]] >= maxSeq) {
                throw new IllegalArgumentException(
                        "slot " + slots[i] + " is full at " + maxSeq + " tokens; raise maxSequenceLength");
            }
            positions[i] = lengths[slots[i]];
            longest = Math.max(longest, lengths[slots[i]] + 1);
            from = Math.min(from, Math.max(0, lengths[slots[i]] + 1 - window));
            contiguous &= slots[i] == i;
        }
        // Resources close in reverse: the lanes settle before the scope frees this step's arrays.
        try (NDScope scope = new NDScope(); ComputeLanes.Settled settled = lanes.settledOnClose()) {
            scope.suppressNotUsedWarning();
            NDArray x = embed(tokens);
            NDArray pos = manager.create(positions);
            NDArray c = cos.get(new NDIndex("{}", pos)).reshape(b, 1, d);
            NDArray s = sin.get(new NDIndex("{}", pos)).reshape(b, 1, d);
            long[] slotIds = new long[b];
            for (int i = 0; i < b; i++) {
                slotIds[i] = slots[i];
            }
            NDArray slotArray = manager.create(slotIds);
            NDIndex write = new NDIndex("{}, :, {}", slotArray, pos);
            NDIndex read = contiguous
                    ? new NDIndex().addSliceDim(0, b).addAllDim().addSliceDim(from, longest)
                    : new NDIndex("{}, :, " + from + ":" + longest, slotArray);
            int span = longest - from;
            NDArray mask = null;
            if (b > 1) {
                float[] m = new float[b * span];
                for (int i = 0; i < b; i++) {
                    maskOutside(m, i * span, from, (int) positions[i], span);
                }
                mask = manager.create(m, new Shape(b, 1, 1, span)).toType(weights.dataType(), false);
            }
            for (int l = 0; l < config.layers(); l++) {
                LlamaWeights.Layer w = weights.layer(l);
                NDArray[] qkv = queryKeyValue(x, w, b, c, s);
                NDArray q = qkv[0];
                keyCache[l].set(write, qkv[1]);
                valueCache[l].set(write, qkv[2]);
                NDArray keys = keyCache[l].get(read); // [b, kv, span, d]
                NDArray values = valueCache[l].get(read);
                NDArray qg = q.reshape(b, kvHeads, groups, d);
                NDArray attn = attendSplit(qg, keys, values, mask, b);
                x = outputAndMlp(x, attn, w);
            }
            float[][] out = logits(x);
            for (int slot : slots) {
                lengths[slot]++;
            }
            return out;
        }
    }

    /**
     * Writes -inf into {@code m[offset, offset + span)} for the keys that the query at
     * {@code position} does not see: later ones, and those outside its sliding window (key
     * {@code j} is visible iff {@code position - window < j <= position}); the row starts at key
     * {@code from}.
     */
    private void maskOutside(float[] m, int offset, int from, int position, int span) {
        int firstVisible = Math.max(from, position + 1 - window);
        Arrays.fill(m, offset, offset + (firstVisible - from), Float.NEGATIVE_INFINITY);
        Arrays.fill(m, offset + Math.min(span, position + 1 - from), offset + span, Float.NEGATIVE_INFINITY);
    }

    /**
     * Decode attention, [b, kv, g, d] queries against each sequence's cached keys and values. Long
     * caches are bandwidth-bound like the weights, so with several lanes and sequences each lane
     * takes a share of the sequences; short ones run fused, one batched product for all sequences,
     * because splitting adds a dozen ops per layer that cost more than a second reader saves.
     */
    private NDArray attendSplit(NDArray q, NDArray keys, NDArray values, NDArray mask, int b) {
        int parts = Math.min(lanes.lanes(), b);
        long cacheBytes = 2 * keys.size() * keys.getDataType().getNumOfBytes();
        if (parts == 1 || cacheBytes < SPLIT_ATTENTION_BYTES) {
            return attend(q, keys, values, mask, b);
        }
        ComputeLanes.prepareShared(q, keys, values, mask);
        @SuppressWarnings("unchecked")
        Supplier<NDArray>[] tasks = new Supplier[parts];
        for (int i = 0; i < parts; i++) {
            long from = (long) b * i / parts;
            long to = (long) b * (i + 1) / parts;
            NDIndex rows = new NDIndex().addSliceDim(from, to);
            tasks[i] = () -> attend(q.get(rows), keys.get(rows), values.get(rows),
                    mask == null ? null : mask.get(rows), (int) (to - from));
        }
        return NDArrays.concat(new NDList(lanes.runAll(tasks)), 0);
    }

    private NDArray attend(NDArray q, NDArray keys, NDArray values, NDArray mask, int b) {
        NDArray scores = q.matMul(keys.transpose(0, 1, 3, 2)); // [b, kv, g, longest]
        if (mask != null) {
            scores = scores.addi(mask);
        }
        return scores.softmax(-1).matMul(values).reshape(b, qDim);
    }

    /**
     * The layer's first half for {@code rows} positions: normed input through the fused QKV
     * matrix, RoPE on queries and keys. @return {q [rows, heads, d], k and v [rows, kvHeads, d]}
     */
    private NDArray[] queryKeyValue(NDArray x, LlamaWeights.Layer w, int rows, NDArray c, NDArray s) {
        int d = config.headDim();
        NDArray qkv = project(rmsNorm(x), w.qkv(), w.qkvBias());
        NDArray qk = rope(qkv.get(qkColumns).reshape(rows, config.heads() + config.kvHeads(), d), c, s);
        return new NDArray[] {qk.get(qHeads), qk.get(kHeads), qkv.get(vColumns).reshape(rows, config.kvHeads(), d)};
    }

    /** The layer's second half: output projection and SwiGLU MLP, each added to the residual. */
    private NDArray outputAndMlp(NDArray x, NDArray attn, LlamaWeights.Layer w) {
        NDArray h = x.addi(lanes.matMul(attn, w.out()));
        NDArray gateUp = lanes.matMul(rmsNorm(h), w.gateUp());
        return h.addi(lanes.matMul(swiglu(gateUp), w.down()));
    }

    private NDArray embed(int[] tokens) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new IllegalArgumentException(
                        "token id " + tokens[i] + " is outside the vocabulary of " + config.vocabSize());
            }
            ids[i] = tokens[i];
        }
        return weights.embedding().get(new NDIndex("{}", manager.create(ids)));
    }

    /** x / sqrt(mean(x^2) + eps); the norm's weight is folded into the next matrix. */
    private NDArray rmsNorm(NDArray x) {
        return x.mul(x.square().mean(new int[] {-1}, true).addi(config.rmsNormEps()).pow(-0.5));
    }

    private NDArray project(NDArray x, NDArray[] w, NDArray bias) {
        NDArray y = lanes.matMul(x, w);
        return bias == null ? y : y.addi(bias);
    }

    private NDArray rope(NDArray x, NDArray c, NDArray s) {
        return x.mul(c).addi(x.matMul(rotateHalf).muli(s));
    }

    private NDArray swiglu(NDArray gateUp) {
        NDArray gate = gateUp.get(gateColumns);
        NDArray up = gateUp.get(upColumns);
        return gate.mul(gate.getNDArrayInternal().sigmoid()).muli(up);
    }

    private float[][] logits(NDArray x) {
        NDArray logits = lanes.matMul(rmsNorm(x), weights.head());
        if (logits.getDataType() != DataType.FLOAT32) {
            logits = logits.toType(DataType.FLOAT32, false);
        }
        int rows = (int) logits.getShape().get(0);
        int vocab = config.vocabSize();
        float[] flat = logits.toFloatArray();
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
        }
        return out;
    }

    /** @return tensors alive under the weights' manager; constant between steps, or memory leaks */
    public int liveTensorCount() {
        return weights.manager().getManagedArrays().size();
    }

    /** @return the device the weights live on */
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        lanes.close();
        manager.close();
    }

    /** @return bytes the keys and values of one position take, all layers together */
    public long kvBytesPerToken() {
        return 2L * config.layers() * kvDim * weights.dataType().getNumOfBytes();
    }

    /**
     * Copies the keys and values of {@code count} blocks of {@code blockTokens} positions each,
     * starting at position {@code from}, out of {@code slot}'s cache, for the prefix cache.
     *
     * @return one new tensor per block, [2 * layers, kvHeads, blockTokens, headDim] (every layer's
     *     keys, then every layer's values), owned by the caller, who closes it
     */
    public NDArray[] copyBlocks(int slot, int from, int blockTokens, int count) {
        int to = from + count * blockTokens;
        if (from < 0 || count < 1 || to > lengths[slot]) {
            throw new IllegalArgumentException("blocks of positions " + from + ".." + to + " are not all in slot "
                    + slot + ", which holds " + lengths[slot]);
        }
        int layers = config.layers();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDIndex range = new NDIndex().addIndices(slot).addAllDim().addSliceDim(from, to);
            NDList parts = new NDList(2 * layers);
            for (int l = 0; l < layers; l++) {
                parts.add(keyCache[l].get(range));
            }
            for (int l = 0; l < layers; l++) {
                parts.add(valueCache[l].get(range));
            }
            NDArray all = NDArrays.stack(parts, 0); // [2 * layers, kv, count * blockTokens, d]
            NDArray[] out = new NDArray[count];
            for (int i = 0; i < count; i++) {
                NDIndex block = new NDIndex().addAllDim().addAllDim()
                        .addSliceDim((long) i * blockTokens, (long) (i + 1) * blockTokens);
                // A copy of its own, so that evicting one block frees its memory.
                out[i] = all.get(block).duplicate();
                NDScope.unregister(out[i]);
            }
            return out;
        }
    }

    /**
     * Writes {@code blocks} (from {@link #copyBlocks}, in order) into the empty {@code slot} from
     * position 0 and sets the slot's length to {@code length}, so prefilling continues after it.
     */
    public void restoreBlocks(int slot, java.util.List<NDArray> blocks, int length) {
        if (lengths[slot] != 0) {
            throw new IllegalStateException("slot " + slot + " already holds " + lengths[slot] + " positions");
        }
        long tokens = 0;
        for (NDArray b : blocks) {
            tokens += b.getShape().get(2);
        }
        if (blocks.isEmpty() || length < 1 || length > tokens || tokens > maxSeq) {
            throw new IllegalArgumentException("cannot restore " + length + " of " + tokens
                    + " cached positions into a cache of " + maxSeq);
        }
        int layers = config.layers();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray all = blocks.size() == 1 ? blocks.get(0) : NDArrays.concat(new NDList(blocks), 2);
            NDIndex write = new NDIndex().addIndices(slot).addAllDim().addSliceDim(0, tokens);
            for (int l = 0; l < layers; l++) {
                keyCache[l].set(write, all.get(l));
                valueCache[l].set(write, all.get(layers + l));
            }
        }
        lengths[slot] = length;
    }
}
