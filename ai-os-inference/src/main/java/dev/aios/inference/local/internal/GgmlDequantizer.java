package dev.aios.inference.local.internal;

import java.nio.ByteBuffer;

/**
 * Decodes rows of ggml tensors to floats, with the block layouts of ggml's reference
 * {@code dequantize_row_*} functions (ggml-quants.c): F32, F16, BF16, Q4_0, Q8_0, and the
 * 256-element super-blocks of Q4_K (8 sub-blocks with 6-bit scales and mins) and Q6_K (16
 * sub-blocks with 8-bit scales).
 */
final class GgmlDequantizer {

    private GgmlDequantizer() {}

    /**
     * Decodes {@code out.length} elements that start at byte {@code at} of {@code src}.
     *
     * @param type a type whose {@link GgmlType#decodable} is true
     * @param src the tensor's little-endian bytes
     * @param at the byte offset of the first block to decode
     * @param out receives the elements; its length is a multiple of the type's block
     */
    static void decode(GgmlType type, ByteBuffer src, int at, float[] out) {
        int n = out.length;
        switch (type) {
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = src.getFloat(at + 4 * i);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(src.getShort(at + 2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((src.getShort(at + 2 * i) & 0xFFFF) << 16);
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    int block = at + b * 34;
                    float d = Float.float16ToFloat(src.getShort(block));
                    for (int i = 0; i < 32; i++) {
                        out[b * 32 + i] = d * src.get(block + 2 + i);
                    }
                }
            }
            case Q4_0 -> {
                for (int b = 0; b < n / 32; b++) {
                    int block = at + b * 18;
                    float d = Float.float16ToFloat(src.getShort(block));
                    for (int i = 0; i < 16; i++) {
                        int q = src.get(block + 2 + i) & 0xFF;
                        out[b * 32 + i] = d * ((q & 0xF) - 8);
                        out[b * 32 + i + 16] = d * ((q >> 4) - 8);
                    }
                }
            }
            case Q4_K -> {
                for (int b = 0; b < n / 256; b++) {
                    q4k(src, at + b * 144, out, b * 256);
                }
            }
            case Q6_K -> {
                for (int b = 0; b < n / 256; b++) {
                    q6k(src, at + b * 210, out, b * 256);
                }
            }
            default -> throw new IllegalArgumentException("no decoder for ggml type " + type);
        }
    }

    /** Layout: f16 d, f16 dmin, 12 bytes of packed 6-bit scales and mins, 128 bytes of 4-bit quants. */
    private static void q4k(ByteBuffer src, int block, float[] out, int o) {
        float d = Float.float16ToFloat(src.getShort(block));
        float dmin = Float.float16ToFloat(src.getShort(block + 2));
        int scales = block + 4;
        int qs = block + 16;
        for (int chunk = 0; chunk < 4; chunk++) {
            int j = 2 * chunk;
            float d1 = d * scale(src, scales, j);
            float m1 = dmin * min(src, scales, j);
            float d2 = d * scale(src, scales, j + 1);
            float m2 = dmin * min(src, scales, j + 1);
            for (int l = 0; l < 32; l++) {
                int q = src.get(qs + 32 * chunk + l) & 0xFF;
                out[o + 64 * chunk + l] = d1 * (q & 0xF) - m1;
                out[o + 64 * chunk + 32 + l] = d2 * (q >> 4) - m2;
            }
        }
    }

    /** ggml's get_scale_min_k4: sub-block j's 6-bit scale. */
    private static int scale(ByteBuffer src, int scales, int j) {
        if (j < 4) {
            return src.get(scales + j) & 63;
        }
        return (src.get(scales + j + 4) & 0xF) | (((src.get(scales + j - 4) & 0xFF) >> 6) << 4);
    }

    /** ggml's get_scale_min_k4: sub-block j's 6-bit min. */
    private static int min(ByteBuffer src, int scales, int j) {
        if (j < 4) {
            return src.get(scales + j + 4) & 63;
        }
        return ((src.get(scales + j + 4) & 0xFF) >> 4) | (((src.get(scales + j) & 0xFF) >> 6) << 4);
    }

    /** Layout: 128 bytes of low 4 bits, 64 bytes of high 2 bits, 16 int8 scales, f16 d. */
    private static void q6k(ByteBuffer src, int block, float[] out, int o) {
        float d = Float.float16ToFloat(src.getShort(block + 208));
        for (int half = 0; half < 2; half++) {
            int ql = block + 64 * half;
            int qh = block + 128 + 32 * half;
            int sc = block + 192 + 8 * half;
            int y = o + 128 * half;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int low0 = src.get(ql + l) & 0xFF;
                int low32 = src.get(ql + l + 32) & 0xFF;
                int high = src.get(qh + l) & 0xFF;
                int q1 = ((low0 & 0xF) | ((high & 3) << 4)) - 32;
                int q2 = ((low32 & 0xF) | (((high >> 2) & 3) << 4)) - 32;
                int q3 = ((low0 >> 4) | (((high >> 4) & 3) << 4)) - 32;
                int q4 = ((low32 >> 4) | (((high >> 6) & 3) << 4)) - 32;
                out[y + l] = d * src.get(sc + is) * q1;
                out[y + l + 32] = d * src.get(sc + is + 2) * q2;
                out[y + l + 64] = d * src.get(sc + is + 4) * q3;
                out[y + l + 96] = d * src.get(sc + is + 6) * q4;
            }
        }
    }
}
