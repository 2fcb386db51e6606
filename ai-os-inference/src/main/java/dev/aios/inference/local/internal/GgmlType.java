package dev.aios.inference.local.internal;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The element types of GGUF tensors, with ggml's numeric ids and block layout (elements per block,
 * bytes per block), so that every tensor's byte size can be checked, and a flag for the types
 * {@link GgmlDequantizer} decodes.
 */
enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, false),
    Q5_0(6, 32, 22, false),
    Q5_1(7, 32, 24, false),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, false),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    MXFP4(39, 32, 17, false);

    final int id;
    final int blockElements;
    final int blockBytes;
    final boolean decodable;

    GgmlType(int id, int blockElements, int blockBytes, boolean decodable) {
        this.id = id;
        this.blockElements = blockElements;
        this.blockBytes = blockBytes;
        this.decodable = decodable;
    }

    /** @return the type with ggml id {@code id}, or null for an id this table does not know */
    static @Nullable GgmlType byId(long id) {
        for (GgmlType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }

    /** @return the names of the types {@link GgmlDequantizer} decodes, for error messages */
    static String decodableList() {
        return Arrays.stream(values()).filter(t -> t.decodable).map(Enum::name).collect(Collectors.joining(", "));
    }
}
