package dev.aios.inference.local;

import static dev.aios.inference.local.RawSafeTensors.f32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.inference.local.RawSafeTensors.Tensor;
import dev.aios.inference.local.internal.SafeTensorsFile;
import dev.aios.inference.local.internal.TensorInfo;
import dev.aios.inference.local.internal.TensorType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTensorsInNameOrderAndMapsExactlyTheirBytes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z", new Tensor("F32", new long[] {2}, f32(1.5f, -2f)));
        tensors.put("a", new Tensor("BF16", new long[] {1, 2}, new byte[] {0, 0x3F, (byte) 0x80, 0x3F}));
        Path file = RawSafeTensors.write(dir.resolve("m.safetensors"), tensors);

        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertThat(f.tensors().keySet()).containsExactly("a", "z");
            TensorInfo z = f.tensors().get("z");
            assertThat(z.type()).isEqualTo(TensorType.F32);
            assertThat(z.shape()).containsExactly(2);
            assertThat(z.elements()).isEqualTo(2);
            assertThat(z.length()).isEqualTo(8);
            ByteBuffer b = f.map(z);
            assertThat(b.isReadOnly()).isTrue();
            assertThat(b.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.remaining()).isEqualTo(8);
            assertThat(b.getFloat(0)).isEqualTo(1.5f);
            assertThat(b.getFloat(4)).isEqualTo(-2f);
            assertThat(f.tensors().get("a").shape()).containsExactly(1, 2);
        }
    }

    @Test
    void skipsMetadataAndAcceptsScalarsAndEmptyTensors() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("m.safetensors"),
                "{\"__metadata__\":{\"format\":\"pt\"},"
                        + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                        + "\"e\":{\"dtype\":\"F16\",\"shape\":[0,5],\"data_offsets\":[4,4]}}",
                f32(3f));
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            assertThat(f.tensors().keySet()).containsExactly("e", "s");
            assertThat(f.map(f.tensors().get("s")).getFloat(0)).isEqualTo(3f);
            assertThat(f.tensors().get("e").length()).isZero();
        }
    }

    @Test
    void rejectsFileShorterThanTheLengthField() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("3 bytes");
    }

    @Test
    void rejectsTruncatedDataRegion() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("cut.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", f32(1, 2, 3));
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("truncated")
                .hasMessageContaining("ends at data offset 16")
                .hasMessageContaining("only 12 bytes");
    }

    @Test
    void rejectsHeaderLengthBiggerThanTheFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(5_000_000_000L).put("{}".getBytes());
        Path file = Files.write(dir.resolve("liar.safetensors"), b.array());
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("header length of 5000000000 bytes")
                .hasMessageContaining("only 12 bytes follow");
    }

    @Test
    void rejectsNegativeHeaderLengthAsAHugeOne() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(-1L);
        Path file = Files.write(dir.resolve("neg.safetensors"), b.array());
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("header length of 18446744073709551615 bytes");
    }

    @Test
    void rejectsHeaderOverOneHundredMegabytesBeforeAllocatingIt() throws IOException {
        // A sparse file: the header length fits in the file, but no real header is that big.
        Path file = dir.resolve("huge.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(200L * 1024 * 1024);
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(150L * 1024 * 1024);
            raf.write(b.array());
        }
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("header length of 157286400 bytes")
                .hasMessageContaining("more than the 104857600 bytes allowed");
    }

    @Test
    void rejectsHeaderThatIsNotJson() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("bad.safetensors"), "{\"w\": [", new byte[0]);
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsDuplicateTensorNames() throws IOException {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        Path file = RawSafeTensors.write(dir.resolve("dup.safetensors"),
                "{\"w\":" + entry + ",\"w\":" + entry + "}", f32(1));
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("Duplicate field 'w'");
    }

    @Test
    void rejectsOffsetsThatDisagreeWithDtypeTimesShape() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("size.safetensors"),
                "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", new byte[24]);
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("spanning 24 bytes")
                .hasMessageContaining("dtype F16 x shape [2, 3] needs 12 bytes");
    }

    @Test
    void rejectsOffsetsThatRunBackwards() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("back.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[8]);
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("data_offsets [8, 4], expected 0 <= begin <= end");
    }

    @Test
    void rejectsOverlappingTensors() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("overlap.safetensors"),
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("overlapping tensors")
                .hasMessageContaining("'a' occupies data bytes [0, 8)")
                .hasMessageContaining("'b' starts inside it at 4");
    }

    @Test
    void rejectsNegativeDimensionsAndOverflowingShapes() throws IOException {
        Path negative = RawSafeTensors.write(dir.resolve("neg.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,0]}}", new byte[0]);
        assertThatThrownBy(() -> SafeTensorsFile.open(negative))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("dimension 0 is -1, expected a non-negative integer");

        Path overflow = RawSafeTensors.write(dir.resolve("overflow.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,0]}}", new byte[0]);
        assertThatThrownBy(() -> SafeTensorsFile.open(overflow))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("overflows");
    }

    @Test
    void rejectsUnsupportedDtypeNamingFileAndTensor() throws IOException {
        Path file = RawSafeTensors.write(dir.resolve("int8.safetensors"),
                "{\"q\":{\"dtype\":\"I8\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]);
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Unsupported dtype \"I8\"")
                .hasMessageContaining("tensor 'q'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("supported: F32, F16, BF16");
        assertThat(new ModelFormatException("x").isRetriable()).isFalse();
    }

    @Test
    void rejectsMissingFile() {
        Path file = dir.resolve("absent.safetensors");
        assertThatThrownBy(() -> SafeTensorsFile.open(file))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("does not exist");
    }
}
