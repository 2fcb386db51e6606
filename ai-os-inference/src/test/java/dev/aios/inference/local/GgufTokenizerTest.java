package dev.aios.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aios.inference.local.internal.ModelFolder;
import dev.aios.inference.local.internal.ModelTokenizer;
import dev.aios.testing.checkpoint.RandomCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokenizers read from GGUF metadata encode and decode like the tokenizer.json they came from. */
class GgufTokenizerTest {
    @TempDir
    Path dir;

    private static final String[] TEXTS = {
        "Hello, world! The answer is 42.",
        "  leading spaces, tabs\tand\nnewlines  ",
        "Grüße aus Köln – naïve café, 日本語のテキスト, emoji 🙂👍🏽, Ελληνικά, עברית",
        "digits 1234567890 and 3.14159, 1e-9",
        "<|im_start|>user\nhi<|im_end|>\n",
        "",
    };

    @Test
    void gpt2TokenizerFromMetadataMatchesTheTokenizerJson() throws IOException {
        Path folder = RandomCheckpoint.builder().vocab(4096).layers(1).hidden(16).heads(2).kvHeads(1).intermediate(16)
                .writeTo(dir.resolve("m"));
        Path gguf = HfToGguf.convert(folder, dir.resolve("m.gguf"), name -> GgufWriter.F32);
        List<String> texts = new ArrayList<>(List.of(TEXTS));
        SplittableRandom random = new SplittableRandom(5);
        for (int n = 0; n < 30; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                s.appendCodePoint(switch (random.nextInt(5)) {
                    case 0 -> random.nextInt(' ', 0x7F);
                    case 1 -> random.nextInt(0xA0, 0x800);
                    case 2 -> random.nextInt(0x4E00, 0x9FFF);
                    case 3 -> " the and in ".charAt(random.nextInt(12));
                    default -> random.nextInt(0x1F300, 0x1FAFF);
                });
            }
            texts.add(s.toString());
        }
        try (ModelFolder hf = ModelFolder.open(folder); ModelFolder gg = ModelFolder.open(gguf);
                ModelTokenizer expected = ModelTokenizer.load(hf); ModelTokenizer actual = ModelTokenizer.load(gg)) {
            for (String text : texts) {
                int[] ids = expected.encode(text);
                assertThat(actual.encode(text)).as(text).isEqualTo(ids);
                assertThat(actual.decode(ids, ids.length)).isEqualTo(expected.decode(ids, ids.length));
            }
            assertThat(actual.tokenId("<|im_end|>")).isEqualTo(2);
            // Control tokens are special: left out when decoding.
            assertThat(actual.decode(actual.encode("<|im_start|>hi"), 2)).isEqualTo("hi");
        }
    }

    @Test
    void sentencePieceTokenizerMergesByScoreAndFallsBackToBytes() throws IOException {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        List<Double> scores = new ArrayList<>(List.of(0.0, 0.0, 0.0));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6);
            scores.add(0.0);
        }
        String[] pieces = {"\u2581", "t", "h", "e", "a", "\u2581t", "he", "\u2581the", "at", "\u2581h"};
        double[] pieceScores = {-100, -100, -100, -100, -100, -1, -2, -3, -4, -5};
        for (int i = 0; i < pieces.length; i++) {
            tokens.add(pieces[i]);
            types.add(1);
            scores.add(pieceScores[i]);
        }
        int first = 3 + 256;
        Path folder = RandomCheckpoint.builder().vocab(tokens.size()).layers(1).hidden(16).heads(2).kvHeads(1)
                .intermediate(16).writeTo(dir.resolve("spm"));
        GgufWriter w = HfToGguf.writer(folder, name -> GgufWriter.F32);
        w.metadata.remove("tokenizer.ggml.merges");
        w.putString("tokenizer.ggml.model", "llama").putArray("tokenizer.ggml.tokens", GgufWriter.STRING, tokens)
                .putArray("tokenizer.ggml.token_type", GgufWriter.INT32, types)
                .putArray("tokenizer.ggml.scores", GgufWriter.FLOAT32, scores)
                .putU32("tokenizer.ggml.unknown_token_id", 0).putU32("tokenizer.ggml.bos_token_id", 1)
                .putU32("tokenizer.ggml.eos_token_id", 2);
        try (ModelFolder gg = ModelFolder.open(w.write(dir.resolve("spm.gguf")));
                ModelTokenizer tokenizer = ModelTokenizer.load(gg)) {
            // "▁the▁hat": ▁t, then he, then ▁the, then at, then ▁h, by falling score.
            assertThat(tokenizer.encode("the hat")).containsExactly(first + 7, first + 9, first + 8);
            // é is no piece: its UTF-8 bytes 0xC3 0xA9 are byte tokens.
            assertThat(tokenizer.encode("the é")).containsExactly(first + 7, first, 3 + 0xC3, 3 + 0xA9);
            for (String text : new String[] {"the hat", "the é", "a  tea, 日本 🙂", "hat\nthe"}) {
                int[] ids = tokenizer.encode(text);
                assertThat(tokenizer.decode(ids, ids.length)).isEqualTo(text);
            }
            assertThat(tokenizer.tokenId("</s>")).isEqualTo(2);
        }
    }
}
