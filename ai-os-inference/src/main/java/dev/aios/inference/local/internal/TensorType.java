package dev.aios.inference.local.internal;

import dev.aios.inference.local.ModelFormatException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types a local model's tensors may have, named as safetensors names them in its
 * header ({@code "F32"}, {@code "F16"}, {@code "BF16"}). Quantized and integer types are not
 * supported.
 */
public enum TensorType {
    /** IEEE 754 single precision, 4 bytes. */
    F32(4),
    /** IEEE 754 half precision, 2 bytes. */
    F16(2),
    /** bfloat16: the upper 16 bits of an F32, 2 bytes. */
    BF16(2);

    private final int bytes;

    TensorType(int bytes) {
        this.bytes = bytes;
    }

    /** @return the size of one element in bytes */
    public int bytes() {
        return bytes;
    }

    /**
     * Reads a safetensors dtype string.
     *
     * @param dtype the dtype as written in the header, for example {@code "BF16"}
     * @param fileForMessage the file it came from, named in the error message
     * @param tensorForMessage the tensor it belongs to, named in the error message
     * @return the matching type
     * @throws ModelFormatException for any other dtype ({@code "I8"}, {@code "F64"}, ...)
     */
    public static TensorType parse(String dtype, String fileForMessage, String tensorForMessage) {
        for (TensorType t : values()) {
            if (t.name().equals(dtype)) {
                return t;
            }
        }
        throw new ModelFormatException("Unsupported dtype \"" + dtype + "\" of tensor '" + tensorForMessage
                + "' in " + fileForMessage + "; supported: " + supportedList()
                + " (quantized checkpoints are not supported: use an unquantized F32, F16 or BF16 one)");
    }

    static String supportedList() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
