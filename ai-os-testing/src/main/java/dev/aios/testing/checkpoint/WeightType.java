package dev.aios.testing.checkpoint;

/**
 * The element type every tensor of a {@link RandomCheckpoint} is stored in, named as safetensors
 * names it in its header. Kept apart from the local model reader's own type on purpose: the
 * writer and the reader must agree through the file format alone.
 */
public enum WeightType {
    /** IEEE 754 single precision, 4 bytes; {@code torch_dtype} {@code float32}. */
    F32(4, "float32"),
    /** IEEE 754 half precision, 2 bytes; {@code torch_dtype} {@code float16}. */
    F16(2, "float16"),
    /** bfloat16, the upper 16 bits of an F32, 2 bytes; {@code torch_dtype} {@code bfloat16}. */
    BF16(2, "bfloat16");

    private final int bytes;
    private final String torchDtype;

    WeightType(int bytes, String torchDtype) {
        this.bytes = bytes;
        this.torchDtype = torchDtype;
    }

    /**
     * The size of one element.
     *
     * @return bytes per element
     */
    public int bytes() {
        return bytes;
    }

    /**
     * The name {@code config.json} gives this type.
     *
     * @return {@code float32}, {@code float16} or {@code bfloat16}
     */
    public String torchDtype() {
        return torchDtype;
    }
}
