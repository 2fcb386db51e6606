package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Hand-built blocks against values worked out from ggml's reference dequantizers, independently
 * of the test-side quantizers that write the model files.
 */
class GgmlDequantizerTest {

    private static ByteBuffer block(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void q8ZeroIsScaleTimesSignedByte() {
        ByteBuffer b = block(34).putShort(Float.floatToFloat16(0.5f));
        for (int i = 0; i < 32; i++) {
            b.put((byte) (i - 16));
        }
        float[] out = new float[32];
        GgmlDequantizer.decode(GgmlType.Q8_0, b, 0, out);
        assertThat(out[0]).isEqualTo(-8f);
        assertThat(out[16]).isEqualTo(0f);
        assertThat(out[31]).isEqualTo(7.5f);
    }

    @Test
    void q4ZeroPutsLowNibblesFirstAndHighNibblesInTheSecondHalf() {
        ByteBuffer b = block(18).putShort(Float.floatToFloat16(2f));
        b.put((byte) 0x9F); // low 15 -> +7, high 9 -> +1
        float[] out = new float[32];
        GgmlDequantizer.decode(GgmlType.Q4_0, b, 0, out);
        assertThat(out[0]).isEqualTo(14f);
        assertThat(out[16]).isEqualTo(2f);
        assertThat(out[1]).isEqualTo(-16f); // byte 1: both nibbles 0 -> -8
    }

    @Test
    void q4kUnpacksSixBitScalesAndMinsOfAllEightSubBlocks() {
        ByteBuffer b = block(144).putShort(Float.floatToFloat16(1f)).putShort(Float.floatToFloat16(0.5f));
        // Sub-blocks 0-3: scale j+1, min j+2 in the low 6 bits of bytes 0-3 and 4-7.
        // Sub-blocks 4-7: scale 40+j and min 50+j: low nibbles in bytes 8-11, top 2 bits in bytes 0-3 / 4-7.
        byte[] s = new byte[12];
        for (int j = 0; j < 4; j++) {
            int sc = 40 + j;
            int m = 50 + j;
            s[j] = (byte) ((j + 1) | ((sc >> 4) << 6));
            s[j + 4] = (byte) ((j + 2) | ((m >> 4) << 6));
            s[j + 8] = (byte) ((sc & 0xF) | ((m & 0xF) << 4));
        }
        b.put(s);
        for (int chunk = 0; chunk < 4; chunk++) {
            for (int l = 0; l < 32; l++) {
                b.put((byte) (3 | (5 << 4))); // sub-block 2c gets q = 3, sub-block 2c+1 gets q = 5
            }
        }
        float[] out = new float[256];
        GgmlDequantizer.decode(GgmlType.Q4_K, b, 0, out);
        int[] scale = {1, 2, 3, 4, 40, 41, 42, 43};
        int[] min = {2, 3, 4, 5, 50, 51, 52, 53};
        for (int sub = 0; sub < 8; sub++) {
            int q = sub % 2 == 0 ? 3 : 5;
            float expected = 1f * scale[sub] * q - 0.5f * min[sub];
            assertThat(out[sub * 32]).as("sub-block %d", sub).isEqualTo(expected);
            assertThat(out[sub * 32 + 31]).as("sub-block %d", sub).isEqualTo(expected);
        }
    }

    @Test
    void q6kCombinesLowNibblesAndHighBitPairsPerQuarter() {
        ByteBuffer b = block(210);
        byte[] raw = new byte[210];
        // Element 0: ql[0] low = 0xA, qh[0] bits 0-1 = 2 -> q = 0x2A = 42 - 32 = 10.
        // Element 64: ql[0] high = 0x1, qh[0] bits 4-5 = 3 -> q = 0x31 = 49 - 32 = 17.
        raw[0] = (byte) 0x1A;
        raw[128] = (byte) (2 | (3 << 4));
        // Element 160 (second half, quarter 1, l = 0): ql[64 + 32] low = 0x5, qh[128 + 32] bits 2-3 = 1 -> 21 - 32 = -11.
        raw[96] = 0x05;
        raw[160] = (byte) (1 << 2);
        for (int i = 0; i < 16; i++) {
            raw[192 + i] = (byte) (i + 1);
        }
        b.put(raw);
        b.putShort(208, Float.floatToFloat16(0.25f));
        float[] out = new float[256];
        GgmlDequantizer.decode(GgmlType.Q6_K, b, 0, out);
        assertThat(out[0]).isEqualTo(0.25f * 1 * 10);
        assertThat(out[64]).isEqualTo(0.25f * 5 * 17);
        assertThat(out[160]).isEqualTo(0.25f * 11 * -11);
        // An element whose bits are all zero is q = -32.
        assertThat(out[1]).isEqualTo(0.25f * 1 * -32);
    }

    @Test
    void unpermutedRowInvertsLlamaCppsPermutation() {
        // Head dim 8: GGUF rows 0..7 of a head hold HF rows 0,4,1,5,2,6,3,7.
        int[] expected = {0, 4, 1, 5, 2, 6, 3, 7, 8, 12, 9, 13, 10, 14, 11, 15};
        for (int g = 0; g < expected.length; g++) {
            assertThat(GgufModel.unpermutedRow(g, 8)).isEqualTo(expected[g]);
        }
    }
}
