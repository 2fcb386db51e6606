package dev.aios.inference.local.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A model's weights as DJL tensors in the layout {@link LlamaEngine} computes with. Each tensor
 * is read once from its memory-mapped file (wrapped without a copy, then transformed into its
 * final form) so loading costs one pass over the files and no second copy stays in memory.
 */
public final class LlamaWeights implements AutoCloseable {
    /** Bytes of weights per column block a lane claims at a time (see {@link #split}). */
    private static final long BLOCK_BYTES = 1 << 20;
    private static final int MAX_BLOCKS_PER_LANE = 8;
    /** Block edges fall on multiples of this many columns, whole vectors for the kernels. */
    private static final int COLUMN_ALIGNMENT = 16;
    /**
     * One decoder layer, already fused and transposed to [in, out]; each matrix is held as column
     * blocks that the compute lanes claim (see {@link ComputeLanes}).
     */
    record Layer(NDArray[] qkv, @Nullable NDArray qkvBias, NDArray[] out, NDArray[] gateUp, NDArray[] down) {}

    private final LlamaConfig config;
    private final NDManager manager;
    private final DataType dataType;
    private final NDArray embedding;
    private final NDArray[] head;
    private final Layer[] layers;
    private final int lanes;
    private final long bytesPerToken;

    private LlamaWeights(LlamaConfig config, NDManager manager, DataType dataType, NDArray embedding,
            NDArray[] head, Layer[] layers, int lanes) {
        this.lanes = lanes;
        this.config = config;
        this.manager = manager;
        this.dataType = dataType;
        this.embedding = embedding;
        this.head = head;
        this.layers = layers;
        long elements = size(head);
        for (Layer l : layers) {
            elements += size(l.qkv()) + size(l.out()) + size(l.gateUp()) + size(l.down());
        }
        long bytes = elements * dataType.getNumOfBytes();
        this.bytesPerToken = bytes;
    }

