package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalModel loads a .gguf file like the folder it was converted from, through the public API. */
class GgufLocalModelTest {
    @TempDir
    Path dir;

    @Test
    void ggufFileGeneratesTheFoldersTokensWithItsChatTemplate() throws IOException {
        Path folder = RandomCheckpoint.builder().seed(21).writeTo(dir.resolve("tiny"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("tiny.gguf"), name -> GgufWriter.F32);
        GenerationOptions greedy = GenerationOptions.builder().maxTokens(16).ignoreEos(true).build();
        List<Map.Entry<String, String>> chat = List.of(Map.entry("system", "Be brief."), Map.entry("user", "Hi there"));
        try (LocalModel a = LocalModel.builder(folder).maxSequenceLength(128).build();
                LocalModel b = LocalModel.builder(gguf).maxSequenceLength(128).build()) {
            assertThat(b.name()).isEqualTo("tiny.gguf");
            assertThat(b.chatPrompt(chat)).isEqualTo(a.chatPrompt(chat)).contains("<|im_start|>user\nHi there");
            int[] prompt = a.encode(a.chatPrompt(chat));
            assertThat(b.encode(b.chatPrompt(chat))).isEqualTo(prompt);
            GenerationResult expected = a.generate(prompt, greedy);
            GenerationResult actual = b.generate(prompt, greedy);
            assertThat(actual.tokens()).isEqualTo(expected.tokens());
            assertThat(actual.text()).isEqualTo(expected.text());
        }
    }
}
