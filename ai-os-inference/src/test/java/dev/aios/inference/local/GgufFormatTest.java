package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of broken GGUF file is refused when opened, with a message naming the file and the problem. */
class GgufFormatTest {
    @TempDir
    Path dir;

    private GgufWriter valid() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(1).layers(1).writeTo(dir.resolve("m"));
        return HfToGguf.writer(folder, name -> GgufWriter.F32);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(Path file) {
        return assertThatThrownBy(() -> ModelFolder.open(file).close())
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void aValidFileOpensAndInspectsWithItsStoredSizes() throws IOException {
        Path file = valid().write(dir.resolve("ok.gguf"));
        ModelFolderInfo info = LocalModel.inspect(file);
        assertThat(info.modelType()).isEqualTo("llama");
        assertThat(info.layers()).isEqualTo(1);
        assertThat(info.vocabSize()).isEqualTo(384);
        // F32: the stored bytes are the parameters times four.
        assertThat(info.weightBytes()).isEqualTo(4L * (384 * 64 * 2 + 64 * 64 * 2 + 32 * 64 * 2 + 128 * 64 * 3 + 64 * 3));
        // A folder holding one .gguf and no config.json opens as that file.
        Path folder = Files.createDirectories(dir.resolve("ollama"));
        Files.copy(file, folder.resolve("model.gguf"));
        try (ModelFolder f = ModelFolder.open(folder)) {
            assertThat(f.isGguf()).isTrue();
            assertThat(f.directory()).isEqualTo(folder.resolve("model.gguf"));
        }
    }

    @Test
    void badMagicVersionAndTruncation() throws IOException {
        byte[] good = valid().bytes();
        byte[] magic = good.clone();
        magic[0] = 'X';
        refused(write("magic.gguf", magic)).hasMessageContaining("magic \"GGUF\"");
        GgufWriter v1 = valid();
        v1.version = 1;
        refused(v1.write(dir.resolve("v1.gguf"))).hasMessageContaining("version 1").hasMessageContaining("supported: 2, 3");
        GgufWriter v9 = valid();
        v9.version = 9;
        refused(v9.write(dir.resolve("v9.gguf"))).hasMessageContaining("version 9");
        refused(write("short.gguf", Arrays.copyOf(good, 30))).hasMessageContaining("truncated");
        refused(write("empty.gguf", new byte[0])).hasMessageContaining("not a GGUF file");
        // Cutting the data region leaves the last tensor out of bounds.
        refused(write("cut.gguf", Arrays.copyOf(good, good.length - 64))).hasMessageContaining("truncated")
                .hasMessageContaining("output.weight");
    }

    @Test
    void absurdCountsAndLengthsAreRefusedBeforeAllocating() throws IOException {
        byte[] good = valid().bytes();
        byte[] tensors = good.clone();
        ByteBuffer.wrap(tensors).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE / 2);
        refused(write("tensors.gguf", tensors)).hasMessageContaining("tensor count");
        byte[] kvs = good.clone();
        ByteBuffer.wrap(kvs).order(ByteOrder.LITTLE_ENDIAN).putLong(16, -1L);
        refused(write("kv.gguf", kvs)).hasMessageContaining("metadata count 18446744073709551615");
        byte[] key = good.clone();
        ByteBuffer.wrap(key).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 40);
        refused(write("key.gguf", key)).hasMessageContaining("length of 1099511627776 bytes");
        GgufWriter array = valid();
        array.putArray("x.huge_array", GgufWriter.UINT8, List.of());
        byte[] bytes = array.bytes();
        // After the key: the value type, the element type, then the length: make it claim 2^40 elements.
        int at = indexOf(bytes, "x.huge_array".getBytes()) + "x.huge_array".length() + 4 + 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, 1L << 40);
        refused(write("array.gguf", bytes)).hasMessageContaining("array length");
    }

    @Test
    void unknownValueTypeAndTensorTypes() throws IOException {
        GgufWriter w = valid();
        w.put("strange", 13, 0);
        assertThatThrownBy(w::bytes).isInstanceOf(IllegalArgumentException.class);
        GgufWriter raw = valid();
        raw.put("strange", GgufWriter.UINT8, 0);
        byte[] bytes = raw.bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(indexOf(bytes, "strange".getBytes()) + 7, 13);
        refused(write("value.gguf", bytes)).hasMessageContaining("unknown value type 13");

        GgufWriter unknown = valid();
        retype(unknown, "blk.0.ffn_up.weight", 99);
        refused(unknown.write(dir.resolve("type.gguf"))).hasMessageContaining("blk.0.ffn_up.weight")
                .hasMessageContaining("unknown ggml type id 99");
        GgufWriter q5k = valid();
        retype(q5k, "blk.0.ffn_up.weight", GgufWriter.Q5_K);
        // Rows of 64 are not whole Q5_K super-blocks of 256.
        refused(q5k.write(dir.resolve("q5k.gguf"))).hasMessageContaining("blk.0.ffn_up.weight")
                .hasMessageContaining("Q5_K");
    }

    @Test
    void anUnsupportedButWellFormedTypeIsNamedWithTheSupportedOnes() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(2).layers(1).hidden(256).heads(4).kvHeads(2).intermediate(256)
                .writeTo(dir.resolve("wide"));
        GgufWriter w = HfToGguf.writer(folder, name -> GgufWriter.F32);
        GgufWriter.Tensor up = find(w, "blk.0.ffn_up.weight");
        w.tensors.set(w.tensors.indexOf(up), new GgufWriter.Tensor(up.name(), up.dims(), GgufWriter.Q5_K,
                new byte[256 * 176]));
        refused(w.write(dir.resolve("q5k.gguf")))
                .hasMessageContaining("'blk.0.ffn_up.weight'")
                .hasMessageContaining("has type Q5_K, supported: F32, F16, Q4_0, Q8_0, Q4_K, Q6_K, BF16");
    }

    @Test
    void misalignedOverlappingMissingAndMisshapenTensors() throws IOException {
        GgufWriter misaligned = valid();
        misaligned.putU32("general.alignment", 64);
        // Every real tensor is a multiple of 64 bytes: a 32-byte one first puts the rest off by 32.
        misaligned.tensors.add(0, new GgufWriter.Tensor("pad", new long[] {8}, GgufWriter.F32, new byte[32]));
        refused(misaligned.write(dir.resolve("align.gguf"))).hasMessageContaining("not a multiple of the alignment 64");
        GgufWriter badAlignment = valid();
        badAlignment.putU32("general.alignment", 48);
        refused(badAlignment.write(dir.resolve("align48.gguf"))).hasMessageContaining("general.alignment 48");

        GgufWriter missing = valid();
        missing.tensors.remove(find(missing, "blk.0.attn_k.weight"));
        refused(missing.write(dir.resolve("missing.gguf"))).hasMessageContaining("missing tensor 'blk.0.attn_k.weight'");

        GgufWriter extra = valid();
        extra.tensor("blk.7.attn_k.weight", new long[] {64}, GgufWriter.F32, new byte[256]);
        refused(extra.write(dir.resolve("extra.gguf"))).hasMessageContaining("Unexpected tensor 'blk.7.attn_k.weight'");

        GgufWriter shape = valid();
        shape.putU32("llama.feed_forward_length", 96);
        refused(shape.write(dir.resolve("shape.gguf"))).hasMessageContaining("blk.0.ffn_gate.weight")
                .hasMessageContaining("implies shape [96, 64]");
    }

    @Test
    void missingOrUnsupportedMetadata() throws IOException {
        GgufWriter noLayers = valid();
        noLayers.metadata.remove("llama.block_count");
        refused(noLayers.write(dir.resolve("layers.gguf"))).hasMessageContaining("no metadata key 'llama.block_count'");
        GgufWriter wrongType = valid();
        wrongType.putString("llama.embedding_length", "sixty-four");
        refused(wrongType.write(dir.resolve("wrong.gguf"))).hasMessageContaining("llama.embedding_length")
                .hasMessageContaining("expected an integer");
        GgufWriter gemma = valid();
        gemma.putString("general.architecture", "gemma");
        refused(gemma.write(dir.resolve("gemma.gguf"))).hasMessageContaining("'gemma'").hasMessageContaining("qwen2");
        GgufWriter noTokens = valid();
        noTokens.metadata.remove("tokenizer.ggml.tokens");
        refused(noTokens.write(dir.resolve("tokens.gguf"))).hasMessageContaining("tokenizer.ggml.tokens");
        GgufWriter yarn = valid();
        yarn.putString("llama.rope.scaling.type", "yarn");
        refused(yarn.write(dir.resolve("yarn.gguf"))).hasMessageContaining("rope.scaling.type 'yarn'");
        assertThatThrownBy(() -> ModelFolder.open(Files.writeString(dir.resolve("model.bin"), "x")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("not a .gguf one");
    }

    private static GgufWriter.Tensor find(GgufWriter w, String name) {
        return w.tensors.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static void retype(GgufWriter w, String name, int type) {
        GgufWriter.Tensor t = find(w, name);
        w.tensors.set(w.tensors.indexOf(t), new GgufWriter.Tensor(t.name(), t.dims(), type, t.data()));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
