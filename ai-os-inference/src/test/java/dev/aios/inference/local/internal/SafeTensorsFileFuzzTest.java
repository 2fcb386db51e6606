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
 * Fuzzes the safetensors header reader: whatever bytes a {@code .safetensors} file holds,
 * {@link SafeTensorsFile#open} either opens it, with every tensor mappable, or refuses it with a
 * {@link ModelFormatException} that says why; never another exception, an out-of-memory or a hang.
 *
 * <p>A plain test run replays the corpus in {@code SafeTensorsFileFuzzTestInputs/}; {@code
 * JAZZER_FUZZ=1} fuzzes (see {@code .ci/fuzz-short}).
 */
class SafeTensorsFileFuzzTest {
    private static Path dir;
    private static Path file;

    @BeforeAll
    static void createFile() throws IOException {
        dir = Files.createTempDirectory("safetensors-fuzz");
        file = dir.resolve("model.safetensors");
    }

    @AfterAll
    static void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /**
     * The last input byte picks the shape: mostly a correct length prefix over the rest (so the
     * fuzzer spends its time in the JSON header), sometimes the raw bytes as the whole file.
     */
    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({"\"dtype\"", "\"shape\"", "\"data_offsets\"", "\"__metadata__\"", "\"F32\"", "\"F16\"",
            "\"BF16\"", "\"I64\"", "18446744073709551615", "9223372036854775807", "-1", "1e309"})
    void openReadsOrRefuses(FuzzedDataProvider data) throws IOException {
        boolean raw = data.consumeBoolean();
        int dataBytes = data.consumeInt(0, 64);
        byte[] rest = data.consumeRemainingAsBytes();
        if (raw) {
            Files.write(file, rest);
        } else {
            ByteBuffer bytes = ByteBuffer.allocate(8 + rest.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
            bytes.putLong(rest.length).put(rest);
            Files.write(file, bytes.array());
        }
        try (SafeTensorsFile opened = SafeTensorsFile.open(file)) {
            for (TensorInfo tensor : opened.tensors().values()) {
                assertThat(opened.map(tensor).remaining()).isEqualTo(tensor.length());
            }
        } catch (ModelFormatException refused) {
            assertThat(refused.getMessage()).as("a refusal says why").isNotBlank();
        }
    }
}
