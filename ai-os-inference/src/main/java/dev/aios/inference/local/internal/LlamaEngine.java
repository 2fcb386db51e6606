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
import java.util.function.Function;
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
     * appended at its own position. The step runs as a chain of stages on the lanes (see {@link
     * ComputeLanes#runChain}): any lane runs the next stage, so a lane descheduled by a busy
     * neighbour does not hold the step up.
     *
     * @return logits [slots.length][vocab]
     */
    public float[][] decode(int[] slots, int[] tokens) {
        int b = slots.length;
        int d = config.headDim();
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
        // Every array of the step belongs to this manager, whichever lane made it, and dies with it
        // once the lanes have settled.
        NDManager step = manager.newSubManager();
        try {
            NDArray x = embed(tokens, step);
            NDArray pos = step.create(positions);
            NDArray c = own(cos.get(new NDIndex("{}", pos)), step).reshape(b, 1, d);
            NDArray s = own(sin.get(new NDIndex("{}", pos)), step).reshape(b, 1, d);
            long[] slotIds = new long[b];
            for (int i = 0; i < b; i++) {
                slotIds[i] = slots[i];
            }
            NDArray slotArray = step.create(slotIds);
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
                mask = step.create(m, new Shape(b, 1, 1, span)).toType(weights.dataType(), false);
            }
            DecodeStep program = new DecodeStep(step, b, c, s, write, read, mask, x, span);
            Object[] head = lanes.runChain(program);
            float[][] out = toLogits(join(head, -1));
            for (int slot : slots) {
                lengths[slot]++;
            }
            return out;
        } finally {
            lanes.quiesce();
            step.close();
        }
    }

    /**
     * One decode step as a chain of stages: per layer the QKV product, attention, the output
     * product, the MLP's norm, the gate/up product, SwiGLU, the down product and the residual,
     * then the head. Products are column blocks, the rest one task each; no task updates an array
     * it did not make, so a stalled task can be run again by another lane (see {@link
     * ComputeLanes.Stage}). {@link #apply} is called by one lane at a time (the lane that finished
     * the stage before), so its fields need no locking; the tasks it posts read only what they
     * capture.
     */
    private final class DecodeStep implements Function<Object[], ComputeLanes.Stage> {
        // Stage kinds, and the state "which stage to post next".
        private static final int QKV = 0;
        private static final int ATTENTION = 1;
        private static final int ATTENTION_PARTS = 2;
        private static final int ATTENTION_JOIN = 3;
        private static final int OUT = 4;
        private static final int MLP_NORM = 5;
        private static final int GATE_UP = 6;
        private static final int SWIGLU = 7;
        private static final int DOWN = 8;
        private static final int RESIDUAL = 9;
        private static final int HEAD = 10;
        private static final int LAYER_END = 11;
        private static final int DONE = 12;

        private final NDManager step;
        private final int b;
        private final NDArray c;
        private final NDArray s;
        private final NDIndex write;
        private final NDIndex read;
        private final NDArray mask;
        /** Whether attention is split across the lanes by sequences (the cache per layer at least {@link #SPLIT_ATTENTION_BYTES}). */
        private final boolean splitAttention;
        private int layer;
        private int next = QKV;
        /** The residual stream entering the current layer, then after its attention. */
        private NDArray residual;

        DecodeStep(NDManager step, int b, NDArray c, NDArray s, NDIndex write, NDIndex read, NDArray mask,
                NDArray x, int span) {
            this.step = step;
            this.b = b;
            this.c = c;
            this.s = s;
            this.write = write;
            this.read = read;
            this.mask = mask;
            this.residual = x;
            long cacheBytes = 2L * b * config.kvHeads() * span * config.headDim()
                    * weights.dataType().getNumOfBytes();
            this.splitAttention = Math.min(lanes.lanes(), b) > 1 && cacheBytes >= SPLIT_ATTENTION_BYTES;
            ComputeLanes.prepareShared(c, s, mask, x);
        }

        @Override
        public ComputeLanes.Stage apply(Object[] r) {
            LlamaWeights.Layer w = layer < config.layers() ? weights.layer(layer) : null;
            switch (next) {
                case QKV -> {
                    NDArray x = residual;
                    next = ATTENTION;
                    NDArray normed = rmsNorm(x);
                    return products(QKV, normed, w.qkv());
                }
                case ATTENTION -> {
                    next = splitAttention ? ATTENTION_PARTS : OUT;
                    return serial(ATTENTION, attention(r, w, layer));
                }
                case ATTENTION_PARTS -> {
                    NDArray[] qkv = (NDArray[]) r[0];
                    int parts = Math.min(lanes.lanes(), b);
                    Supplier<?>[] tasks = new Supplier<?>[parts];
                    for (int i = 0; i < parts; i++) {
                        long lo = (long) b * i / parts;
                        long hi = (long) b * (i + 1) / parts;
                        NDIndex rows = new NDIndex().addSliceDim(lo, hi);
                        tasks[i] = () -> attend(qkv[0].get(rows), qkv[1].get(rows), qkv[2].get(rows),
                                mask == null ? null : mask.get(rows), (int) (hi - lo));
                    }
                    next = ATTENTION_JOIN;
                    return new ComputeLanes.Stage(ATTENTION_PARTS, tasks);
                }
                case ATTENTION_JOIN -> {
                    next = OUT;
                    return serial(ATTENTION_JOIN, () -> join(r, 0));
                }
                case OUT -> {
                    next = MLP_NORM;
                    return products(OUT, (NDArray) r[0], w.out());
                }
                case MLP_NORM -> {
                    next = GATE_UP;
                    return serial(MLP_NORM, addAndNorm(residual, r));
                }
                case GATE_UP -> {
                    NDArray[] hn = (NDArray[]) r[0];
                    residual = hn[0];
                    next = SWIGLU;
                    return products(GATE_UP, hn[1], w.gateUp());
                }
                case SWIGLU -> {
                    next = DOWN;
                    return serial(SWIGLU, () -> swiglu(join(r, -1)));
                }
                case DOWN -> {
                    next = RESIDUAL;
                    return products(DOWN, (NDArray) r[0], w.down());
                }
                case RESIDUAL -> {
                    next = LAYER_END;
                    return serial(RESIDUAL, addAndNorm(residual, r));
                }
                case LAYER_END -> {
                    NDArray[] xn = (NDArray[]) r[0];
                    residual = xn[0];
                    layer++;
                    if (layer < config.layers()) {
                        next = ATTENTION;
                        return products(QKV, xn[1], weights.layer(layer).qkv());
                    }
                    // The final norm's weight is folded into the head.
                    next = DONE;
                    return products(HEAD, xn[1], weights.head());
                }
                case DONE -> {
                    return null;
                }
                default -> throw new IllegalStateException("no decode stage " + next);
            }
        }

        /**
         * Layer {@code l}'s attention from its QKV product's blocks: RoPE, the new keys and values
         * into the cache, then attention over the cache, or (split) the queries, keys and values
         * for {@link #ATTENTION_PARTS}.
         */
        private Supplier<?> attention(Object[] qkvBlocks, LlamaWeights.Layer w, int l) {
            return () -> {
                int d = config.headDim();
                NDArray qkv = join(qkvBlocks, -1);
                if (w.qkvBias() != null) {
                    qkv = qkv.add(w.qkvBias());
                }
                NDArray[] heads = ropedHeads(qkv, b, c, s);
                NDArray qk = heads[0];
                // Writing the same keys and values twice (an overtaken copy) is harmless.
                keyCache[l].set(write, qk.get(kHeads));
                valueCache[l].set(write, heads[1]);
                NDArray keys = own(keyCache[l].get(read), step); // [b, kv, span, d]
                NDArray values = own(valueCache[l].get(read), step);
                NDArray qg = qk.get(qHeads).reshape(b, config.kvHeads(), groups, d);
                return splitAttention ? new NDArray[] {qg, keys, values} : attend(qg, keys, values, mask, b);
            };
        }

        /** The residual plus a product's joined blocks, and its norm: {new residual, normed}. */
        private static Supplier<?> addAndNorm(NDArray residual, Object[] blocks) {
            return () -> {
                NDArray sum = residual.add(join(blocks, -1));
                return new NDArray[] {sum, rmsNorm(sum)};
            };
        }

        private ComputeLanes.Stage products(int kind, NDArray input, NDArray[] parts) {
            input.getShape();
            Supplier<?>[] tasks = new Supplier<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                NDArray part = parts[i];
                tasks[i] = () -> input.matMul(part);
            }
            return new ComputeLanes.Stage(kind, tasks);
        }

        private static ComputeLanes.Stage serial(int kind, Supplier<?> task) {
            return new ComputeLanes.Stage(kind, new Supplier<?>[] {task});
        }
    }

    /** The blocks of a split product (or any arrays) joined along {@code axis}; one stays as it is. */
    private static NDArray join(Object[] parts, int axis) {
        if (parts.length == 1) {
            return (NDArray) parts[0];
        }
        NDList list = new NDList(parts.length);
        for (Object p : parts) {
            list.add((NDArray) p);
        }
        return NDArrays.concat(list, axis);
    }

    /** Moves {@code a}, made from an array of a longer-lived manager, to {@code owner}. */
    private static NDArray own(NDArray a, NDManager owner) {
        a.attach(owner);
        return a;
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
        NDArray[] heads = ropedHeads(project(rmsNorm(x), w.qkv(), w.qkvBias()), rows, c, s);
        return new NDArray[] {heads[0].get(qHeads), heads[0].get(kHeads), heads[1]};
    }

    /**
     * A QKV product's output split into heads, as prefill and the decode step both need it.
     * @return {queries and keys after RoPE [rows, heads + kvHeads, d], values [rows, kvHeads, d]}
     */
    private NDArray[] ropedHeads(NDArray qkv, int rows, NDArray c, NDArray s) {
        int d = config.headDim();
        return new NDArray[] {rope(qkv.get(qkColumns).reshape(rows, config.heads() + config.kvHeads(), d), c, s),
                qkv.get(vColumns).reshape(rows, config.kvHeads(), d)};
    }

    /** The layer's second half: output projection and SwiGLU MLP, each added to the residual. */
    private NDArray outputAndMlp(NDArray x, NDArray attn, LlamaWeights.Layer w) {
        NDArray h = x.addi(lanes.matMul(attn, w.out()));
        NDArray gateUp = lanes.matMul(rmsNorm(h), w.gateUp());
        return h.addi(lanes.matMul(swiglu(gateUp), w.down()));
    }

    private NDArray embed(int[] tokens) {
        return embed(tokens, manager);
    }

    /** The embedding rows of {@code tokens}, owned by {@code owner}. */
    private NDArray embed(int[] tokens, NDManager owner) {
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new IllegalArgumentException(
                        "token id " + tokens[i] + " is outside the vocabulary of " + config.vocabSize());
            }
            ids[i] = tokens[i];
        }
        NDArray rows = weights.embedding().get(new NDIndex("{}", owner.create(ids)));
        return owner == manager ? rows : own(rows, owner);
    }

    /**
     * RMSNorm up to the factor {@code sqrt(hidden)}: {@code x / ||x||} over the residual row, whose
     * extra constant element carries the epsilon; the factor and the norm's weight are folded into
     * the next matrix (see {@code LlamaWeights.foldNorm}).
     */
    private static NDArray rmsNorm(NDArray x) {
        return x.normalize(2, -1, 1e-30);
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
        return toLogits(lanes.matMul(rmsNorm(x), weights.head()));
    }

    /** The head's output as one float row per position. */
    private float[][] toLogits(NDArray logits) {
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
