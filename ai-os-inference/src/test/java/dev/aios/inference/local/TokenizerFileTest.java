package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written tokenizer.json is a real Hugging Face tokenizer file, checked with DJL's binding. */
class TokenizerFileTest {

    @TempDir
    Path dir;

    private static HuggingFaceTokenizer load(Path model) throws IOException {
        return HuggingFaceTokenizer.builder()
                .optTokenizerPath(model.resolve("tokenizer.json"))
                .optAddSpecialTokens(false)
                .build();
    }

    @Test
    void loadsAndRoundTripsTextIncludingNonAscii() throws IOException {
        Path model = RandomCheckpoint.builder().writeTo(dir.resolve("m"));
        String[] texts = {
            "Hello, world! The answer is 42.",
            "  leading spaces, tabs\tand\nnewlines  ",
            "Grüße aus Köln – naïve café, 日本語のテキスト, emoji 🙂👍🏽, Ελληνικά, עברית",
            "",
        };
        try (HuggingFaceTokenizer tokenizer = load(model)) {
            for (String text : texts) {
                Encoding e = tokenizer.encode(text);
                assertThat(tokenizer.decode(e.getIds())).isEqualTo(text);
                for (long id : e.getIds()) {
                    assertThat(id).isBetween(3L, 383L);
                }
            }
            // Merges make ordinary English shorter than its bytes.
            assertThat(tokenizer.encode(" the and in the").getIds().length).isLessThan(15);
        }
    }

    @Test
    void roundTripsRandomUnicodeAtFullSmolLmVocabulary() throws IOException {
        Path model = RandomCheckpoint.builder().vocab(49152).layers(1).hidden(16).heads(2).kvHeads(1)
                .intermediate(16).writeTo(dir.resolve("big-vocab"));
        JsonNode json = new ObjectMapper().readTree(model.resolve("tokenizer.json").toFile());
        assertThat(json.get("model").get("vocab").size()).isEqualTo(49152);
        assertThat(json.get("model").get("merges").size()).isEqualTo(49152 - 259);
        SplittableRandom random = new SplittableRandom(5);
        try (HuggingFaceTokenizer tokenizer = load(model)) {
            for (int n = 0; n < 50; n++) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < 40; i++) {
                    int cp = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(' ', 0x7F);
                        case 1 -> random.nextInt(0xA0, 0x800);
                        case 2 -> random.nextInt(0x4E00, 0x9FFF);
                        default -> random.nextInt(0x1F300, 0x1FAFF);
                    };
                    s.appendCodePoint(cp);
                }
                String text = s.toString();
                Encoding e = tokenizer.encode(text);
                assertThat(tokenizer.decode(e.getIds())).isEqualTo(text);
            }
            assertThat(tokenizer.encode("the weather").getTokens()).contains("the");
        }
    }

    @Test
    void specialTokensHaveTheirIdsAndAreNotAddedUnasked() throws IOException {
        Path model = RandomCheckpoint.builder().writeTo(dir.resolve("m"));
        try (HuggingFaceTokenizer tokenizer = load(model)) {
            Encoding e = tokenizer.encode("<|im_start|>user\nhi<|im_end|>\n<|endoftext|>");
            long[] ids = e.getIds();
            assertThat(ids[0]).isEqualTo(1);
            Set<Long> set = new HashSet<>();
            for (long id : ids) {
                set.add(id);
            }
            assertThat(set).contains(0L, 1L, 2L);
            assertThat(tokenizer.decode(ids, false)).isEqualTo("<|im_start|>user\nhi<|im_end|>\n<|endoftext|>");
            assertThat(tokenizer.decode(ids, true)).isEqualTo("user\nhi\n");
            assertThat(tokenizer.encode("a").getIds()).hasSize(1);
        }
        // The plain factory (which may read tokenizer_config.json beside it) loads the folder too.
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(model)) {
            Encoding e = tokenizer.encode("Grüße 🙂", false, false);
            assertThat(tokenizer.decode(e.getIds())).isEqualTo("Grüße 🙂");
        }
    }
}