    /**
     * Loads every tensor of {@code folder} into {@code manager}'s device as {@code dataType}.
     *
     * @param lanes threads that share a product; each matrix is split into at least this many column blocks
     * @param progress told the number of layers loaded so far, for a progress line
     */
    public static LlamaWeights load(ModelFolder folder, NDManager parent, DataType dataType, int lanes,
            IntConsumer progress) {
        LlamaConfig c = folder.config();
        NDManager manager = parent.newSubManager();
        try {
            double scale = 1.0 / Math.sqrt(c.headDim());
            Layer[] layers = new Layer[c.layers()];
            for (int i = 0; i < c.layers(); i++) {
                String p = "model.layers." + i + ".";
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray inNorm = tensor(folder, scratch, p + "input_layernorm.weight");
                    NDArray postNorm = tensor(folder, scratch, p + "post_attention_layernorm.weight");
                    // Q gets the attention scale: RoPE is linear, so scaling before it is exact.
                    NDArray q = tensor(folder, scratch, p + "self_attn.q_proj.weight").mul(scale);
                    NDArray k = tensor(folder, scratch, p + "self_attn.k_proj.weight");
                    NDArray v = tensor(folder, scratch, p + "self_attn.v_proj.weight");
                    NDArray qkv = foldNorm(NDArrays.concat(new NDList(q, k, v), 0), inNorm);
                    NDArray bias = null;
                    if (c.attentionBias()) {
                        bias = NDArrays.concat(new NDList(
                                tensor(folder, scratch, p + "self_attn.q_proj.bias").mul(scale),
                                tensor(folder, scratch, p + "self_attn.k_proj.bias"),
                                tensor(folder, scratch, p + "self_attn.v_proj.bias")), 0);
                        bias = keep(bias, manager, dataType);
                    }
                    NDArray out = padColumn(tensor(folder, scratch, p + "self_attn.o_proj.weight").transpose());
                    NDArray gateUp = foldNorm(NDArrays.concat(new NDList(
                            tensor(folder, scratch, p + "mlp.gate_proj.weight"),
                            tensor(folder, scratch, p + "mlp.up_proj.weight")), 0), postNorm);
                    NDArray down = padColumn(tensor(folder, scratch, p + "mlp.down_proj.weight").transpose());
                    layers[i] = new Layer(split(qkv, lanes, manager, dataType), bias,
                            split(out, lanes, manager, dataType), split(gateUp, lanes, manager, dataType),
                            split(down, lanes, manager, dataType));
                }
                progress.accept(i + 1);
            }
            NDArray embedding;
            NDArray[] head;
            try (NDManager scratch = manager.newSubManager()) {
                NDArray embed = tensor(folder, scratch, "model.embed_tokens.weight");
                NDArray finalNorm = tensor(folder, scratch, "model.norm.weight");
                NDArray lmHead = c.tiedEmbeddings() ? embed : tensor(folder, scratch, "lm_head.weight");
                head = split(foldNorm(lmHead, finalNorm), lanes, manager, dataType);
                // The residual's constant element (see foldNorm) starts in every embedding row.
                float constant = (float) Math.sqrt(c.hiddenSize() * c.rmsNormEps());
                embedding = keep(embed.concat(scratch.full(new Shape(embed.getShape().get(0), 1), constant,
                        embed.getDataType()), 1), manager, dataType);
            }
            return new LlamaWeights(c, manager, dataType, embedding, head, layers, lanes);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * {@code w} is [out, in] and follows an RMSNorm of weight {@code norm}; returns [in + 1, out]:
     * w^T with row i scaled by {@code norm[i] * sqrt(in)}, and a zero row for the residual's
     * constant element.
     *
     * <p>Why: the residual stream carries one extra element, the constant {@code sqrt(in * eps)}
     * (set in the embedding; the products that add to the residual leave it alone, see {@link
     * #padColumn}). Then {@code x / ||x||} over the extended row is {@code x / sqrt(sum(x^2) + in *
     * eps)}, which times {@code sqrt(in)} is exactly {@code x / sqrt(mean(x^2) + eps)}: the norm is
     * one op ({@code normalize}) instead of five, and the scale and the norm's weight live here.
     */
    private static NDArray foldNorm(NDArray w, NDArray norm) {
        long in = norm.getShape().get(0);
        NDArray scaled = w.transpose().mul(norm.reshape(in, 1).mul(Math.sqrt(in)));
        NDArray zero = scaled.getManager().zeros(new Shape(1, scaled.getShape().get(1)), scaled.getDataType());
        return scaled.concat(zero, 0);
    }

    /** {@code w} [in, hidden] plus a zero column: what it adds to the residual keeps its constant element. */
    private static NDArray padColumn(NDArray w) {
        NDArray zero = w.getManager().zeros(new Shape(w.getShape().get(0), 1), w.getDataType());
        return w.concat(zero, 1);
    }

    /**
     * A contiguous copy of {@code a} that owns its memory, in {@code manager}, as {@code type}.
     * Flattening materialises a transposed view; the clone detaches it from a mapped file.
     */
    private static NDArray keep(NDArray a, NDManager manager, DataType type) {
        Shape shape = a.getShape();
        NDArray owned = a.toType(type, false).flatten().duplicate().reshape(shape);
        owned.attach(manager);
        return owned;
    }

    /**
     * {@code w} [in, out] as contiguous column blocks of near-equal width: one when there is one
     * lane, else about one per {@link #BLOCK_BYTES}, at least one and at most
     * {@link #MAX_BLOCKS_PER_LANE} per lane, so lanes can take over each other's blocks (see
     * {@link ComputeLanes}) while each block still streams long runs of memory.
     */
    private static NDArray[] split(NDArray w, int lanes, NDManager manager, DataType type) {
        long rows = w.getShape().get(0);
        long columns = w.getShape().get(1);
        int blocks = blocks(rows * columns * type.getNumOfBytes(), columns, lanes);
        NDArray[] parts = new NDArray[blocks];
        for (int i = 0; i < blocks; i++) {
            long from = boundary(columns, i, blocks);
            long to = boundary(columns, i + 1, blocks);
            parts[i] = keep(blocks == 1 ? w : w.get(new NDIndex().addAllDim().addSliceDim(from, to)), manager, type);
        }
        return parts;
    }

    static int blocks(long bytes, long columns, int lanes) {
        if (lanes == 1) {
            return 1;
        }
        long wanted = Math.max(lanes, Math.min((long) MAX_BLOCKS_PER_LANE * lanes, Math.ceilDiv(bytes, BLOCK_BYTES)));
        return (int) Math.max(1, Math.min(wanted, columns / COLUMN_ALIGNMENT));
    }

    /** The start of block {@code i} of {@code blocks}, on a multiple of the alignment where possible. */
    private static long boundary(long columns, int i, int blocks) {
        if (i == blocks) {
            return columns;
        }
        long even = columns * i / blocks;
        return columns >= (long) COLUMN_ALIGNMENT * blocks ? even / COLUMN_ALIGNMENT * COLUMN_ALIGNMENT : even;
    }

    private static long size(NDArray[] parts) {
        long n = 0;
        for (NDArray p : parts) {
            n += p.size();
        }
        return n;
    }

    /** The tensor as float32, wrapping the mapped bytes without a copy where the file holds F32. */
    private static NDArray tensor(ModelFolder folder, NDManager scratch, String name) {
        TensorInfo info = folder.tensor(name);
        Shape shape = new Shape(info.shape());
        return switch (info.type()) {
            case F32 -> scratch.create(folder.map(name), shape, DataType.FLOAT32);
            case F16 -> scratch.create(folder.map(name), shape, DataType.FLOAT16).toType(DataType.FLOAT32, false);
            // PyTorch's from_blob through DJL aborts the process on bfloat16 (seen with 2.7.1), so
            // bf16 is widened here: it is the top half of a float32, a shift per value.
            case BF16 -> widenBf16(folder.map(name), shape, scratch);
        };
    }

    private static NDArray widenBf16(ByteBuffer bf16, Shape shape, NDManager scratch) {
        long elements = shape.size();
        long rows = shape.dimension() == 0 ? 1 : shape.get(0);
        long rowElements = rows == 0 ? 0 : elements / rows;
        // Direct buffers stop at 2 GiB: widen in blocks of rows and join them.
        long rowsPerBlock = Math.max(1, (1L << 28) / Math.max(1, rowElements));
        ShortBuffer source = bf16.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        NDList blocks = new NDList();
        for (long row = 0; row < Math.max(rows, 1); row += rowsPerBlock) {
            long n = Math.min(rowsPerBlock, Math.max(rows, 1) - row);
            int count = Math.toIntExact(n * rowElements);
            ByteBuffer out = ByteBuffer.allocateDirect(count * 4).order(ByteOrder.nativeOrder());
            IntBuffer ints = out.asIntBuffer();
            for (int i = 0; i < count; i++) {
                ints.put((source.get() & 0xFFFF) << 16);
            }
            long[] blockShape = shape.getShape().clone();
            if (blockShape.length > 0) {
                blockShape[0] = n;
            }
            blocks.add(scratch.create(out, new Shape(blockShape), DataType.FLOAT32));
        }
        return blocks.size() == 1 ? blocks.singletonOrThrow() : NDArrays.concat(blocks, 0);
    }

    LlamaConfig config() {
        return config;
    }

    NDManager manager() {
        return manager;
    }

    DataType dataType() {
        return dataType;
    }

    NDArray embedding() {
        return embedding;
    }

    int lanes() {
        return lanes;
    }

    NDArray[] head() {
        return head;
    }

    Layer layer(int i) {
        return layers[i];
    }

    /** @return bytes of weights one decode step reads */
    public long bytesPerToken() {
        return bytesPerToken;
    }

    @Override
    public void close() {
        manager.close();
    }
}
