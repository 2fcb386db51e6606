package dev.aios.inference.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aios.inference.local.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the GGUF reader: whatever bytes a {@code .gguf} file holds, {@link GgufFile#open} either
 * opens it, with every tensor mappable and every tensor of a decodable type decodable, and
 * {@link GgufModel#open} either builds a model or refuses, always with a
 * {@link ModelFormatException} that says why; never another exception, an out-of-memory or a hang.
 *
 * <p>A plain test run replays the corpus in {@code GgufFileFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes (see {@code .ci/fuzz-short}).
 */
class GgufFileFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        dir = Files.createTempDirectory("gguf-fuzz");
        file = dir.resolve("model.gguf");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /**
     * The first input byte picks the shape: mostly a correct magic and version 3 before the rest
     * (so the fuzzer spends its time in the counts, metadata and tensor infos), sometimes the raw
     * bytes as the whole file.
     */
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"general.architecture", "general.alignment", "llama.block_count", "tokenizer.ggml.tokens",
            "token_embd.weight", "GGUF"})
    void openReadsOrRefuses(FuzzedDataProvider data) throws IOException {
        boolean raw = data.consumeBoolean();
        byte[] rest = data.consumeRemainingAsBytes();
        if (raw) {
            Files.write(file, rest);
        } else {
            ByteBuffer bytes = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
            bytes.putInt(0x46554747).putInt(3).put(rest);
            Files.write(file, bytes.array());
        }
        try (GgufFile opened = GgufFile.open(file)) {
            for (GgufFile.Tensor t : opened.tensors().values()) {
                ByteBuffer mapped = opened.map(t);
                assertThat(mapped.remaining()).isEqualTo(t.bytes());
                if (t.type().decodable && t.elements() > 0 && t.bytes() <= 1 << 16) {
                    float[] row = new float[(int) t.dims()[0]];
                    GgmlDequantizer.decode(t.type(), mapped, 0, row);
                }
            }
        } catch (ModelFormatException refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
        }
        try (GgufModel model = GgufModel.open(file)) {
            assertThat(model.config().layers()).isPositive();
            GgufTokenizerJson.write(model.file().metadata());
        } catch (ModelFormatException refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
        }
    }
}
